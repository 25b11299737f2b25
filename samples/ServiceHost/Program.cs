// A ZeroMQ service on the .NET Generic Host (Zmq.Hosting):
//   servicehost serve   [--metrics-port=0] [--health-port=0] [--Zmq:Sockets:frontend:Bind:0=tcp://127.0.0.1:5555] [--backend=tcp://host:port]
//   servicehost backend [--Zmq:Sockets:backend:Bind:0=tcp://127.0.0.1:5556]
// "serve" answers requests on a ROUTER from async handlers: a request is [trace envelope][text]
// (REQ clients: the envelope frame may be empty) and the reply is the text upper-cased, by the
// backend process when --backend is given, the trace context travelling with it. Metrics of the Zmq
// meter are served for Prometheus on http://127.0.0.1:<metrics-port>/metrics, health on
// http://127.0.0.1:<health-port>/health. Every finished span is printed as "span <trace id> <name>".
// Any --Section:Key=value argument is configuration (the Zmq section: docs/service.md).
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Zmq;
using Zmq.Hosting;
using Zmq.Samples.ServiceHost;

string role = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
string[] settings = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
if (role is not ("serve" or "backend"))
{
    Console.Error.WriteLine("usage: servicehost serve|backend [--name=value ...]");
    return 2;
}

HostApplicationBuilder builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(role == "serve"
    ? new Dictionary<string, string?> { ["Zmq:Sockets:frontend:Type"] = "Router", ["Zmq:Sockets:frontend:Bind:0"] = "tcp://127.0.0.1:*" }
    : new Dictionary<string, string?> { ["Zmq:Sockets:backend:Type"] = "Rep", ["Zmq:Sockets:backend:Bind:0"] = "tcp://127.0.0.1:*" });
builder.Configuration.AddCommandLine(settings);
// Logs go to stderr: stdout carries the lines a test reads.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
string? backend = builder.Configuration["backend"];
if (role == "serve" && backend is not null)
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Zmq:Sockets:backend:Type"] = "Req",
        ["Zmq:Sockets:backend:Connect:0"] = backend,
        ["Zmq:Sockets:backend:ReceiveTimeout"] = "10s",
    });
}

int metricsPort = role == "serve" ? FreePort(builder.Configuration["metrics-port"]) : 0;
builder.Services.AddZmq(zmq => zmq.AddHealthChecks());
builder.Services.AddSingleton(new SpanPrinter());
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing
        .AddSource(ZmqTelemetry.ActivitySourceName, Handlers.SourceName)
        .AddProcessor(provider => provider.GetRequiredService<SpanPrinter>()))
    .WithMetrics(metrics =>
    {
        metrics.AddMeter(ZmqTelemetry.MeterName);
        if (role == "serve")
        {
            metrics.AddPrometheusHttpListener(options =>
            {
                options.Host = "127.0.0.1";
                options.Port = metricsPort;
            });
        }
    });
if (role == "serve")
{
    builder.Services.AddHostedService<Frontend>();
    builder.Services.AddSingleton(new HealthEndpoint.Port(FreePort(builder.Configuration["health-port"])));
    builder.Services.AddHostedService<HealthEndpoint>();
}
else
{
    builder.Services.AddHostedService<Backend>();
}

using IHost host = builder.Build();
try
{
    await host.StartAsync();
}
catch (ZmqConfigurationException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
IZmqSocketFactory sockets = host.Services.GetRequiredService<IZmqSocketFactory>();
Console.WriteLine($"{(role == "serve" ? "frontend" : "backend")} {sockets.Get(role == "serve" ? "frontend" : "backend").LastEndpoint}");
if (role == "serve")
{
    Console.WriteLine($"metrics http://127.0.0.1:{metricsPort}/metrics");
}
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
Console.WriteLine("stopped");
return 0;

// A port nobody uses now: the value given, or one the OS picks (0).
static int FreePort(string? configured)
{
    int port = configured is null ? 0 : int.Parse(configured, CultureInfo.InvariantCulture);
    if (port != 0)
    {
        return port;
    }
    using var probe = new TcpListener(IPAddress.Loopback, 0);
    probe.Start();
    return ((IPEndPoint)probe.LocalEndpoint).Port;
}
