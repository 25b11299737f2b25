using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Zmq.Samples.ServiceHost;

/// <summary>
/// GET /health on its own HttpListener: 200 when every check is healthy or degraded, 503 otherwise,
/// with one "name: status (description)" line per check.
/// </summary>
internal sealed class HealthEndpoint(HealthCheckService health, HealthEndpoint.Port port) : BackgroundService
{
    /// <summary>The port to listen on.</summary>
    public sealed record Port(int Number);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port.Number}/");
        listener.Start();
        Console.WriteLine($"health http://127.0.0.1:{port.Number}/health");
        using CancellationTokenRegistration stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                break; // Stopped.
            }
            HealthReport report = await health.CheckHealthAsync(stoppingToken);
            var text = new StringBuilder().AppendLine(report.Status.ToString());
            foreach ((string name, HealthReportEntry entry) in report.Entries)
            {
                text.AppendLine($"{name}: {entry.Status} ({entry.Description})");
            }
            byte[] body = Encoding.UTF8.GetBytes(text.ToString());
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? 503 : 200;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(body, stoppingToken);
            context.Response.Close();
        }
    }
}
