using System.Diagnostics;
using System.Globalization;
using Zmq;
using Zmq.Samples;

/// <summary>The Guide's divide-and-conquer pipeline: ventilator, workers, sink.</summary>
internal static class PipelineExamples
{
    public static void Ventilator(SampleSession session)
    {
        using ZmqSocket sender = session.CreateSocket(ZmqSocketType.Push);
        session.BindAndAnnounce(sender, "tcp://*:5557");
        using ZmqSocket sink = session.CreateSocket(ZmqSocketType.Push);
        session.Connect(sink, "sink", "tcp://localhost:5558");
        // The Guide waits for Enter while the workers connect; here --interval is that wait.
        session.Pause();
        SampleSession.WriteLine("Sending tasks to workers…");
        sink.SendString("0"); // the start of the batch
        var random = new Random();
        long tasks = session.Count ?? 100, totalMs = 0;
        for (long task = 0; task < tasks; task++)
        {
            int workload = random.Next(1, 10);
            totalMs += workload;
            sender.SendString(workload.ToString(CultureInfo.InvariantCulture));
        }
        SampleSession.WriteLine($"Total expected cost: {totalMs} msec");
    }

    public static void Worker(SampleSession session)
    {
        using ZmqSocket receiver = session.CreateSocket(ZmqSocketType.Pull);
        session.Connect(receiver, "vent", "tcp://localhost:5557");
        using ZmqSocket sender = session.CreateSocket(ZmqSocketType.Push);
        session.Connect(sender, "sink", "tcp://localhost:5558");
        for (long done = 0; session.KeepGoing(done); done++)
        {
            string workload = session.Receive(receiver);
            Thread.Sleep(int.Parse(workload, CultureInfo.InvariantCulture));
            sender.Send(ReadOnlySpan<byte>.Empty); // the result, empty as in the Guide
        }
    }

    public static void Sink(SampleSession session)
    {
        using ZmqSocket receiver = session.CreateSocket(ZmqSocketType.Pull);
        session.BindAndAnnounce(receiver, "tcp://*:5558");
        session.Receive(receiver); // the start of the batch
        var clock = Stopwatch.StartNew();
        long tasks = session.Count ?? 100;
        for (long task = 0; task < tasks; task++)
        {
            session.Receive(receiver);
        }
        SampleSession.WriteLine($"Total elapsed time: {clock.ElapsedMilliseconds} msec for {tasks} tasks");
    }
}
