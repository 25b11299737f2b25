using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// A bounded wait, on the calling thread, for a socket's ZMQ_FD to become readable (libzmq signals
/// it when a command reaches the socket's mailbox), or for a kick: the wait before parking
/// (SocketAsyncContext.Spin.cs). A plain <c>ppoll</c> on the two descriptors, not a libzmq call, so
/// it needs no gate and consumes nothing of the socket's: the caller drains with a ZMQ_EVENTS read
/// afterwards. Linux only (where the descriptor is an eventfd and ppoll takes a nanosecond
/// timeout); elsewhere <see cref="Available"/> is false and sends park at once (receives spin).
/// </summary>
/// <remarks>
/// A kick is an eventfd that another thread writes to end the wait early: the waiting operation is not
/// parked, so a call that drains the socket's commands meanwhile (and with them the signal the
/// wait was for) kicks it when it lets go of the gate. Kicks come from a process-wide pool and are
/// never closed: a kicker reads the waiter's kick, and may write it after the waiter has woken and
/// returned it to the pool, so a kick's number must never name another file. A write that lands
/// while the kick is in the pool is drained when it is rented; one that lands after that wakes its
/// new user once for nothing (it drains and waits again). The pool holds as many
/// eventfds as operations ever waited at the same moment.
/// </remarks>
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

    private static readonly delegate* unmanaged<PollDescriptor*, nuint, TimeSpec*, void*, int> s_ppoll;
    private static readonly Lock s_kicksGate = new();
    private static readonly Stack<int> s_kicks = new(); // allocates only when it grows: a wait allocates nothing in steady state
    private static readonly List<int> s_waiting = []; // the kicks of the waits in progress, under s_kicksGate
    private static int s_waitingCount;
    private static int s_poolKicks; // how many times KickEveryWait reached the listed waits

#pragma warning disable CA1810 // ppoll and the eventfds are found together, or the wait is off
    static DescriptorWait()
