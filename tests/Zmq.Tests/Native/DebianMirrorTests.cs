using Zmq.Tests.Support;

namespace Zmq.Tests.Native;

/// <summary>
/// build/debian-mirror.sh: the scripts that fetch Debian packages take the mirror from the machine's
/// own apt configuration (deb822 or one-line), with ZMQ_DEBIAN_MIRROR to override it. Each case runs
/// the script against an apt folder and os-release of its own.
/// </summary>
public sealed class DebianMirrorTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("zmq-mirror-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [LinuxFact]
    public void Deb822_sources_give_the_archive_of_the_machines_suite_and_its_security_archive()
    {
        WriteApt("sources.list.d/another.sources", """
            Types: deb
            URIs: http://third-party.example/apt
            Suites: bookworm
            Components: extras

            """);
        WriteApt("sources.list.d/debian.sources", """
            # a comment
            Types: deb
            URIs: http://disabled.example/debian
            Suites: bookworm
            Components: main
            Enabled: false

            Types: deb deb-src
            URIs: http://mirror.example/debian/ http://second.example/debian
            Suites: bookworm bookworm-updates
            Components: main

            Types: deb
            URIs: http://mirror.example/debian-security
            Suites: bookworm-security
            Components: main
            """);
        var (mirror, security) = Resolve();
        Assert.Equal("http://mirror.example/debian", mirror);
        Assert.Equal("http://mirror.example/debian-security", security);
    }

    [LinuxFact]
    public void One_line_sources_list_entries_are_read_with_or_without_options()
    {
        WriteApt("sources.list", """
            # deb http://commented.example/debian bookworm main
            deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://proxy.example:3142/debian bookworm main
            deb http://proxy.example:3142/debian-security bookworm-security main
            """);
        var (mirror, security) = Resolve();
        Assert.Equal("http://proxy.example:3142/debian", mirror);
        Assert.Equal("http://proxy.example:3142/debian-security", security);
    }

    [LinuxFact]
    public void ZMQ_DEBIAN_MIRROR_overrides_the_machine_and_drops_its_security_archive()
    {
        WriteApt("sources.list", "deb http://mirror.example/debian bookworm main\ndeb http://mirror.example/debian-security bookworm-security main\n");
        var (mirror, security) = Resolve(new Dictionary<string, string> { ["ZMQ_DEBIAN_MIRROR"] = "http://override.example/debian/" });
        Assert.Equal("http://override.example/debian", mirror);
        Assert.Equal("", security);
    }

    [LinuxFact]
    public void No_archive_for_the_machines_suite_is_an_error_naming_the_override()
    {
        WriteApt("sources.list", "deb http://mirror.example/debian trixie main\n");
        var result = Run(null);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no Debian archive for suite 'bookworm'", result.Error, StringComparison.Ordinal);
        Assert.Contains("ZMQ_DEBIAN_MIRROR", result.Error, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void A_system_that_is_not_Debian_needs_the_override()
    {
        WriteApt("sources.list", "deb http://mirror.example/ubuntu bookworm main\n");
        var result = Run(null, osRelease: "ID=ubuntu\nVERSION_CODENAME=bookworm\n");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not a Debian system", result.Error, StringComparison.Ordinal);
        Assert.Contains("ZMQ_DEBIAN_MIRROR", result.Error, StringComparison.Ordinal);
    }

    private void WriteApt(string relativePath, string text)
    {
        string path = Path.Combine(_work, "apt", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private (string Mirror, string Security) Resolve(Dictionary<string, string>? environment = null)
    {
        var result = Run(environment);
        result.AssertSucceeded();
        string[] lines = result.Output.Split('\n');
        return (lines[0], lines.Length > 1 ? lines[1] : "");
    }

    private ChildProcess.Result Run(Dictionary<string, string>? environment, string osRelease = "ID=debian\nVERSION_CODENAME=bookworm\n")
    {
        Directory.CreateDirectory(Path.Combine(_work, "apt", "sources.list.d"));
        string release = Path.Combine(_work, "os-release");
        File.WriteAllText(release, osRelease);
        environment ??= [];
        environment["ZMQ_APT_DIR"] = Path.Combine(_work, "apt");
        environment["ZMQ_OS_RELEASE"] = release;
        environment.TryAdd("ZMQ_DEBIAN_MIRROR", "");
        string script = Path.Combine(Repository.Root, "build", "debian-mirror.sh");
        return ChildProcess.Run("/bin/bash", ["-c", $". '{script}' && debian_mirror && debian_security_mirror"], TimeSpan.FromSeconds(30), environment);
    }
}
