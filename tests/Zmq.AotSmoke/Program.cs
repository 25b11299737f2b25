// A NativeAOT-published console that exercises the binding end to end: if the interop layer used
// runtime marshalling or reflection, the publish would warn (an error here) or this would fail.
using Zmq;

try
{
    Console.WriteLine(ZmqLibrary.Describe());
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
    }
    Console.WriteLine("AOT smoke test passed");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"AOT smoke test failed: {e}");
    return 1;
}
