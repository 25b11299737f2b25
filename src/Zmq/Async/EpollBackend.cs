using System.ComponentModel;
using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Linux: one epoll set, each socket's ZMQ_FD added once, edge-triggered and one-shot. ZMQ_FD
/// signals edges (libzmq writes its eventfd when a command arrives for a socket whose mailbox was
/// drained), so edge-triggered epoll reports each one once and never again until the next: no event
/// storm, and no set to rebuild per await. One-shot, as the poll backend: a descriptor that fired is
/// not watched again until a readiness check leaves waiters parked (<see cref="Rearm"/>), so a
/// socket whose operations complete without parking costs the reactor one wake-up, not one per
/// command its peers send it (a stream's sender hears an activate_write every few hundred messages:
/// each woke this thread, which on a busy CPU preempts the very threads doing the work). Adding or
/// re-arming a descriptor that is already readable reports it at once (epoll_ctl checks the level),
/// so no signal that came before is missed. An eventfd in the same set lets <see cref="Wake"/> end a
/// wait early, for a back-off re-check due sooner than planned.
/// </summary>
/// <remarks>
/// libc is reached through the running program's own symbol table (no library name to resolve)
/// and called through unmanaged function pointers: no runtime marshalling, NativeAOT-clean.
/// <c>struct epoll_event</c> is packed (12 bytes, data at offset 4) on x86 and x86-64 only; 16
/// bytes with data at offset 8 elsewhere.
/// </remarks>
internal sealed unsafe class EpollBackend : ReactorBackend
{
    private const int EpollCtlAdd = 1, EpollCtlDel = 2, EpollCtlMod = 3, EpollCloexec = 0x80000;
    private const uint EpollIn = 0x001, EpollOneShot = 1u << 30, EpollEt = 1u << 31;
    private const uint WatchOnce = EpollIn | EpollEt | EpollOneShot;
    private const int Enoent = 2, Ebadf = 9;
    private const int MaxEvents = 256;

    private static readonly bool s_packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;
    private static readonly int s_eventSize = s_packed ? 12 : 16;
    private static readonly int s_dataOffset = s_packed ? 4 : 8;

    private readonly delegate* unmanaged<int, int, int, byte*, int> _ctl;
    private readonly delegate* unmanaged<int, byte*, int, int, int> _wait;
    private readonly int _epoll;
    private readonly int _wake; // an eventfd in the set under WakeToken: Wake() ends a wait early
    private readonly byte* _events;
    private int _wakePending;

    /// <summary>The token of the wake eventfd: no registration has it (their generations start at 1).</summary>
    private const long WakeToken = 0;

