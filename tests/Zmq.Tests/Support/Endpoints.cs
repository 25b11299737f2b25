namespace Zmq.Tests.Support;

/// <summary>Endpoints that never collide between tests: wildcard TCP ports, unique inproc and ipc names.</summary>
internal static class Endpoints
{
    private static int s_counter;

    public const string TcpAnyPort = "tcp://127.0.0.1:*";

    public static string Inproc() => $"inproc://test-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";

    public static string Ipc() => $"ipc://{Path.Combine(Path.GetTempPath(), $"zmq-test-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}.sock")}";

    /// <summary>A bindable endpoint of the given transport ("inproc", "ipc", "tcp").</summary>
    public static string ForBind(string transport) => transport switch
    {
        "inproc" => Inproc(),
        "ipc" => Ipc(),
        "tcp" => TcpAnyPort,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport"),
    };

    /// <summary>Binds and returns the endpoint a peer can connect to (the real port for wildcard TCP).</summary>
    public static string BindAny(this ZmqSocket socket, string transport)
    {
        socket.Bind(ForBind(transport));
        return socket.LastEndpoint;
    }

    /// <summary>The port of a <c>tcp://host:port</c> endpoint, for raw System.Net peers.</summary>
    public static int Port(string tcpEndpoint) =>
        int.Parse(tcpEndpoint[(tcpEndpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A TCP endpoint nobody listens on: a wildcard port bound, then released.</summary>
    public static string ReleasedTcpEndpoint(ZmqContext context)
    {
        using var probe = context.CreateBounded(ZmqSocketType.Pair);
        string endpoint = probe.BindAny("tcp");
        probe.Unbind(endpoint);
        return endpoint;
    }

    /// <summary>
    /// Binds an endpoint that a socket of this process released a moment ago. libzmq closes a
    /// listener asynchronously (on its I/O thread), so the port can stay busy for a little while
    /// after Unbind or Dispose returns: retry AddressInUse until the timeout.
    /// </summary>
    public static void BindReleased(this ZmqSocket socket, string endpoint)
    {
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (true)
        {
            try
            {
                socket.Bind(endpoint);
                return;
            }
            catch (ZmqException e) when (e.Error == ZmqError.AddressInUse && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // Retry interval of a loop bounded by the deadline; AddressInUse is the event's absence.
            }
        }
    }

    /// <summary>
    /// The transports the pattern tests run over: inproc, ipc and tcp, or the ones listed in
    /// ZMQ_TEST_TRANSPORTS (comma-separated). Only the portable suite's runner sets it, for a platform
    /// that lacks a transport (wine has no AF_UNIX, so no ipc://), and prints why (build.cake,
    /// tests/Zmq.PortableTests/exclusions.txt).
    /// </summary>
    public static TheoryData<string> Transports
    {
        get
        {
            string[] all = ["inproc", "ipc", "tcp"];
            string[] only = Environment.GetEnvironmentVariable("ZMQ_TEST_TRANSPORTS")?.Split(',', StringSplitOptions.TrimEntries) ?? all;
            // A misspelt name must fail the run, not quietly drop every test of that transport.
            string[] unknown = only.Except(all).ToArray();
            if (unknown.Length > 0)
            {
                throw new InvalidOperationException($"ZMQ_TEST_TRANSPORTS names unknown transport(s) {string.Join(", ", unknown)}; expected some of {string.Join(", ", all)}");
            }
            var data = new TheoryData<string>();
            foreach (string transport in all.Intersect(only))
            {
                data.Add(transport);
            }
            return data;
        }
    }
}
