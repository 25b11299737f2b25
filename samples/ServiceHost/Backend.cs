using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Zmq.Samples.ServiceHost;

/// <summary>
/// The second process: a REP socket that continues the caller's trace from the envelope frame
/// (<see cref="ZmqTraceContext.TryExtract"/>) and answers. Asynchronous calls only, so the host's
/// shutdown (another thread) never meets a synchronous call in progress.
/// </summary>
internal sealed class Backend([FromKeyedServices("backend")] ZmqSocket backend) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // [trace envelope][text], as the front end's SendWithTraceContext sends it.
                List<byte[]> request = await backend.ReceiveMultipartAsync(stoppingToken);
                ZmqTraceContext.TryExtract(request[0], out ActivityContext parent);
                byte[] answer;
                using (Handlers.Source.StartActivity("answer", ActivityKind.Server, parent))
                {
                    answer = Handlers.Answer(request[^1]);
                }
                await backend.SendAsync(answer, cancellationToken: stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
