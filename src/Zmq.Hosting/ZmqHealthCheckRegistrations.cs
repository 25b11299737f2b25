using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Zmq.Hosting;

/// <summary>
/// Adds a <see cref="ZmqSocketHealthCheck"/> per named socket when the health-check options are
/// first built: the names come from configuration, which is only readable once the host is built.
/// </summary>
internal sealed class ZmqHealthCheckRegistrations(ZmqSocketRegistry registry, string[] tags) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        foreach (string name in registry.Names)
        {
            options.Registrations.Add(new HealthCheckRegistration(
                "zmq:" + name, _ => new ZmqSocketHealthCheck(registry, name), HealthStatus.Unhealthy, tags));
        }
    }
}
