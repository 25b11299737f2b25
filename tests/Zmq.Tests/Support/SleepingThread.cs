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
    public void Mark()
    {
        string target = new FileInfo("/proc/thread-self").LinkTarget ?? throw new InvalidOperationException("/proc/thread-self is not a link");
        Volatile.Write(ref _tid, int.Parse(target[(target.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>From another thread: waits until the marked thread sleeps in ppoll; false if it did not within the tests' timeout.</summary>
    public bool WaitUntilAsleep()
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(TestSockets.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            int tid = Volatile.Read(ref _tid);
            if (tid != 0 && StateOf(tid) == 'S' && InPpoll(tid))
            {
                return true;
            }
            Thread.Yield();
        }
        return false;
    }

    private static char StateOf(int tid)
    {
        string? stat = Read($"/proc/self/task/{tid}/stat");
        // "tid (comm) S ...": the comm may hold spaces and parentheses; the state follows the last ')'.
        return stat is null ? '?' : stat[stat.LastIndexOf(')') + 2];
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
        string? syscall = Read($"/proc/self/task/{tid}/syscall");
        return syscall is not null && syscall.Split(' ')[0] == ppoll.ToString(CultureInfo.InvariantCulture);
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
