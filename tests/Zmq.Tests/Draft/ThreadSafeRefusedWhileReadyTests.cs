using Zmq.Tests.Async;

namespace Zmq.Tests.Draft;

/// <summary>
/// SERVER and PEER report ZMQ_POLLOUT always (<c>server_t::xhas_out</c>), also while the send to a
/// full peer is refused: an awaited send must park without spinning and complete after the peer
/// drains. Draft types: on a library without the draft API they are refused, as DraftSocketTests
/// checks, and these tests check just that.
/// </summary>
public class ThreadSafeRefusedWhileReadyTests
{
    // Before the fix all rows failed: "SendAsync did not return within 5 s (it spins on the
    // caller's thread)" through ParkSharedAsync -> CheckSharedReadiness -> WakeOne.
    [Theory]
    [InlineData("server", "inproc", "epoll")]
    [InlineData("server", "tcp", "epoll")]
    [InlineData("peer", "inproc", "epoll")]
    [InlineData("peer", "tcp", "epoll")]
    [InlineData("server", "inproc", "poll")]
    [InlineData("server", "tcp", "poll")]
    [InlineData("peer", "inproc", "poll")]
    [InlineData("peer", "tcp", "poll")]
    public void An_awaited_send_to_a_full_peer_parks_without_spinning(string kind, string transport, string backend)
    {
        if (!ZmqLibrary.Has("draft"))
        {
            using var probe = new ZmqContext();
            Assert.Throws<NotSupportedException>(() => probe.CreateSocket(kind == "server" ? ZmqSocketType.Server : ZmqSocketType.Peer));
            return;
        }
        RefusedWhileReadyTests.RunScenario(kind, transport, backend);
    }
}
