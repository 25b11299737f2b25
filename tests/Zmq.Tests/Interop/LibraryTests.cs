using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

public class LibraryTests
{
    [Fact]
    public void Version_is_at_least_4_3()
    {
        Assert.True(ZmqLibrary.Version >= new Version(4, 3), $"libzmq {ZmqLibrary.Version}");
    }

    [Fact]
    public void Capabilities_come_from_zmq_has()
    {
        Assert.True(ZmqLibrary.Has("ipc"));
        Assert.True(ZmqLibrary.Has("curve"), "Debian's libzmq5 is built with CURVE (libsodium)");
        Assert.False(ZmqLibrary.Has("no-such-capability"));
        Assert.Contains("curve", ZmqLibrary.Capabilities);
        Assert.Throws<ArgumentException>(() => ZmqLibrary.Has(""));
        Assert.Throws<ArgumentNullException>(() => ZmqLibrary.Has(null!));
    }

    [LinuxFact]
    public void Path_names_the_loaded_file()
    {
        Assert.Contains("libzmq.so", ZmqLibrary.Path, StringComparison.Ordinal);
        Assert.True(File.Exists(ZmqLibrary.Path), ZmqLibrary.Path);
        Assert.Contains(ZmqLibrary.Version.ToString(), ZmqLibrary.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Library_path_cannot_change_once_loaded()
    {
        ZmqLibrary.EnsureLoaded();
        Assert.Throws<InvalidOperationException>(() => LibZmqResolver.LibraryPath = "/elsewhere/libzmq.so");
    }

    [Fact]
    public void A_wrong_override_path_fails_with_an_error_listing_what_was_probed()
    {
        var result = ChildProcess.DescribeLibrary("/nonexistent/libzmq.so.5");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'/nonexistent/libzmq.so.5'", result.Error, StringComparison.Ordinal);
        Assert.Contains("apt-get install libzmq5", result.Error, StringComparison.Ordinal);
        Assert.Contains("ZMQ_LIBRARY_PATH", result.Error, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void An_explicit_override_path_is_used()
    {
        var result = ChildProcess.DescribeLibrary(ZmqLibrary.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(ZmqLibrary.Path, result.Output, StringComparison.Ordinal);
    }
}
