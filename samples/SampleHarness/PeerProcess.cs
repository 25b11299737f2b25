using System.Diagnostics;
using System.Text;

namespace Zmq.Samples.Harness;

/// <summary>
/// One demo peer running as its own process (a sample program or a pyzmq script), with its output
/// collected line by line. Used by the Demo runner and by the sample tests. It only ever ends the
/// process it started, by its PID.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly object _gate = new(); // Monitor.Wait/PulseAll need a plain object.
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(string label, ProcessStartInfo start, Action<string, string>? echo)
    {
        Label = label;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.Environment["PYTHONUNBUFFERED"] = "1";
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _outputClosed.TrySetResult();
                return;
            }
            lock (_gate)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_gate);
            }
            echo?.Invoke(Label, e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_gate)
                {
                    _errors.AppendLine(e.Data);
                }
                echo?.Invoke(Label + " stderr", e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The role name used to prefix its lines.</summary>
    public string Label { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Every line printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything printed to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a sample program built next to the caller (<c>&lt;program&gt;.dll</c> in the application
    /// directory) as <c>dotnet &lt;program&gt;.dll &lt;role&gt; args…</c>, optionally behind a
    /// <paramref name="launcher"/> command that execs it (such as <c>ip netns exec &lt;name&gt;</c>, which
    /// keeps the PID, so ending the peer still ends exactly the process started).
    /// </summary>
    public static PeerProcess StartSample(string program, string role, IEnumerable<string> args, string? label = null, Action<string, string>? echo = null, IReadOnlyList<string>? launcher = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, program + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"sample program not built next to the caller: {dll}");
        }
        var start = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : "dotnet");
        if (launcher is { Count: > 0 })
        {
            foreach (string part in launcher.Skip(1))
            {
                start.ArgumentList.Add(part);
            }
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(role);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return new PeerProcess(label ?? role, start, echo);
    }

    /// <summary>
    /// Starts a published sample executable (an apphost: <c>requestreply</c>, <c>pubsub.exe</c>, …) as
    /// <c>&lt;executable&gt; &lt;role&gt; args…</c>, behind <paramref name="launcher"/> when given (an
    /// emulator wrapper such as <c>build/emulators/run win-x64</c>, which execs, so the PID is the peer's).
    /// </summary>
    public static PeerProcess StartPublished(string executable, string role, IEnumerable<string> args, string? label = null, Action<string, string>? echo = null, IReadOnlyList<string>? launcher = null)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"published sample not found: {executable}");
        }
        var start = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : executable);
        if (launcher is { Count: > 0 })
        {
            foreach (string part in launcher.Skip(1))
            {
                start.ArgumentList.Add(part);
            }
            start.ArgumentList.Add(executable);
        }
        start.ArgumentList.Add(role);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return new PeerProcess(label ?? role, start, echo);
    }

    /// <summary>Starts a Python 3 script with Debian's interpreter, which has pyzmq (python3-zmq).</summary>
    public static PeerProcess StartPython(string script, string role, IEnumerable<string> args, string? label = null, Action<string, string>? echo = null)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(role);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return new PeerProcess(label ?? "py " + role, start, echo);
    }

    /// <summary>Waits for a line matching <paramref name="match"/>; throws <see cref="TimeoutException"/> past the deadline.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout) => WaitForLines(match, 1, timeout)[0];

    /// <summary>
    /// Waits until <paramref name="count"/> lines match <paramref name="match"/> and returns the first
    /// that many; throws <see cref="TimeoutException"/> past the deadline or once the process has ended.
    /// </summary>
    public IReadOnlyList<string> WaitForLines(Func<string, bool> match, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        lock (_gate)
        {
            while (true)
            {
                var lines = _lines.Where(match).Take(count).ToList();
                if (lines.Count == count)
                {
                    return lines;
                }
                TimeSpan left = timeout - deadline.Elapsed;
                if (left <= TimeSpan.Zero || (_process.HasExited && _outputClosed.Task.IsCompleted))
                {
                    throw new TimeoutException($"{Label} printed {lines.Count} of {count} matching lines within {timeout.TotalSeconds} s; output: [{string.Join(" | ", _lines)}] errors: [{_errors.ToString().Trim()}]");
                }
                Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>
    /// Waits for the <c>bound &lt;endpoint&gt;</c> line a binding role prints first and returns an
    /// endpoint peers on this machine can connect to (a wildcard address becomes 127.0.0.1).
    /// </summary>
    public string WaitForBoundEndpoint(TimeSpan timeout)
    {
        string line = WaitForLine(l => l.StartsWith("bound ", StringComparison.Ordinal), timeout);
        return line["bound ".Length..].Trim().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>Waits for the process to exit and its output to be read; kills it (by PID) past the deadline.</summary>
    /// <returns>The exit code, or null when it had to be killed.</returns>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            return null;
        }
        _process.WaitForExit(); // Drains the asynchronous output readers.
        _outputClosed.Task.Wait(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT (what Ctrl-C sends) to this process.</summary>
    public void Interrupt() => Signals.Send(_process.Id, Signals.SIGINT);

    /// <summary>
    /// Sends SIGTERM (what systemd or a container runtime sends to stop a service) to this process.
    /// Unlike SIGINT, it is never inherited as ignored from a shell that started the test run in the
    /// background, so a service under test always sees it.
    /// </summary>
    public void Terminate() => Signals.Send(_process.Id, Signals.SIGTERM);

    /// <summary>Ends the process if it still runs.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
