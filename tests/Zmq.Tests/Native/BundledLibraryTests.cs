using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Native;

/// <summary>What native/build-libzmq.sh built, and that the resolver prefers it.</summary>
public class BundledLibraryTests
{
    private static string BuiltFolder => Path.Combine(Repository.Root, "artifacts", "native", "linux-x64");

    [LinuxFact]
    public void The_bundled_shared_library_needs_only_libc_and_a_static_library_sits_beside_it()
    {
        string library = Path.Combine(BuiltFolder, "libzmq.so");
        Assert.True(File.Exists(library), $"{library} is missing: run native/build-libzmq.sh");
        Assert.True(File.Exists(Path.Combine(BuiltFolder, "libzmq.a")));
        var readelf = ChildProcess.Run("readelf", ["-d", library], TimeSpan.FromSeconds(30));
        readelf.AssertSucceeded();
        var needed = readelf.Output.Split('\n')
            .Where(line => line.Contains("(NEEDED)", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf('[', StringComparison.Ordinal) + 1)..line.IndexOf(']', StringComparison.Ordinal)])
            .ToList();
        Assert.NotEmpty(needed);
        Assert.All(needed, name => Assert.True(
            name.StartsWith("libc.so", StringComparison.Ordinal) || name.StartsWith("ld-linux", StringComparison.Ordinal)
            || name.StartsWith("libm.so", StringComparison.Ordinal) || name.StartsWith("libpthread.so", StringComparison.Ordinal),
            $"libzmq.so needs {name}"));
        string info = File.ReadAllText(Path.Combine(BuiltFolder, "build-info.txt"));
        foreach (string flag in (string[])["-DENABLE_DRAFTS=ON", "-DENABLE_CURVE=ON", "-DWITH_LIBSODIUM=OFF", "-DENABLE_WS=OFF"])
        {
            Assert.Contains(flag, info, StringComparison.Ordinal);
        }
        Assert.Contains("orig_sha256=0ff5a531c9ffaf0dfdc7dc78d13d1383088f454896d252934c429b2554d10559", info, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Without_an_override_the_bundled_library_loads_and_says_what_it_was_built_with()
    {
        // A child process with the override cleared (the Debug run sets it to the OS library).
        var result = ChildProcess.DescribeLibrary("");
        result.AssertSucceeded();
        Assert.Contains("libzmq 4.3.4 (bundled) from ", result.Output, StringComparison.Ordinal);
        Assert.Contains("runtimes/linux-x64/native/libzmq.so", result.Output, StringComparison.Ordinal);
        Assert.Contains("curve", result.Output, StringComparison.Ordinal);
        Assert.Contains("draft", result.Output, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void The_override_takes_the_system_library_by_name()
    {
        var result = ChildProcess.DescribeLibrary("libzmq.so.5");
        result.AssertSucceeded();
        Assert.Contains("(override) from /", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("runtimes/linux-x64/native", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void This_process_reports_where_its_library_came_from()
    {
        LibZmqOrigin expected = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(LibZmqResolver.PathVariable))
            ? LibZmqOrigin.Bundled
            : LibZmqOrigin.Override;
        Assert.Equal(expected, ZmqLibrary.Origin);
        Assert.Equal(expected == LibZmqOrigin.Bundled, ZmqLibrary.Has("draft"));
    }
}
