using System.Globalization;

namespace Zmq.Tests.Support;

/// <summary>
/// Linux: what <c>/proc</c> says about one thread of this process. The calling thread's id comes
/// from the <c>/proc/thread-self</c> link (no libc call, any C library).
/// </summary>
internal static class ProcThread
{
    /// <summary>The calling thread's id (its <c>/proc/self/task</c> entry).</summary>
    public static int CurrentId()
    {
        string target = new FileInfo("/proc/thread-self").LinkTarget ?? throw new InvalidOperationException("/proc/thread-self is not a link");
        return int.Parse(target[(target.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The thread's state letter (S: asleep in a system call; R: running), '?' once it is gone.</summary>
    public static char State(int tid)
    {
        string? stat = Read($"/proc/self/task/{tid}/stat");
        // "tid (comm) S ...": the comm may hold spaces and parentheses; the state follows the last ')'.
        return stat is null ? '?' : stat[stat.LastIndexOf(')') + 2];
    }

    /// <summary>How many times the thread gave up the CPU of its own accord (went to sleep) so far.</summary>
    public static long VoluntarySwitches(int tid)
    {
        string status = Read($"/proc/self/task/{tid}/status") ?? throw new InvalidOperationException($"thread {tid} is gone");
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
            {
                return long.Parse(line["voluntary_ctxt_switches:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"no voluntary_ctxt_switches line for thread {tid}");
    }

    /// <summary>A file of <c>/proc</c>; null when it is gone (the thread ended) or unreadable.</summary>
    public static string? Read(string path)
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
