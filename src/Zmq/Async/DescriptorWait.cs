using System.Runtime.InteropServices;

namespace Zmq;

/// <summary>
/// A bounded wait, on the calling thread, for a socket's ZMQ_FD to become readable (libzmq signals
/// it when a command reaches the socket's mailbox): the send's short wait before parking
/// (SocketAsyncContext.Spin.cs). A plain <c>ppoll</c> on the descriptor, not a libzmq call, so it
/// needs no gate and consumes nothing: the caller drains with a ZMQ_EVENTS read afterwards. Linux
/// only (where the descriptor is an eventfd and ppoll takes a nanosecond timeout); elsewhere
/// <see cref="Available"/> is false and sends park at once.
/// </summary>
internal static unsafe class DescriptorWait
{
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    private const short PollIn = 0x001;

    private static readonly delegate* unmanaged<PollDescriptor*, nuint, TimeSpec*, void*, int> s_ppoll = Resolve();

    /// <summary>Whether this system has the wait (Linux); elsewhere sends park at once.</summary>
    public static bool Available => s_ppoll != null;

    private static delegate* unmanaged<PollDescriptor*, nuint, TimeSpec*, void*, int> Resolve()
    {
        try
        {
            return OperatingSystem.IsLinux() && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "ppoll", out nint ppoll)
                ? (delegate* unmanaged<PollDescriptor*, nuint, TimeSpec*, void*, int>)ppoll
                : null;
        }
        catch (Exception)
        {
            return null; // no wait rather than a type that fails every send that would use it
        }
    }

    /// <summary>
    /// Waits until <paramref name="descriptor"/> is readable or <paramref name="timeoutNanoseconds"/>
    /// pass. True when it became readable; false on the timeout, an interruption or any failure: the
    /// caller then reads ZMQ_EVENTS and goes on as it would have. A descriptor closed by another
    /// thread during the wait (the socket disposed) keeps it waiting until the timeout, harmlessly:
    /// the wait only watches.
    /// </summary>
    public static bool WaitReadable(nint descriptor, long timeoutNanoseconds)
    {
        if (s_ppoll == null || timeoutNanoseconds <= 0)
        {
            return false;
        }
        var item = new PollDescriptor { Descriptor = (int)descriptor, Events = PollIn };
        var timeout = new TimeSpec { Seconds = (nint)(timeoutNanoseconds / 1_000_000_000), Nanoseconds = (nint)(timeoutNanoseconds % 1_000_000_000) };
        return s_ppoll(&item, 1, &timeout, null) > 0 && (item.ReturnedEvents & PollIn) != 0;
    }
}
