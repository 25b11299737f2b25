using Zmq.Samples.Harness;

namespace Zmq.Samples.Demo;

/// <summary>
/// Starts the demo roles, checks what each printed and how it exited, and reports. The roles that
/// bind (server, publisher, ventilator, sink) run on <c>binders</c>, the roles that connect on
/// <c>connectors</c>: both the host for the plain demo, or an emulated platform for either or both.
/// </summary>
internal sealed class DemoRunner(SamplePlatform binders, SamplePlatform connectors)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const string AnyPort = "tcp://127.0.0.1:*";
    private readonly Lock _console = new();
    private readonly List<string> _failures = [];
    private readonly List<string> _passed = [];

    private void Echo(string label, string line)
    {
        lock (_console)
        {
            Console.WriteLine($"[{label}] {line}");
        }
    }

    private PeerProcess Bind(string program, string role, string label, params string[] args) =>
        binders.Start(program, role, args, label, Echo);

    private PeerProcess Connect(string program, string role, string label, params string[] args) =>
        connectors.Start(program, role, args, label, Echo);

    /// <summary>What the banners say about where the roles run.</summary>
    private string Where => binders == connectors
        ? (binders == SamplePlatform.Host ? "" : $" (every role on {binders.Name})")
        : $" (binding roles on {binders.Name}, connecting roles on {connectors.Name})";

    /// <summary>REP server and REQ client: three requests, three replies.</summary>
    public void RequestReply()
    {
        Banner("request-reply: REQ client -> REP server" + Where);
        using var server = Bind("requestreply", "server", "server", $"--bind={AnyPort}", "--count=3", "--timeout=30000");
        string endpoint = server.WaitForBoundEndpoint(Deadline);
        using var client = Connect("requestreply", "client", "client", $"--connect={endpoint}", "--count=3", "--timeout=30000");
        Expect("request-reply", client, "response: I am OK!", 3);
        Expect("request-reply", server, "Received: Are you OK?", 3);
    }

    /// <summary>One PUB publisher, two SUB subscribers.</summary>
    public void PublishSubscribe()
    {
        Banner("pub-sub: PUB publisher -> two SUB subscribers" + Where);
        // PUB drops what it sends before a subscriber's subscription has arrived, and subscribers
        // under an emulator take seconds to start: the publisher waits for both subscriptions
        // (--subscribers=2), then every message it sends reaches both, so it sends just the count
        // each one waits for.
        using var publisher = Bind("pubsub", "publisher", "publisher", $"--bind={AnyPort}", "--subscribers=2", "--timeout=60000", "--count=5", "--interval=300");
        string endpoint = publisher.WaitForBoundEndpoint(Deadline);
        using var first = Connect("pubsub", "subscriber", "subscriber 1", $"--connect={endpoint}", "--count=5", "--timeout=30000");
        using var second = Connect("pubsub", "subscriber", "subscriber 2", $"--connect={endpoint}", "--count=5", "--timeout=30000");
        Expect("pub-sub", first, "response: 消息群发", 5);
        Expect("pub-sub", second, "response: 消息群发", 5);
        Expect("pub-sub", publisher, "发送消息", 5);
    }

    /// <summary>PUSH ventilator, a worker forwarding, PULL sink: nothing may be lost.</summary>
    public void Pipeline()
    {
        Banner("pipeline: PUSH ventilator -> worker -> PULL sink" + Where);
        using var sink = Bind("pipeline", "sink", "sink", $"--bind={AnyPort}", "--count=5", "--timeout=30000");
        using var ventilator = Bind("pipeline", "ventilator", "ventilator", $"--bind={AnyPort}", "--count=5", "--interval=200");
        string results = sink.WaitForBoundEndpoint(Deadline);
        string tasks = ventilator.WaitForBoundEndpoint(Deadline);
        using var worker = Connect("pipeline", "worker", "worker", $"--pull={tasks}", $"--push={results}", "--count=5", "--timeout=30000");
        Expect("pipeline", sink, "response: 测试消息", 5);
        Expect("pipeline", worker, "正在转发...", 5);
        Expect("pipeline", ventilator, "已发送", 5);
    }

    /// <summary>Runs the three demos.</summary>
    public void RunAll()
    {
        RequestReply();
        PublishSubscribe();
        Pipeline();
    }

    /// <summary>Prints the summary; returns the process exit code.</summary>
    public int Report()
    {
        Console.WriteLine();
        foreach (string line in _passed)
        {
            Console.WriteLine($"ok   {line}");
        }
        foreach (string line in _failures)
        {
            Console.WriteLine($"FAIL {line}");
        }
        Console.WriteLine(_failures.Count == 0
            ? $"All three demos ran end to end{Where}: every expected message arrived."
            : $"{_failures.Count} check(s) failed{Where}.");
        return _failures.Count == 0 ? 0 : 1;
    }

    private void Expect(string demo, PeerProcess peer, string line, int count)
    {
        int? exitCode = peer.WaitForExit(Deadline);
        int seen = peer.Lines.Count(l => l == line);
        string what = $"{demo}: {peer.Label} printed '{line}' {seen}/{count} times, exit code {exitCode?.ToString() ?? "none (killed after the deadline)"}";
        if (exitCode == 0 && seen == count)
        {
            _passed.Add(what);
        }
        else
        {
            _failures.Add(what + (peer.Errors.Length > 0 ? $"; stderr: {peer.Errors.Trim()}" : string.Empty));
        }
    }

    private void Banner(string title)
    {
        lock (_console)
        {
            Console.WriteLine();
            Console.WriteLine($"=== {title}");
        }
    }
}
