using System.Runtime.InteropServices;

namespace Zmq.Tests.Support;

/// <summary>
/// Linux: tells when a thread is asleep in the kernel, so a test can act while a wait sleeps rather
/// than before it begins. <see cref="Mark"/> on the thread that is about to block (the engine's
/// hook before a sleep); <see cref="WaitUntilAsleep"/> from another thread returns once that thread
/// sleeps (its state in <c>/proc/self/task/&lt;tid&gt;/stat</c> is S) after the mark. The only
/// blocking call between the hook and the engine's ppoll is the ppoll, so a test that acts then
/// acts during it; if the thread slept for another reason meanwhile (a page fault, a GC pause),
/// the act comes early and the test checks the earlier path, never a false failure.
/// </summary>
internal sealed partial class SleepingThread
{
    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    private int _tid;

    /// <summary>On the thread about to block: records it.</summary>
    public void Mark() => Volatile.Write(ref _tid, GetTid());

    /// <summary>From another thread: waits until the marked thread sleeps; false if it never did within the tests' timeout.</summary>
    public bool WaitUntilAsleep()
    {
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            int tid = Volatile.Read(ref _tid);
            if (tid != 0 && StateOf(tid) == 'S')
            {
                return true;
            }
            Thread.Yield();
        }
        return false;
    }

    private static char StateOf(int tid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            // "tid (comm) S ...": the comm may hold spaces and parentheses; the state follows the last ')'.
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return '?';
        }
    }
}