#pragma warning restore CA1810
    {
        try
        {
            nint program = OperatingSystem.IsLinux() ? NativeLibrary.GetMainProgramHandle() : 0;
            if (program != 0 && EventFd.Available && NativeLibrary.TryGetExport(program, "ppoll", out nint ppoll))
            {
                s_ppoll = (delegate* unmanaged<PollDescriptor*, nuint, TimeSpec*, void*, int>)ppoll;
            }
        }
        catch (Exception)
        {
            s_ppoll = null; // no wait rather than a type that fails every send that would use it
        }
    }

    /// <summary>Whether this system has the wait (Linux); elsewhere sends park at once.</summary>
    public static bool Available => s_ppoll != null;

    /// <summary>A kick for one wait, from the pool or new; -1 when none can be made (the caller then does not wait). Never throws.</summary>
    public static int RentKick()
    {
        int kick;
        bool pooled;
        lock (s_kicksGate)
        {
            pooled = s_kicks.TryPop(out kick);
        }
        if (!pooled)
        {
            return EventFd.Create(); // a system call: outside the lock every kicker takes
        }
        // A kicker that read this eventfd during its last wait may have written it after that
        // wait drained it for the last time: start clean, so this wait's first sleep is not ended
        // by a kick that was never meant for it.
        EventFd.Drain(kick);
        return kick;
    }

    /// <summary>Gives a kick back to the pool once its wait is over, signalled or not (<see cref="RentKick"/> drains it). Never throws short of running out of memory.</summary>
    public static void ReturnKick(int kick)
    {
        lock (s_kicksGate)
        {
            s_kicks.Push(kick);
        }
    }

    /// <summary>
    /// A wait with <paramref name="kick"/> begins: <see cref="KickEveryWait"/> reaches it until
    /// <see cref="EndWait"/>. Returns <see cref="PoolKicks"/> as of the listing, read under the
    /// lock the kicks are counted and written under: every count past it is a kick that reached
    /// this wait, and none before it did (a baseline read after the lock could take in a kick
    /// that reached the wait, which would then drain it and sleep on past the completion it
    /// announced, unless the pool's queue still showed that work).
    /// </summary>
    public static int BeginWait(int kick)
    {
        lock (s_kicksGate)
        {
            s_waiting.Add(kick);
            Interlocked.Increment(ref s_waitingCount); // a full fence: the pool check after it cannot read first
            return s_poolKicks;
        }
    }

    /// <summary>The wait with <paramref name="kick"/> is over.</summary>
    public static void EndWait(int kick)
    {
        lock (s_kicksGate)
        {
            if (s_waiting.Remove(kick)) // a failed BeginWait listed nothing
            {
                Interlocked.Decrement(ref s_waitingCount);
            }
        }
    }

    /// <summary>
    /// How many times <see cref="KickEveryWait"/> has reached the listed waits: a listed wait that
    /// sees it change since its listing gives its thread back, whether or not the pool's queue
    /// still holds the work (another worker may have taken it).
    /// </summary>
    public static int PoolKicks => Volatile.Read(ref s_poolKicks);

    /// <summary>
    /// Work was queued to the thread pool (a parked operation's continuation): every wait in
    /// progress wakes and gives its thread back (SocketAsyncContext.Spin.cs), so a stream of
    /// completions costs each wait one wake, not one per completion. Costs one read when nothing
    /// waits. Never throws.
    /// </summary>
    public static void KickEveryWait()
    {
        // The caller queued work, then reads the count; a wait counts itself, then reads the
        // pool's queue. Each store before its load: one of the two sees the other.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref s_waitingCount) == 0)
        {
            return;
        }
        lock (s_kicksGate)
        {
            Interlocked.Increment(ref s_poolKicks); // before the kicks: a woken wait sees it
            foreach (int kick in s_waiting)
            {
                Kick(kick);
            }
        }
    }

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> interval as a timespec, without overflow for any length.</summary>
    private static TimeSpec ToTimeSpec(long ticks)
    {
        long frequency = System.Diagnostics.Stopwatch.Frequency;
        // The remainder is below the frequency (at most 1e9 per second on Linux), so the product fits.
        return new TimeSpec { Seconds = (nint)(ticks / frequency), Nanoseconds = (nint)(ticks % frequency * 1_000_000_000 / frequency) };
    }

    /// <summary>Ends the wait that uses <paramref name="kick"/>, or the next one to use it. Never throws.</summary>
    public static void Kick(int kick) => EventFd.Signal(kick);

    /// <summary>How a <see cref="WaitReadable"/> ended.</summary>
    public enum Outcome
    {
        /// <summary>The descriptor became readable or the kick was written.</summary>
        Signalled,

        /// <summary>The time passed first.</summary>
        TimedOut,

        /// <summary>ppoll failed (or is missing): the caller must not sleep again at once.</summary>
        Failed,
    }

    /// <summary>
    /// Waits until <paramref name="descriptor"/> is readable, <paramref name="kick"/> is written or
    /// <paramref name="timeoutTicks"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks; 0: looks
    /// once without sleeping) pass, and drains the kick. On a failure the caller's wait ends and
    /// parks, whose own drain follows.
    /// An interruption by a signal sleeps on for the time left (errno is read after the call, so a
    /// runtime that changed it meanwhile can end the wait early: it then parks, nothing lost). A
    /// descriptor closed by another thread during the wait (the socket disposed) does not keep it:
    /// the disposal kicks it.
    /// </summary>
    public static Outcome WaitReadable(nint descriptor, int kick, long timeoutTicks)
    {
        if (s_ppoll == null || timeoutTicks < 0)
        {
            return Outcome.Failed;
        }
        PollDescriptor* items = stackalloc PollDescriptor[2];
        items[0] = new PollDescriptor { Descriptor = (int)descriptor, Events = PollIn };
        items[1] = new PollDescriptor { Descriptor = kick, Events = PollIn };
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + timeoutTicks;
        int ready;
        while (true)
        {
            TimeSpec timeout = ToTimeSpec(timeoutTicks);
            ready = s_ppoll(items, 2, &timeout, null);
            if (ready >= 0 || Marshal.GetLastSystemError() != LibZmq.EINTR)
            {
                break;
            }
            // A signal (a child process ending, the runtime's own): sleep on for the time left.
            timeoutTicks = deadline - System.Diagnostics.Stopwatch.GetTimestamp();
            if (timeoutTicks <= 0)
            {
                return Outcome.TimedOut;
            }
        }
        if (ready <= 0)
        {
            return ready == 0 ? Outcome.TimedOut : Outcome.Failed;
        }
        if ((items[1].ReturnedEvents & PollIn) != 0)
        {
            EventFd.Drain(kick); // drained by nobody else: the kick is this wait's while it lasts
        }
        return Outcome.Signalled;
    }
}
