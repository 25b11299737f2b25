using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq.Tests.Platform;

/// <summary>
/// What the rest of the portable suite takes for granted: that it runs on the platform the runner
/// meant (ZMQ_TEST_EXPECTED_RID, set by build.cake: an emulator that silently fell back to the host
/// would prove nothing) and that the library under test is this RID's bundled build, with the
/// features it was built with.
/// </summary>
public class PlatformTests
{
    private static string RunningRid =>
        $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";

    [Fact]
    public void The_suite_runs_on_the_platform_the_runner_asked_for()
    {
        string? expected = Environment.GetEnvironmentVariable("ZMQ_TEST_EXPECTED_RID");
        Assert.True(expected is not null, "ZMQ_TEST_EXPECTED_RID is not set: build.cake's CrossPlatform target sets it to the RID it published for");
        Assert.Equal(expected, RunningRid);
    }

    [Fact]
    public void The_bundled_library_of_this_rid_is_loaded()
    {
        ZmqLibrary.EnsureLoaded();
        Assert.Equal(LibZmqOrigin.Bundled, ZmqLibrary.Origin);
        string file = Path.GetFileName(ZmqLibrary.Path);
        Assert.Equal(OperatingSystem.IsWindows() ? "libzmq.dll" : "libzmq.so", file);
        string directory = Path.GetDirectoryName(Path.GetFullPath(ZmqLibrary.Path))!;
        Assert.True(
            directory == Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar)
                || directory.EndsWith(Path.Combine("runtimes", RunningRid, "native"), StringComparison.Ordinal),
            $"libzmq loaded from {ZmqLibrary.Path}, not from the application or its runtimes/{RunningRid}/native folder");
        Assert.Equal(new Version(4, 3, 4), ZmqLibrary.Version);
    }

    [Fact]
    public void The_build_has_curve_and_the_draft_api()
    {
        Assert.True(ZmqLibrary.Has("curve"), "no CURVE: " + string.Join(", ", ZmqLibrary.Capabilities));
        Assert.True(ZmqLibrary.Has("draft"), "no draft API: " + string.Join(", ", ZmqLibrary.Capabilities));
    }
}
