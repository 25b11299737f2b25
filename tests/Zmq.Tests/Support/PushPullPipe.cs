namespace Zmq.Tests.Support;

/// <summary>A context with a bounded PUSH connected to a bounded PULL over one transport; disposes all three.</summary>
internal sealed class PushPullPipe : IDisposable
{
    public PushPullPipe(string transport = "inproc")
    {
        Context = new ZmqContext();
        try
        {
            Push = Context.CreateBounded(ZmqSocketType.Push);
            Pull = Context.CreateBounded(ZmqSocketType.Pull);
            Push.Connect(Pull.BindAny(transport));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ZmqContext Context { get; }

    public ZmqSocket Push { get; } = null!;

    public ZmqSocket Pull { get; } = null!;

    /// <summary>The sockets, then the context (the orderly order).</summary>
    public void Dispose()
    {
        Push?.Dispose();
        Pull?.Dispose();
        Context.Dispose();
    }
}
