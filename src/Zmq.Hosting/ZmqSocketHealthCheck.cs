using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zmq.Hosting;

/// <summary>
/// The health of one named socket: healthy while the host's instance is open with at least one
/// connected peer (its <see cref="ZmqSocket.Peers"/> table), degraded while it is open with none,
/// unhealthy when it is closed or was never created (the host did not start, or has stopped).
/// Never creates the socket. libzmq reports no events for inproc, so an inproc-only socket is degraded.
/// </summary>
internal sealed class ZmqSocketHealthCheck(ZmqSocketRegistry registry, string name) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool exists = registry.TryGetShared(name, out ZmqSocket? socket, out bool closed);
        HealthCheckResult result;
        if (!exists || socket is null)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus,
                closed ? $"ZeroMQ socket '{name}' is closed: the host is stopping." : $"ZeroMQ socket '{name}' has not been created: the host has not started.");
        }
        else if (socket.IsDisposed)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, $"ZeroMQ socket '{name}' is closed.");
        }
        else
        {
            ZmqPeerTable peers = socket.Peers;
            IReadOnlyList<ZmqPeer> rows = peers.Snapshot();
            var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["connected"] = peers.ConnectedCount };
            foreach (ZmqPeer peer in rows)
            {
                data[peer.Endpoint] = peer.LastHandshakeError is null ? peer.State.ToString() : $"{peer.State}: {peer.LastHandshakeError}";
            }
            result = peers.ConnectedCount > 0
                ? HealthCheckResult.Healthy($"ZeroMQ socket '{name}' has {peers.ConnectedCount} connected peer(s).", data)
                : HealthCheckResult.Degraded($"ZeroMQ socket '{name}' is open but has no connected peer.", data: data);
        }
        return Task.FromResult(result);
    }
}
