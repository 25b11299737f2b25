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
        int? exitCode = peer.WaitForExit(Deadline);
        var lines = peer.Lines;
        Assert.True(exitCode == 0, $"{peer.Label} exit code {exitCode?.ToString() ?? "none (killed)"}; output [{string.Join(" | ", lines)}]; errors [{peer.Errors.Trim()}]");
        Assert.Equal(count, lines.Count(l => l == line));
    }
}
