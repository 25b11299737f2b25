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
    /// <remarks>The envelope is the message's first frame, so these helpers serve the socket types
    /// whose first frame is the application's (DEALER, PUSH, PULL, PAIR, REQ, REP, CLIENT…); a ROUTER's
    /// first frame is the routing id and a PUB's or SUB's the topic it filters on: there, put
    /// <see cref="ZmqTraceContext.Inject(Activity?)"/>'s frame after those and read it with
    /// <see cref="ZmqTraceContext.TryExtract"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="NotSupportedException">A ROUTER, PUB, XPUB or STREAM socket: its first frame is not the application's.</exception>
    /// <exception cref="ZmqException">It would block, or another libzmq error (as <see cref="SendMultipart(IReadOnlyList{byte[]})"/>).</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void SendWithTraceContext(IReadOnlyList<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ThrowIfEnvelopeCannotLead(nameof(SendWithTraceContext));
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
    /// <remarks>For the socket types <see cref="SendWithTraceContext"/> serves; on others read the
    /// envelope frame with <see cref="ZmqTraceContext.TryExtract"/> where it sits.</remarks>
    /// <exception cref="NotSupportedException">A ROUTER, SUB, XSUB or STREAM socket: its first frame is not the application's.</exception>
    /// <exception cref="ZmqException">Nothing arrived within <see cref="ReceiveTimeout"/> (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public List<byte[]> ReceiveWithTraceContext(out Activity? activity, out ActivityContext parent)
    {
        ThrowIfEnvelopeCannotLead(nameof(ReceiveWithTraceContext));
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

    /// <summary>The envelope goes first: refused where libzmq reads the first frame itself (routing id, topic).</summary>
    private void ThrowIfEnvelopeCannotLead(string operation)
    {
        if (SocketType is ZmqSocketType.Router or ZmqSocketType.Pub or ZmqSocketType.XPub or ZmqSocketType.Sub or ZmqSocketType.XSub or ZmqSocketType.Stream)
        {
            throw new NotSupportedException(
                $"{operation} on a {SocketType} socket: its first frame is the routing id or the topic, not the application's, so the trace envelope cannot lead the message. Put ZmqTraceContext.Inject's frame after those frames and read it with ZmqTraceContext.TryExtract.");
        }
    }
}
