using System.Diagnostics;

namespace Zmq;

// The socket's side of tracing: the endpoint its activities name, and the envelope helpers
// (ZmqTraceContext.cs has the frame format).
public sealed partial class ZmqSocket
{
    private volatile string? _lastEndpointSeen;

    /// <summary>The endpoint last passed to Bind or Connect, for activity tags; no native call.</summary>
    internal string? LastEndpointSeen => _lastEndpointSeen;

    /// <summary>
    /// Sends <paramref name="frames"/> as one multipart message behind a trace envelope frame
    /// (<see cref="ZmqTraceContext"/>): starts a <c>send</c> activity (producer) on the
    /// <see cref="ZmqTelemetry.ActivitySourceName"/> source when a listener samples it, and injects its
    /// context, else <see cref="Activity.Current"/>'s, else an empty envelope.
    /// </summary>
    /// <param name="frames">The message's frames, after the envelope.</param>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ZmqException">It would block, or another libzmq error (as <see cref="SendMultipart(IReadOnlyList{byte[]})"/>).</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void SendWithTraceContext(IReadOnlyList<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        int bytes = 0;
        foreach (byte[] frame in frames)
        {
            bytes += frame.Length;
        }
        using Activity? activity = ZmqActivities.Source.HasListeners()
            ? ZmqActivities.Start(this, sending: true, Activity.Current?.Context ?? default, bytes)
            : null;
        var message = new byte[frames.Count + 1][];
        message[0] = ZmqTraceContext.Inject(activity ?? Activity.Current);
        for (int i = 0; i < frames.Count; i++)
        {
            message[i + 1] = frames[i];
        }
        using (ZmqActivities.SuppressFrames())
        {
            SendMultipart(message);
        }
    }

    /// <summary>
    /// Receives a multipart message sent with <see cref="SendWithTraceContext"/>: removes the envelope
    /// frame, and starts a <c>receive</c> activity (consumer) whose parent is the sender's context when a
    /// listener samples it. The activity is returned running, and <see cref="Activity.Current"/> on this
    /// thread: dispose it when the message is handled, so the handling belongs to the trace.
    /// </summary>
    /// <param name="activity">The receive activity, or null when nobody samples it.</param>
    /// <param name="parent">The sender's context, or default when the envelope was empty or unreadable.</param>
    /// <returns>The message's frames after the envelope (empty when the message had only the envelope).</returns>
    /// <exception cref="ZmqException">Nothing arrived within <see cref="ReceiveTimeout"/> (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public List<byte[]> ReceiveWithTraceContext(out Activity? activity, out ActivityContext parent)
    {
        List<byte[]> frames;
        using (ZmqActivities.SuppressFrames())
        {
            frames = ReceiveMultipart();
        }
        parent = default;
        if (frames.Count > 0)
        {
            ZmqTraceContext.TryExtract(frames[0], out parent);
            frames.RemoveAt(0);
        }
        int bytes = 0;
        foreach (byte[] frame in frames)
        {
            bytes += frame.Length;
        }
        activity = ZmqActivities.Source.HasListeners() ? ZmqActivities.Start(this, sending: false, parent, bytes) : null;
        return frames;
    }
}
