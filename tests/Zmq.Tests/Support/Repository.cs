namespace Zmq.Tests.Support;

internal static class Repository
{
    /// <summary>The checkout's root: the first folder above the test binaries that holds Zmq.sln.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Zmq.sln")))
            {
                directory = directory.Parent;
            }
            Assert.True(directory is not null, "Zmq.sln not found above " + AppContext.BaseDirectory);
            return directory.FullName;
        }
    }
}
