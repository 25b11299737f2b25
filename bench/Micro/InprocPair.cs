namespace Zmq.Bench.Micro;

/// <summary>
/// A context and two PAIR sockets connected over inproc, for the benchmarks that send and receive
/// one frame at a time on one thread. Each benchmark keeps the two sockets in fields of its own, so
/// its measured bodies reach them as before.
/// </summary>
internal sealed class InprocPair : IDisposable
{
    private readonly ZmqContext _context = new();

    /// <param name="name">The inproc endpoint's name, unique per benchmark class.</param>
    public InprocPair(string name)
    {
        Receiver = _context.CreateSocket(ZmqSocketType.Pair);
        Sender = _context.CreateSocket(ZmqSocketType.Pair);
        Receiver.Bind($"inproc://{name}");
        Sender.Connect($"inproc://{name}");
    }

    public ZmqSocket Sender { get; }

    public ZmqSocket Receiver { get; }

    public void Dispose()
    {
        Sender.Dispose();
        Receiver.Dispose();
        _context.Dispose();
    }
}
