namespace Zmq;

/// <summary>
/// What an addressed receive (<see cref="ZmqSocket.ReceiveAddressedAsync"/>) got from a draft socket:
/// the frame's length, the routing id of the peer it came from (SERVER, PEER; 0 otherwise) and the
/// group it was sent to (DISH; empty otherwise).
/// </summary>
/// <param name="Length">The frame's length, all of it in the buffer.</param>
/// <param name="RoutingId">The sending peer's routing id, for a reply with <see cref="ZmqSocket.SendAsync(ReadOnlyMemory{byte}, uint, CancellationToken)"/>.</param>
/// <param name="Group">The group of a DISH's message; a group seen before is the same string instance, so receiving allocates nothing.</param>
public readonly record struct ZmqAddressedReceiveResult(int Length, uint RoutingId, string Group);
