namespace Zmq.TestHost;

/// <summary>The large-frame pool (src/Zmq/LargeFramePool.cs) where only a process of its own can show it: at exit, and switched off.</summary>
internal static partial class Scenarios
{
    /// <summary>
    /// Frames sent from the binding's large-frame pool are still being written and released by
    /// libzmq's I/O thread (whose free function enters managed code) when the program returns
    /// from Main without disposing anything: the process must exit, neither hanging nor aborting.
    /// </summary>
    public static int ExitWithPooledFramesInFlight(int frames)
    {
        var context = new ZmqContext();
        var pull = context.CreateSocket(ZmqSocketType.Pull);
        pull.Bind("tcp://127.0.0.1:*");
        var push = context.CreateSocket(ZmqSocketType.Push);
        push.Connect(pull.LastEndpoint!);
        var reader = new Thread(() =>
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                pull.Receive(buffer); // keeps the stream moving until the process ends under it
            }
        })
        { IsBackground = true };
        reader.Start();
        var frame = new byte[64 * 1024];
        for (int i = 0; i < frames; i++)
        {
            push.Send(frame);
        }
        Console.WriteLine("exiting");
        return 0;
    }

    /// <summary>
    /// With the <c>Zmq.DisableLargeFramePool</c> switch set before the first large send, a 64 KiB
    /// frame goes through zmq_send: the pool makes no block.
    /// </summary>
    public static int LargeFramePoolSwitchedOff()
    {
        AppContext.SetSwitch(LargeFramePool.DisableSwitch, true);
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        using var push = context.CreateSocket(ZmqSocketType.Push);
        pull.Bind("inproc://large-frame-pool-switch");
        push.Connect("inproc://large-frame-pool-switch");
        var frame = new byte[64 * 1024];
        frame[^1] = 7;
        push.Send(frame);
        var received = new byte[frame.Length];
        pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
        bool intact = pull.Receive(received).FrameLength == frame.Length && received[^1] == 7;
        (long made, _, long outstanding, _) = LargeFramePool.CountsFor(frame.Length);
        Console.WriteLine($"blocks made with the pool off: {made}");
        return intact && made == 0 && outstanding == 0 ? 0 : 1;
    }
}
