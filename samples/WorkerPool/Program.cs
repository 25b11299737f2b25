// An async worker pool: REQ clients -> ROUTER frontend -> zmq_proxy -> DEALER backend -> workers.
// Each worker is an async loop on the shared reactor (no thread per worker).
//   workerpool run [--workers=4] [--clients=2] [--count=10] [--timeout=ms]
using System.Globalization;
using Zmq;
using Zmq.Samples;

return SampleHost.Run("workerpool", args,
    new SampleRole("run", ["workers", "clients", "count", "timeout"], Run));

static void Run(SampleSession session)
{
    int workers = (int)(session.Options.PositiveNumber("workers") ?? 4);
    int clients = (int)(session.Options.PositiveNumber("clients") ?? 2);
    long requests = session.Count ?? 10;
    using ZmqSocket frontend = session.CreateSocket(ZmqSocketType.Router);
    using ZmqSocket backend = session.CreateSocket(ZmqSocketType.Dealer);
    frontend.Bind("inproc://workerpool-frontend");
    backend.Bind("inproc://workerpool-backend");
    Task proxy = ZmqProxy.RunAsync(frontend, backend);

    using var stop = new CancellationTokenSource();
    var workerTasks = Enumerable.Range(1, workers).Select(id => Worker(session, id, stop.Token)).ToList();
    var clientTasks = Enumerable.Range(1, clients).Select(id => Task.Run(() => Client(session, id, requests))).ToList();
    if (!Task.WhenAll(clientTasks).Wait(session.Timeout ?? Timeout.InfiniteTimeSpan))
    {
        throw new SampleTimeoutException($"the clients did not get every reply within {session.Timeout?.TotalMilliseconds} ms (--timeout)");
    }
    stop.Cancel();
    Task.WhenAll(workerTasks).Wait();
    SampleSession.WriteLine($"all {clients * requests} requests answered by {workers} workers");
    session.Context.Shutdown(); // Ends the proxy, whose normal end is a shut-down context.
    proxy.Wait();
}

static async Task Worker(SampleSession session, int id, CancellationToken stop)
{
    // REP behind the DEALER backend: the envelope (client id, empty frame) is handled by REP.
    using ZmqSocket socket = session.Context.CreateSocket(ZmqSocketType.Rep);
    socket.Connect("inproc://workerpool-backend");
    try
    {
        await foreach (string request in socket.ReceiveAllStringsAsync(stop))
        {
            await socket.SendStringAsync($"{request} done by worker {id}");
        }
    }
    catch (ZmqContextTerminatedException)
    {
    }
}

static void Client(SampleSession session, int id, long requests)
{
    using ZmqSocket socket = session.Context.CreateSocket(ZmqSocketType.Req);
    socket.Connect("inproc://workerpool-frontend");
    for (long i = 1; i <= requests; i++)
    {
        socket.SendString(string.Create(CultureInfo.InvariantCulture, $"client {id} job {i}"));
        SampleSession.WriteLine(socket.ReceiveString());
    }
}
