using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Zmq.Tests.Support;

/// <summary>
/// Linux: tells when a thread sleeps in <c>ppoll</c>, so a test can act while a wait sleeps rather
/// than before it begins. <see cref="Mark"/> on the thread that is about to block (the engine's
/// hook before a sleep); <see cref="WaitUntilAsleep"/> from another thread returns once that
/// thread is asleep (state S in <c>/proc/self/task/&lt;tid&gt;/stat</c>) in the ppoll system call
/// (<c>/proc/self/task/&lt;tid&gt;/syscall</c>) after the mark. The thread's id comes from the
/// <c>/proc/thread-self</c> link (no libc call, any C library).
/// </summary>
internal sealed class SleepingThread
{
    private int _tid;

    /// <summary>On the thread about to block: records it.</summary>
    public void Mark() => Volatile.Write(ref _tid, ProcThread.CurrentId());

    /// <summary>From another thread: waits until the marked thread sleeps in ppoll; false if it did not within the tests' timeout.</summary>
    public bool WaitUntilAsleep()
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(TestSockets.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            int tid = Volatile.Read(ref _tid);
            if (tid != 0 && ProcThread.State(tid) == 'S' && InPpoll(tid))
            {
                return true;
            }
            Thread.Yield();
        }
        return false;
    }

    /// <summary>
    /// The thread is blocked in ppoll: the first field of its syscall file is ppoll's number on
    /// this architecture (on another, its sleeping state alone has to do).
    /// </summary>
    private static bool InPpoll(int tid)
    {
        int ppoll = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 271,
            Architecture.Arm64 => 73,
            _ => -1,
        };
        if (ppoll < 0)
        {
            return true;
        }
        string? syscall = ProcThread.Read($"/proc/self/task/{tid}/syscall");
        return syscall is not null && syscall.Split(' ')[0] == ppoll.ToString(CultureInfo.InvariantCulture);
    }
}
