namespace Zmq.Tests.Support;

/// <summary>
/// A PUSH whose pipe to its PULL is full (high-water marks of one each way), and how many frames
/// it holds. Its sends wait as if the thread pool were idle: the test runner's pool rarely is,
/// and a busy pool makes a send park at once (SpinBeforeParkTests.A_send_waits_only_while_the_thread_pool_does_not_need_its_thread).
/// </summary>
internal sealed class FullPipe : IDisposable
{
    private readonly ZmqContext _context = new();

    public FullPipe()
    {
        try
        {
            Push = _context.CreateBounded(ZmqSocketType.Push);
            Push.AsyncContext.ThreadPoolBusyHook = static () => false;
            Pull = _context.CreateBounded(ZmqSocketType.Pull);
            Push.SendHighWatermark = 1;
            Pull.ReceiveHighWatermark = 1;
            Push.Connect(Pull.BindAny("inproc"));
            while (Push.TrySend("fill"u8, ZmqSendFlags.DontWait))
            {
                Queued++;
            }
            Assert.True(Queued > 0);
        }
        catch
        {
            _context.Dispose(); // a constructor that throws leaves no using to do it
            throw;
        }
    }

    public void Deconstruct(out ZmqSocket push, out ZmqSocket pull, out int queued) => (push, pull, queued) = (Push, Pull, Queued);

    public ZmqSocket Push { get; }

    public ZmqSocket Pull { get; }

    public int Queued { get; }

    /// <summary>Receives <paramref name="frames"/> frames at the PULL, which makes room (and signals the PUSH).</summary>
    public void Drain(int frames)
    {
        var drain = new byte[16];
        for (int i = 0; i < frames; i++)
        {
            Pull.Receive(drain);
        }
    }

    public void Dispose()
    {
        Pull.Dispose();
        Push.Dispose();
        _context.Dispose();
    }
}
