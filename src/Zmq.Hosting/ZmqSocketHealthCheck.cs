using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zmq.Hosting;

/// <summary>
/// The health of one named socket: healthy while the host's instance is open, unhealthy when it is
/// closed or was never created (the host did not start, or has stopped). Never creates the socket.
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
            result = HealthCheckResult.Healthy($"ZeroMQ socket '{name}' is open.");
        }
        return Task.FromResult(result);
    }
}
