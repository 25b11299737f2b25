// An async echo service on the draft API's thread-safe sockets: one SERVER socket shared by several
// async handler tasks, and one CLIENT socket shared by many async request tasks. No lock, no socket
// per task: libzmq serialises the calls, and every await parks on the binding's reactor.
// Needs a libzmq with the draft API (the bundled Zmq.Native runtime has it).
//   clientserver run [--tasks=8] [--count=10] [--timeout=ms]            (both ends, over tcp loopback)
//   clientserver server [--bind=tcp://*:5556] [--handlers=4] [--count=n] [--timeout=ms]
//   clientserver client [--connect=tcp://localhost:5556] [--tasks=8] [--count=10] [--timeout=ms]
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Zmq;
using Zmq.Samples;

return SampleHost.Run("clientserver", args,
    new SampleRole("run", ["tasks", "count", "timeout"], RunBoth),
    new SampleRole("server", ["bind", "handlers", "count", "timeout"], Server),
    new SampleRole("client", ["connect", "tasks", "count", "timeout"], Client));

static void RunBoth(SampleSession session)
{
    // tcp, not inproc: libzmq 4.3.4 can deadlock two thread-safe sockets joined by inproc when
    // both are in calls at once (libzmq issue #3048).
    using ZmqSocket server = session.CreateSocket(ZmqSocketType.Server);
    server.Bind("tcp://127.0.0.1:*");
    int tasks = (int)(session.Options.PositiveNumber("tasks") ?? 8);
    long perTask = session.Count ?? 10;
    using var stop = new CancellationTokenSource();
    Task serving = Serve(server, handlers: 4, total: tasks * perTask, stop.Token);
    Ask(session, server.LastEndpoint!, tasks, perTask);
    Wait(session, serving, "the server did not answer every request");
}

static void Server(SampleSession session)
{
    using ZmqSocket server = session.CreateSocket(ZmqSocketType.Server);
    session.BindAndAnnounce(server, "tcp://*:5556");
    int handlers = (int)(session.Options.PositiveNumber("handlers") ?? 4);
    using var stop = new CancellationTokenSource();
    Wait(session, Serve(server, handlers, session.Count, stop.Token), "the server did not get every request");
}

static void Client(SampleSession session)
{
    using ZmqSocket probe = session.CreateSocket(ZmqSocketType.Client); // fails early without drafts
    probe.Dispose();
    Ask(session, session.Options.Get("connect", "tcp://localhost:5556"),
        (int)(session.Options.PositiveNumber("tasks") ?? 8), session.Count ?? 10);
}

// Several handlers await on the one SERVER socket; each request goes to one of them, and the reply
// goes back to the routing id it came with. Ends after `total` requests (null: never).
static async Task Serve(ZmqSocket server, int handlers, long? total, CancellationToken stop)
{
    long served = 0;
    using var finished = CancellationTokenSource.CreateLinkedTokenSource(stop);
    var handlerTasks = Enumerable.Range(1, handlers).Select(_ => Task.Run(async () =>
    {
        byte[] buffer = new byte[256];
        try
        {
            while (true)
            {
                ZmqAddressedReceiveResult request = await server.ReceiveAddressedAsync(buffer, finished.Token);
                string text = Encoding.UTF8.GetString(buffer, 0, request.Length);
                await server.SendAsync(Encoding.UTF8.GetBytes($"echo: {text}"), request.RoutingId);
                if (Interlocked.Increment(ref served) == total)
                {
                    SampleSession.WriteLine($"served {served} requests with {handlers} handlers on one SERVER socket");
                    finished.Cancel(); // releases the handlers still parked
                }
            }
        }
        catch (OperationCanceledException) when (finished.IsCancellationRequested)
        {
        }
    })).ToArray();
    await Task.WhenAll(handlerTasks);
}

// Many tasks send on the one CLIENT socket at once; one receive loop hands each reply to the task
// that asked (replies come back in any order, so each request carries its own id).
static void Ask(SampleSession session, string endpoint, int tasks, long perTask)
{
    using ZmqSocket client = session.Context.CreateSocket(ZmqSocketType.Client);
    client.Connect(endpoint);
    var pending = new ConcurrentDictionary<string, TaskCompletionSource<string>>();
    using var stop = new CancellationTokenSource();
    Task receiving = Task.Run(async () =>
    {
        byte[] buffer = new byte[256];
        while (!stop.IsCancellationRequested)
        {
            ZmqReceiveResult reply;
            try
            {
                reply = await client.ReceiveAsync(buffer, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            string text = Encoding.UTF8.GetString(buffer, 0, reply.BytesWritten);
            string id = text["echo: ".Length..].Split(' ')[0];
            if (pending.TryRemove(id, out var waiter))
            {
                waiter.SetResult(text);
            }
        }
    });
    var askers = Enumerable.Range(1, tasks).Select(task => Task.Run(async () =>
    {
        for (long i = 1; i <= perTask; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"{task}.{i}");
            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[id] = answer;
            await client.SendAsync(Encoding.UTF8.GetBytes($"{id} hello from task {task}"));
            string reply = await answer.Task;
            SampleSession.WriteLine($"task {task} got: {reply}");
        }
    })).ToArray();
    Wait(session, Task.WhenAll(askers), "not every request got its reply");
    stop.Cancel();
    receiving.Wait();
    SampleSession.WriteLine($"all {tasks * perTask} replies matched their requests ({tasks} tasks, one CLIENT socket)");
}

static void Wait(SampleSession session, Task task, string what)
{
    if (!task.Wait(session.Timeout ?? Timeout.InfiniteTimeSpan))
    {
        throw new SampleTimeoutException($"{what} within {session.Timeout?.TotalMilliseconds} ms (--timeout)");
    }
}
