namespace Zmq;

/// <summary>The counters a steerable proxy reports for its frontend and backend (<c>STATISTICS</c>).</summary>
/// <param name="Frontend">The frontend socket's counters.</param>
/// <param name="Backend">The backend socket's counters.</param>
public readonly record struct ZmqProxyStatistics(ZmqProxyCounters Frontend, ZmqProxyCounters Backend);

/// <summary>Message frames and bytes one proxy socket received and sent.</summary>
/// <param name="MessagesReceived">Frames received.</param>
/// <param name="BytesReceived">Bytes received.</param>
/// <param name="MessagesSent">Frames sent.</param>
/// <param name="BytesSent">Bytes sent.</param>
public readonly record struct ZmqProxyCounters(ulong MessagesReceived, ulong BytesReceived, ulong MessagesSent, ulong BytesSent);
