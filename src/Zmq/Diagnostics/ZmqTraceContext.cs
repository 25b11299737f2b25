using System.Diagnostics;
using System.Text;

namespace Zmq;

/// <summary>
/// The trace envelope: a frame carrying W3C Trace Context (<c>traceparent</c>, optional <c>tracestate</c>)
/// in front of a multipart message, so a trace crosses a ZeroMQ hop. ZMTP has no message headers,
/// so both ends must agree to use it: it is opt-in, never added by the binding on its own.
/// </summary>
/// <remarks>
/// <para>The frame is UTF-8 (in practice ASCII) text: <c>traceparent=</c> followed by the W3C
/// <c>traceparent</c> value (<c>00-&lt;32 hex trace id&gt;-&lt;16 hex span id&gt;-&lt;2 hex flags&gt;</c>),
/// then, only if there is one, a line feed (0x0A), <c>tracestate=</c> and the <c>tracestate</c> value.
/// An empty frame means "no trace context" and keeps the message's shape the same either way.
/// Any peer (pyzmq, C) can produce and read it with a few lines of code.</para>
/// <para>Example: <c>traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01</c></para>
/// </remarks>
public static class ZmqTraceContext
{
    /// <summary>The longest frame <see cref="TryExtract"/> accepts: a traceparent plus the 512-character
    /// tracestate W3C lets a carrier cut to, with room to spare.</summary>
    public const int MaxFrameLength = 1024;

    private const string ParentKey = "traceparent=";
    private const string StateKey = "tracestate=";

    /// <summary>The envelope frame for <paramref name="activity"/>'s context; an empty frame when it is null.</summary>
    /// <param name="activity">The activity whose context crosses the hop, usually <see cref="Activity.Current"/>.</param>
    /// <returns>The frame to send first.</returns>
    public static byte[] Inject(Activity? activity) =>
        activity is null ? [] : Inject(activity.Context);

    /// <summary>The envelope frame for <paramref name="context"/>; an empty frame when it has no trace id.</summary>
    /// <param name="context">The context that crosses the hop.</param>
    /// <returns>The frame to send first.</returns>
    public static byte[] Inject(ActivityContext context)
    {
        if (context.TraceId == default)
        {
            return [];
        }
        string traceparent = $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
        string text = string.IsNullOrEmpty(context.TraceState)
            ? ParentKey + traceparent
            : ParentKey + traceparent + "\n" + StateKey + context.TraceState;
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Reads an envelope frame. Never throws: an empty, malformed or oversized frame returns false.</summary>
    /// <param name="frame">The frame, as received.</param>
    /// <param name="context">The remote context (<see cref="ActivityContext.IsRemote"/> true) when it returns true.</param>
    /// <returns>True when the frame held a valid <c>traceparent</c>.</returns>
    public static bool TryExtract(ReadOnlySpan<byte> frame, out ActivityContext context)
    {
        context = default;
        if (frame.Length <= ParentKey.Length || frame.Length > MaxFrameLength || !frame.StartsWith("traceparent="u8))
        {
            return false;
        }
        ReadOnlySpan<byte> rest = frame[ParentKey.Length..];
        int newline = rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> parent = newline < 0 ? rest : rest[..newline];
        string? state = null;
        if (newline >= 0)
        {
            ReadOnlySpan<byte> stateLine = rest[(newline + 1)..];
            if (!stateLine.StartsWith("tracestate="u8) || stateLine.IndexOf((byte)'\n') >= 0)
            {
                return false;
            }
            if (!TryDecode(stateLine[StateKey.Length..], out state))
            {
                return false;
            }
        }
        if (!TryDecode(parent, out string? traceparent))
        {
            return false;
        }
        try
        {
            return ActivityContext.TryParse(traceparent, state, isRemote: true, out context);
        }
#pragma warning disable CA1031 // Documented: bad frames return false, never throw.
        catch (Exception)
#pragma warning restore CA1031
        {
            context = default;
            return false;
        }
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out string? text)
    {
        foreach (byte b in bytes)
        {
            if (b < 0x20 || b > 0x7E)
            {
                text = null;
                return false; // W3C values are printable ASCII
            }
        }
        text = Encoding.ASCII.GetString(bytes);
        return true;
    }
}
