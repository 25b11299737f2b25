using Zmq.Interop;

namespace Zmq;

/// <summary>The twelve stable socket types of libzmq 4.3 (<c>zmq_socket(3)</c>).</summary>
public enum ZmqSocketType
{
    /// <summary>ZMQ_PAIR: exclusive pair, one peer.</summary>
    Pair = LibZmq.ZMQ_PAIR,
    /// <summary>ZMQ_PUB: publisher; drops messages for slow subscribers past the high-water mark.</summary>
    Pub = LibZmq.ZMQ_PUB,
    /// <summary>ZMQ_SUB: subscriber; receives only subscribed topic prefixes.</summary>
    Sub = LibZmq.ZMQ_SUB,
    /// <summary>ZMQ_REQ: request; strictly alternates send and receive.</summary>
    Req = LibZmq.ZMQ_REQ,
    /// <summary>ZMQ_REP: reply; strictly alternates receive and send.</summary>
    Rep = LibZmq.ZMQ_REP,
    /// <summary>ZMQ_DEALER: asynchronous request, round-robins outgoing messages.</summary>
    Dealer = LibZmq.ZMQ_DEALER,
    /// <summary>ZMQ_ROUTER: asynchronous reply; prefixes each message with the peer's routing id.</summary>
    Router = LibZmq.ZMQ_ROUTER,
    /// <summary>ZMQ_PULL: pipeline receiver, fair-queued.</summary>
    Pull = LibZmq.ZMQ_PULL,
    /// <summary>ZMQ_PUSH: pipeline sender, round-robin.</summary>
    Push = LibZmq.ZMQ_PUSH,
    /// <summary>ZMQ_XPUB: publisher that receives subscription messages.</summary>
    XPub = LibZmq.ZMQ_XPUB,
    /// <summary>ZMQ_XSUB: subscriber that sends subscription messages.</summary>
    XSub = LibZmq.ZMQ_XSUB,
    /// <summary>ZMQ_STREAM: raw TCP; each message is prefixed by the connection's routing id.</summary>
    Stream = LibZmq.ZMQ_STREAM,

    /// <summary>ZMQ_SERVER (draft API): thread-safe; a reply goes to the <see cref="ZmqMessage.RoutingId"/> its request came with.</summary>
    Server = LibZmq.Draft.ZMQ_SERVER,

    /// <summary>ZMQ_CLIENT (draft API): thread-safe; load-balances to and fair-queues from its SERVER peers. Single-frame messages.</summary>
    Client = LibZmq.Draft.ZMQ_CLIENT,

    /// <summary>ZMQ_RADIO (draft API): thread-safe; publishes each message to its <see cref="ZmqMessage.Group"/> (tcp, udp, inproc).</summary>
    Radio = LibZmq.Draft.ZMQ_RADIO,

    /// <summary>ZMQ_DISH (draft API): thread-safe; receives the groups it <see cref="ZmqSocket.Join"/>ed.</summary>
    Dish = LibZmq.Draft.ZMQ_DISH,

    /// <summary>ZMQ_GATHER (draft API): thread-safe; fair-queues from its SCATTER peers.</summary>
    Gather = LibZmq.Draft.ZMQ_GATHER,

    /// <summary>ZMQ_SCATTER (draft API): thread-safe; load-balances to its GATHER peers.</summary>
    Scatter = LibZmq.Draft.ZMQ_SCATTER,

    /// <summary>ZMQ_DGRAM (draft API): UDP datagrams as [address][body] messages; not thread-safe.</summary>
    Dgram = LibZmq.Draft.ZMQ_DGRAM,

    /// <summary>ZMQ_PEER (draft API): thread-safe; many peers, each addressed by the routing id <see cref="ZmqSocket.ConnectPeer"/> returns.</summary>
    Peer = LibZmq.Draft.ZMQ_PEER,

    /// <summary>ZMQ_CHANNEL (draft API): a thread-safe PAIR.</summary>
    Channel = LibZmq.Draft.ZMQ_CHANNEL,
}
