using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>
/// ZmqSocket.Handle hands out a handle that does not own the socket: disposing it (a `using` around
/// it) must not close the socket under the ZmqSocket, whose later calls would reach freed memory.
/// </summary>
public class HandleExposureTests
{
    // Before: "Assert.False() Failure" on OwnedHandle.IsClosed: Handle returned the owning
    // SafeHandle, and disposing it ran zmq_close (the send after it was a use-after-free, so the
    // test stops at the assertion).
    [Fact]
    public void Disposing_what_Handle_returns_leaves_the_socket_open_and_usable()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));

        ZmqSocketHandle handle = push.Handle;
        Assert.False(handle.IsInvalid);
        handle.Dispose();
        Assert.True(handle.IsClosed);
        Assert.False(push.OwnedHandle.IsClosed);

        push.SendString("still open");
        Assert.Equal("still open", pull.ReceiveString());

        // A raw call through a fresh handle reaches the same socket.
        using (ZmqSocketHandle raw = push.Handle)
        {
            Assert.Equal(push.OwnedHandle.DangerousGetHandle(), raw.DangerousGetHandle());
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        push.SendString("after the finalizers");
        Assert.Equal("after the finalizers", pull.ReceiveString());
    }

    [Fact]
    public void Handle_of_a_disposed_socket_is_refused()
    {
        using var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pair);
        socket.Dispose();
        Assert.Throws<ObjectDisposedException>(() => socket.Handle);
    }
}