    private EpollBackend(nint create, nint ctl, nint wait)
    {
        _ctl = (delegate* unmanaged<int, int, int, byte*, int>)ctl;
        _wait = (delegate* unmanaged<int, byte*, int, int, int>)wait;
        _epoll = ((delegate* unmanaged<int, int>)create)(EpollCloexec);
        if (_epoll < 0)
        {
            throw new Win32Exception(Marshal.GetLastSystemError(), "epoll_create1 failed");
        }
        _wake = EventFd.Create();
        if (_wake < 0)
        {
            throw new Win32Exception(Marshal.GetLastSystemError(), "eventfd failed");
        }
        byte* ev = stackalloc byte[16];
        *(uint*)ev = EpollIn; // level-triggered: a wake not yet drained ends every wait until it is
        *(long*)(ev + s_dataOffset) = WakeToken;
        if (_ctl(_epoll, EpollCtlAdd, _wake, ev) != 0)
        {
            throw new Win32Exception(Marshal.GetLastSystemError(), "epoll_ctl(ADD) failed for the wake eventfd");
        }
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * s_eventSize));
    }

    public override string Name => "epoll";

    /// <summary>The epoll backend, or null where the system has no epoll.</summary>
    public static EpollBackend? TryCreate()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        nint program = NativeLibrary.GetMainProgramHandle();
        return NativeLibrary.TryGetExport(program, "epoll_create1", out nint create)
            && NativeLibrary.TryGetExport(program, "epoll_ctl", out nint ctl)
            && NativeLibrary.TryGetExport(program, "epoll_wait", out nint wait)
            && EventFd.Available
            ? new EpollBackend(create, ctl, wait)
            : null;
    }

    public override void Add(SocketReadiness readiness)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = WatchOnce;
        *(long*)(ev + s_dataOffset) = readiness.Token;
        // Armed before the descriptor is watched: its first event may be dispatched (and disarm it)
        // before epoll_ctl returns.
        Volatile.Write(ref readiness.Armed, 1);
        if (_ctl(_epoll, EpollCtlAdd, (int)readiness.Descriptor, ev) != 0)
        {
            int errno = Marshal.GetLastSystemError();
            Volatile.Write(ref readiness.Armed, 0);
            throw new Win32Exception(errno, $"epoll_ctl(ADD) failed for descriptor {readiness.Descriptor} of {readiness.Context.Socket} (errno {errno})");
        }
    }

    /// <remarks>
    /// Called under the socket's gate, after the drain the readiness check judged on (or by a
    /// thread-safe socket's check, after its drain): a signal pending now came after that drain, and
    /// epoll_ctl(MOD) reports it at once. Only the caller that turns <see cref="SocketReadiness.Armed"/>
    /// from 0 to 1 re-arms; the loop turns it back to 0 before it dispatches an event, so a re-arm is
    /// skipped only while the descriptor is watched, or while an event that disarmed it is on its way
    /// to a readiness check (which re-arms it if waiters are still parked then). False when the
    /// kernel refused (the caller then re-checks from a timer); never throws.
    /// </remarks>
    public override bool Rearm(SocketReadiness readiness)
    {
        if (Interlocked.Exchange(ref readiness.Armed, 1) == 1)
        {
            return true;
        }
        byte* ev = stackalloc byte[16];
        *(uint*)ev = WatchOnce;
        *(long*)(ev + s_dataOffset) = readiness.Token;
        if (_ctl(_epoll, EpollCtlMod, (int)readiness.Descriptor, ev) == 0)
        {
            return true;
        }
        int errno = Marshal.GetLastSystemError();
        if (errno is Enoent or Ebadf)
        {
            return true; // the socket is being disposed: unregistered, nothing left to watch
        }
        // Not watched after all (ENOMEM): the caller's timer makes a readiness check that tries again.
        Volatile.Write(ref readiness.Armed, 0);
        return false;
    }

    public override void Remove(SocketReadiness readiness)
    {
        byte* ev = stackalloc byte[16]; // kernels before 2.6.9 want a non-null event even for DEL
        // A failure means the descriptor already left the set (closed under us): nothing to undo.
        _ = _ctl(_epoll, EpollCtlDel, (int)readiness.Descriptor, ev);
    }

    public override void Wake()
    {
        // One write per wait at most: the loop clears the flag after draining, before its next wait.
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            EventFd.Signal(_wake);
        }
    }

    public override void Wait(ZmqReactor reactor, int timeoutMs)
    {
        int count = _wait(_epoll, _events, MaxEvents, timeoutMs);
        if (count < 0)
        {
            int errno = Marshal.GetLastSystemError();
            if (errno == LibZmq.EINTR)
            {
                return; // a signal (the runtime uses them): wait again
            }
            throw new Win32Exception(errno, $"epoll_wait failed (errno {errno})");
        }
        for (int i = 0; i < count; i++)
        {
            long token = *(long*)(_events + (i * s_eventSize) + s_dataOffset);
            if (token == WakeToken)
            {
                EventFd.Drain(_wake);
                Volatile.Write(ref _wakePending, 0);
            }
            else
            {
                reactor.Dispatch(token, disarmed: true); // one-shot: the kernel stopped watching it
            }
        }
    }
}
