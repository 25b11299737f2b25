using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

public class PipelineTests
{
    [Theory]
    [MemberData(nameof(Endpoints.Transports), MemberType = typeof(Endpoints))]
    public void Push_fans_out_to_every_worker_and_pull_fans_in(string transport) => Watchdog.Run(() =>
    {
        const int Workers = 3;
        const int Tasks = 300;
        using var context = new ZmqContext();
        using var ventilator = context.CreateBounded(ZmqSocketType.Push);
        using var sink = context.CreateBounded(ZmqSocketType.Pull);
        using var handshakes = EventWaits.WatchHandshakes(ventilator);
        string tasks = ventilator.BindAny(transport);
        string results = sink.BindAny(transport);

        var workers = new List<Thread>();
        var perWorker = new int[Workers];
        var ready = new CountdownEvent(Workers);
        for (int w = 0; w < Workers; w++)
        {
            int id = w;
            var thread = new Thread(() =>
            {
                using var pull = context.CreateBounded(ZmqSocketType.Pull);
                using var push = context.CreateBounded(ZmqSocketType.Push);
                // The bounded 10 s receive, not 1 s: a worker that gives up before the first task
                // comes (on a loaded machine the handshakes alone can take that long) drops the tasks
                // already queued to it, and the sink waits for them in vain.
                pull.Connect(tasks);
                push.Connect(results);
                ready.Signal();
                while (pull.TryReceiveString(out string? task))
                {
                    if (task == "stop")
                    {
                        break;
                    }
                    perWorker[id]++;
                    push.SendString($"done {task}");
                }
            });
            thread.Start();
            workers.Add(thread);
        }
        Assert.True(ready.Wait(TestSockets.Timeout), "every worker connected");
        // PUSH round-robins only over the peers it has a pipe to: wait until it has all three.
        handshakes.WaitForPeers(ventilator, transport, Workers);

        for (int i = 0; i < Tasks; i++)
        {
            ventilator.SendString(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var seen = new HashSet<string>();
        for (int i = 0; i < Tasks; i++)
        {
            Assert.True(seen.Add(sink.ReceiveString()));
        }
        for (int w = 0; w < Workers; w++)
        {
            ventilator.SendString("stop");
        }
        workers.ForEach(t => t.Join());

        Assert.Equal(Tasks, seen.Count);
        Assert.All(perWorker, count => Assert.True(count > 0, "every worker got a share of the tasks"));
    });

    [Fact]
    public void Messages_queued_before_the_puller_connects_are_delivered() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        string endpoint = pull.BindAny("tcp");
        push.Connect(endpoint);
        for (int i = 0; i < 100; i++)
        {
            push.SendString($"m{i}");
        }
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal($"m{i}", pull.ReceiveString());
        }
    });
}
