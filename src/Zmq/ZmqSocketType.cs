namespace Zmq;

/// <summary>The twelve stable socket types of libzmq 4.3 (<c>zmq_socket(3)</c>).</summary>
public enum ZmqSocketType
{
    /// <summary>ZMQ_PAIR: exclusive pair, one peer.</summary>
    Pair = 0,
    /// <summary>ZMQ_PUB: publisher; drops messages for slow subscribers past the high-water mark.</summary>
    Pub = 1,
    /// <summary>ZMQ_SUB: subscriber; receives only subscribed topic prefixes.</summary>
    Sub = 2,
    /// <summary>ZMQ_REQ: request; strictly alternates send and receive.</summary>
    Req = 3,
    /// <summary>ZMQ_REP: reply; strictly alternates receive and send.</summary>
    Rep = 4,
    /// <summary>ZMQ_DEALER: asynchronous request, round-robins outgoing messages.</summary>
    Dealer = 5,
    /// <summary>ZMQ_ROUTER: asynchronous reply; prefixes each message with the peer's routing id.</summary>
    Router = 6,
    /// <summary>ZMQ_PULL: pipeline receiver, fair-queued.</summary>
    Pull = 7,
    /// <summary>ZMQ_PUSH: pipeline sender, round-robin.</summary>
    Push = 8,
    /// <summary>ZMQ_XPUB: publisher that receives subscription messages.</summary>
    XPub = 9,
    /// <summary>ZMQ_XSUB: subscriber that sends subscription messages.</summary>
    XSub = 10,
    /// <summary>ZMQ_STREAM: raw TCP; each message is prefixed by the connection's routing id.</summary>
    Stream = 11,
}
