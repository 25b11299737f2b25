// A NativeAOT-published console that exercises the binding end to end: if the interop layer used
// runtime marshalling or reflection, the publish would warn (an error here) or this would fail.
//   Zmq.AotSmoke [--expect-origin=Bundled|StaticallyLinked|System|Override]  (or the value as the next argument)
using Zmq;
using Zmq.Interop;

try
{
    Console.WriteLine(ZmqLibrary.Describe());
    string? expected = args switch
    {
        ["--expect-origin", string value] => value,
        [string option] when option.StartsWith("--expect-origin=", StringComparison.Ordinal) => option["--expect-origin=".Length..],
        [] => null,
        _ => throw new ArgumentException($"unexpected arguments '{string.Join(' ', args)}' (expected --expect-origin=<origin>)"),
    };
    if (expected is not null && ZmqLibrary.Origin.ToString() != expected)
    {
        throw new InvalidOperationException($"libzmq came from {ZmqLibrary.Origin}, expected {expected}");
    }
    if (ZmqLibrary.Has("draft") && !LibZmqExports.TryGetExport("zmq_poller_new", out _))
    {
        throw new InvalidOperationException("libzmq has the draft API but its exports cannot be found by name");
    }
    using var context = new ZmqContext();
    foreach (string endpoint in new[] { "inproc://aot-smoke", "tcp://127.0.0.1:*" })
    {
        using var server = context.CreateSocket(ZmqSocketType.Rep);
        using var client = context.CreateSocket(ZmqSocketType.Req);
        server.ReceiveTimeout = client.ReceiveTimeout = TimeSpan.FromSeconds(10);
        server.Bind(endpoint);
        client.Connect(server.LastEndpoint);

        client.SendString("Are you OK?");
        using (var request = server.ReceiveMessage())
        {
            if (request.ToUtf8String() != "Are you OK?")
            {
                throw new InvalidOperationException($"unexpected request '{request.ToUtf8String()}'");
            }
        }
        server.SendMultipart("I am", "OK!");
        var reply = client.ReceiveMultipartStrings();
        if (string.Join(' ', reply) != "I am OK!")
        {
            throw new InvalidOperationException($"unexpected reply '{string.Join('|', reply)}'");
        }
        Console.WriteLine($"request-reply over {server.LastEndpoint}: OK");

        // The async engine too: its epoll backend reaches libc through function pointers, which
        // must survive trimming and NativeAOT. The receive parks before the request is sent.
        var awaited = server.ReceiveStringAsync().AsTask();
        Thread.Sleep(50);
        await client.SendStringAsync("awaited");
        if (await awaited.WaitAsync(TimeSpan.FromSeconds(10)) != "awaited")
        {
            throw new InvalidOperationException("the awaited request came back different");
        }
        await server.SendStringAsync("awaited reply");
        if (await client.ReceiveStringAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)) != "awaited reply")
        {
            throw new InvalidOperationException("the awaited reply came back different");
        }
        Console.WriteLine($"async request-reply over {server.LastEndpoint} ({ZmqLibrary.AsyncBackend}): OK");
    }
    Console.WriteLine("AOT smoke test passed");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"AOT smoke test failed: {e}");
    return 1;
}
