using System.Text.RegularExpressions;
using System.Xml.Linq;
using Zmq.Tests.Support;

namespace Zmq.Tests.Native;

/// <summary>
/// No tracked file names a package registry's host: scripts take the Debian mirror from the
/// machine's apt configuration (build/debian-mirror.sh) and restore from whatever NuGet feed the
/// machine is set up with. The hosts checked are the ones this machine uses, read from its own
/// configuration, so the test names none itself.
/// </summary>
public sealed partial class PackageHostTests
{
    [LinuxFact]
    public void No_tracked_file_names_a_package_host_this_machine_uses()
    {
        // Host names only: an address (a proxy at 10.0.0.2) is this machine's setting, not a registry.
        var hosts = AptHosts().Concat(NuGetHosts())
            .Where(h => h.Length > 0 && !System.Net.IPAddress.TryParse(h, out _))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(hosts.Count > 0, "no package host found in this machine's apt or NuGet configuration: nothing to check against");

        var git = ChildProcess.Run("git", ["-C", Repository.Root, "ls-files", "-z"], TimeSpan.FromSeconds(60));
        git.AssertSucceeded("git ls-files hung");
        var hits = new List<string>();
        foreach (string file in git.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string path = Path.Combine(Repository.Root, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 4 << 20)
            {
                continue;
            }
            string text = File.ReadAllText(path);
            hits.AddRange(hosts.Where(h => text.Contains(h, StringComparison.OrdinalIgnoreCase)).Select(h => $"{file}: {h}"));
        }
        Assert.True(hits.Count == 0, "package hosts written into tracked files: " + string.Join("; ", hits));
    }

    /// <summary>The hosts of every apt entry, read the way the build scripts read them.</summary>
    private static IEnumerable<string> AptHosts()
    {
        string script = Path.Combine(Repository.Root, "build", "debian-mirror.sh");
        var result = ChildProcess.Run("/bin/bash", ["-c", $". '{script}' && _debian_apt_entries"], TimeSpan.FromSeconds(30));
        result.AssertSucceeded();
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => HostOf(line.Split(' ')[0]));
    }

    /// <summary>The hosts of the NuGet sources in the user's and the machine's NuGet.Config files.</summary>
    private static IEnumerable<string> NuGetHosts()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] configs = [Path.Combine(home, ".nuget", "NuGet", "NuGet.Config"), Path.Combine(home, ".config", "NuGet", "NuGet.Config")];
        return configs.Where(File.Exists)
            .SelectMany(config => XDocument.Load(config).Descendants("add"))
            .Select(add => (string?)add.Attribute("value") ?? "")
            .Where(value => value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            .Select(HostOf);
    }

    private static string HostOf(string uri) => UriHost().Match(uri) is { Success: true } match ? match.Groups[1].Value : "";

    [GeneratedRegex(@"^[a-z+]+://(?:[^@/]*@)?([^/:]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UriHost();
}
