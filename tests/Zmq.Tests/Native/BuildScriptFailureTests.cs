using Zmq.Tests.Support;

namespace Zmq.Tests.Native;

/// <summary>
/// native/build-libzmq.sh's failures: each prints one line naming the step, exits non-zero and
/// leaves nothing in the cache or the output folder. Each run uses its own cache and output folder.
/// </summary>
public sealed class BuildScriptFailureTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("zmq-build-failure-").FullName;

    private string Cache => Path.Combine(_work, "cache");

    private string Output => Path.Combine(_work, "out");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [LinuxFact]
    public void A_checksum_mismatch_stops_the_build() => AssertFailsCleanly(
        PinWith("LIBZMQ_ORIG_SHA256=", "LIBZMQ_ORIG_SHA256=" + new string('0', 64)),
        null,
        "checksum mismatch for zeromq3_4.3.4.orig.tar.gz: expected 0000000000000000000000000000000000000000000000000000000000000000");

    [LinuxFact]
    public void An_unreachable_mirror_is_a_fetch_failure_naming_it() => AssertFailsCleanly(
        Path.Combine(Repository.Root, "native", "libzmq-source.env"),
        null,
        "fetching the source index failed (apt-get update with a private deb-src list for http://127.0.0.1:9/debian)",
        new Dictionary<string, string> { ["ZMQ_DEBIAN_MIRROR"] = "http://127.0.0.1:9/debian" });

    [LinuxFact]
    public void A_missing_toolchain_says_what_to_install()
    {
        // Every tool of /usr/bin and /bin but cmake.
        string bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        foreach (string folder in (string[])["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
        {
            foreach (string tool in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
            {
                string link = Path.Combine(bin, Path.GetFileName(tool));
                if (Path.GetFileName(tool) != "cmake" && !File.Exists(link))
                {
                    File.CreateSymbolicLink(link, tool);
                }
            }
        }
        AssertFailsCleanly(Path.Combine(Repository.Root, "native", "libzmq-source.env"), bin,
            "missing cmake; install with: apt-get install cmake (or pass --install-toolchain)");
    }

    private string PinWith(string linePrefix, string replacement)
    {
        string pin = Path.Combine(_work, "pin.env");
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "native", "libzmq-source.env"))
            .Select(line => line.StartsWith(linePrefix, StringComparison.Ordinal) ? replacement : line);
        File.WriteAllLines(pin, lines);
        return pin;
    }

    private void AssertFailsCleanly(string pin, string? path, string expected, Dictionary<string, string>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string>(extraEnvironment ?? []) { ["ZMQ_NATIVE_CACHE"] = Cache };
        if (path is not null)
        {
            environment["PATH"] = path;
        }
        var result = ChildProcess.Run("/bin/bash",
            [Path.Combine(Repository.Root, "native", "build-libzmq.sh"), $"--source-env={pin}", $"--out={Output}"],
            TimeSpan.FromMinutes(3), environment);
        Assert.False(result.TimedOut);
        Assert.NotEqual(0, result.ExitCode);
        string lastLine = result.Error.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("build-libzmq.sh: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output), "an output folder was left behind");
        Assert.True(!Directory.Exists(Cache) || Directory.GetFileSystemEntries(Cache).Length == 0,
            $"the cache holds {string.Join(", ", Directory.Exists(Cache) ? Directory.GetFileSystemEntries(Cache) : [])}");
    }
}
