using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Zmq.Samples.ServiceHost;

/// <summary>
/// The second process: a REP socket that continues the caller's trace from the envelope frame
/// (ZmqSocket.ReceiveWithTraceContext) and answers. Its receive timeout (200 ms, from
/// configuration) lets the loop notice the host stopping.
/// </summary>
internal sealed class Backend([FromKeyedServices("backend")] ZmqSocket backend) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Factory.StartNew(() =>
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            List<byte[]> request;
            Activity? receive;
            try
            {
                request = backend.ReceiveWithTraceContext(out receive, out _);
            }
            catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
            {
                continue;
            }
            using (receive)
            using (Handlers.Source.StartActivity("answer", ActivityKind.Internal))
            {
                backend.Send(Handlers.Answer(request[^1]));
            }
        }
    }, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
