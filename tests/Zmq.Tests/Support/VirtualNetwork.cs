using System.Diagnostics;

namespace Zmq.Tests.Support;

/// <summary>
/// Two hosts on one machine: two Linux network namespaces joined by a veth pair (a virtual cable),
/// each with its own address. Peers run in a host with <see cref="Host.Launcher"/>; the cable can be
/// pulled and plugged back mid-run. Needs root and iproute2 (installed by native/install-libzmq.sh
/// --netns). Dispose deletes both namespaces, which also removes the veth pair.
/// </summary>
internal sealed class VirtualNetwork : IDisposable
{
    private static int s_counter;

    /// <summary>One host: its namespace, its end of the cable and its address on it.</summary>
    public sealed record Host(string Namespace, string Interface, string Address)
    {
        /// <summary>The command prefix that runs a program inside this host (exec, so the PID is the program's).</summary>
        public IReadOnlyList<string> Launcher => ["ip", "netns", "exec", Namespace];
    }

    private VirtualNetwork(Host a, Host b)
    {
        A = a;
        B = b;
    }

    public Host A { get; }

    public Host B { get; }

    /// <summary>Creates the two hosts and the cable between them; throws naming the failed ip command.</summary>
    public static VirtualNetwork Create()
    {
        int n = Interlocked.Increment(ref s_counter);
        int pid = Environment.ProcessId;
        // Unique per process and per network, so parallel runs and leftovers never collide. The
        // interface names stay within the kernel's 15 characters.
        string prefix = $"zmqt-{pid}-{n}";
        string subnet = $"10.{200 + (pid % 50)}.{n % 250}";
        var a = new Host(prefix + "-a", $"zt{pid % 100000}x{n}a", subnet + ".1");
        var b = new Host(prefix + "-b", $"zt{pid % 100000}x{n}b", subnet + ".2");
        var network = new VirtualNetwork(a, b);
        try
        {
            Ip("netns", "add", a.Namespace);
            Ip("netns", "add", b.Namespace);
            Ip("link", "add", a.Interface, "type", "veth", "peer", "name", b.Interface);
            foreach (Host host in new[] { a, b })
            {
                Ip("link", "set", host.Interface, "netns", host.Namespace);
                Ip("-n", host.Namespace, "addr", "add", host.Address + "/24", "dev", host.Interface);
                Ip("-n", host.Namespace, "link", "set", host.Interface, "up");
                Ip("-n", host.Namespace, "link", "set", "lo", "up");
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }

    /// <summary>Pulls the cable: both ends go down, so neither host can send and their routes to the other vanish.</summary>
    public void CutLink()
    {
        Ip("-n", A.Namespace, "link", "set", A.Interface, "down");
        Ip("-n", B.Namespace, "link", "set", B.Interface, "down");
    }

    /// <summary>Plugs the cable back in.</summary>
    public void RestoreLink()
    {
        Ip("-n", A.Namespace, "link", "set", A.Interface, "up");
        Ip("-n", B.Namespace, "link", "set", B.Interface, "up");
    }

    /// <summary>Deletes both namespaces (and with them the cable). Best effort: never throws.</summary>
    public void Dispose()
    {
        foreach (Host host in new[] { A, B })
        {
            TryIp("netns", "del", host.Namespace);
        }
    }

    /// <summary>Why namespaces cannot be made here, or null when they can (checked once by creating a network).</summary>
    public static string? Unavailable => s_unavailable.Value;

    private static readonly Lazy<string?> s_unavailable = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are a Linux facility";
        }
        try
        {
            using VirtualNetwork probe = Create();
            return null;
        }
        catch (Exception e)
        {
            return $"cannot create network namespaces with veth here (needs root and iproute2: native/install-libzmq.sh --netns): {e.Message}";
        }
    });

    private static void Ip(params string[] arguments)
    {
        (int exitCode, string error) = RunIp(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'ip {string.Join(' ', arguments)}' failed ({exitCode}): {error.Trim()}");
        }
    }

    private static void TryIp(params string[] arguments)
    {
        try
        {
            RunIp(arguments);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Cleanup of a network that was never fully made.
        }
    }

    private static (int ExitCode, string Error) RunIp(string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ip");
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return (-1, "timed out");
        }
        return (process.ExitCode, error);
    }
}

/// <summary>A fact that needs <see cref="VirtualNetwork"/>; skipped, saying why, only where namespaces cannot be made.</summary>
internal sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (VirtualNetwork.Unavailable is string reason)
        {
            Skip = reason;
        }
    }
}
