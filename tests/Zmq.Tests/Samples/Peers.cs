using Zmq.Samples.Harness;
using Zmq.Tests.Support;

namespace Zmq.Tests.Samples;

/// <summary>Who plays a demo role: our C# sample program or the pyzmq script of tests/python.</summary>
public enum PeerKind
{
    CSharp,
    Python,
}

internal static class Peers
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    public const string AnyPort = "tcp://127.0.0.1:*";

    /// <summary>Starts <paramref name="role"/> of a demo ("requestreply", "pubsub", "pipeline").</summary>
    public static PeerProcess Start(PeerKind kind, string demo, string role, params string[] args) => kind switch
    {
        PeerKind.CSharp => PeerProcess.StartSample(demo, role, args, $"C# {role}"),
        _ => PeerProcess.StartPython(Path.Combine(Repository.Root, "tests", "python", demo + ".py"), role, args, $"Python {role}"),
    };

    /// <summary>Asserts a peer exited 0 after printing <paramref name="line"/> exactly <paramref name="count"/> times.</summary>
    public static void AssertPrinted(PeerProcess peer, string line, int count)
    {
        AssertExitedZero(peer);
        Assert.Equal(count, peer.Lines.Count(l => l == line));
    }

    /// <summary>Asserts a peer exited 0, showing what it printed when it did not.</summary>
    public static void AssertExitedZero(PeerProcess peer)
    {
        int? exitCode = peer.WaitForExit(Deadline);
        Assert.True(exitCode == 0, $"{peer.Label} exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (killed)"}; output [{string.Join(" | ", peer.Lines)}]; errors [{peer.Errors.Trim()}]");
    }
}
