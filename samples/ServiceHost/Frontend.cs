using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zmq.Hosting;

namespace Zmq.Samples.ServiceHost;

/// <summary>
/// The ROUTER front end. One loop receives (one pending receive per socket), each request is
/// handled on the thread pool by an async handler, and the replies come back through a channel to
/// one sending loop (one pending send per socket): the socket is never used by two calls at once.
/// </summary>
internal sealed class Frontend([FromKeyedServices("frontend")] ZmqSocket frontend, IZmqSocketFactory sockets) : BackgroundService
{
    private readonly Channel<List<byte[]>> _replies = Channel.CreateUnbounded<List<byte[]>>();
    private readonly SemaphoreSlim _backendTurn = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ZmqSocket? backend = sockets.Names.Contains("backend") ? sockets.Get("backend") : null;
        Task sending = SendRepliesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<byte[]> request = await frontend.ReceiveMultipartAsync(stoppingToken);
                _ = Task.Run(() => HandleAsync(request, backend, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        _replies.Writer.TryComplete();
        await sending.ConfigureAwait(false);
    }

    // [routing id][empty delimiter, REQ clients only][trace envelope][text]
    private async Task HandleAsync(List<byte[]> request, ZmqSocket? backend, CancellationToken stoppingToken)
    {
        int envelope = request.Count >= 4 && request[1].Length == 0 ? 2 : 1;
        if (request.Count < envelope + 2)
        {
            return; // Not our protocol: no reply (a REQ client would wait for its own timeout).
        }
        ZmqTraceContext.TryExtract(request[envelope], out ActivityContext parent);
        using Activity? activity = Handlers.Source.StartActivity("handle request", ActivityKind.Server, parent);
        byte[] body = request[envelope + 1];
        byte[] answer;
        if (backend is null)
        {
            await Task.Yield();
            answer = Handlers.Answer(body);
        }
        else
        {
            // REQ is strictly send-then-receive: one request at a time, off the receiving loop.
            await _backendTurn.WaitAsync(stoppingToken);
            try
            {
                backend.SendWithTraceContext([body]);
                answer = backend.ReceiveMultipart()[^1];
            }
            finally
            {
                _backendTurn.Release();
            }
        }
        var reply = new List<byte[]>(request.GetRange(0, envelope)) { answer };
        await _replies.Writer.WriteAsync(reply, stoppingToken);
    }

    private async Task SendRepliesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (List<byte[]> reply in _replies.Reader.ReadAllAsync(stoppingToken))
            {
                await frontend.SendMultipartAsync(reply, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
