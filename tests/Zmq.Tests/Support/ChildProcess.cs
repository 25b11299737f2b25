using System.Diagnostics;

namespace Zmq.Tests.Support;

/// <summary>Runs a program as a child process, killing it (by its PID) past a deadline.</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output, string Error, bool TimedOut)
    {
        /// <summary>Asserts the child ended by itself with exit code 0; <paramref name="hang"/> says what a timeout means.</summary>
        public void AssertSucceeded(string hang = "the child hung")
        {
            Assert.False(TimedOut, $"{hang}: {Output}{Error}");
            Assert.True(ExitCode == 0, $"exit {ExitCode}: {Output}{Error}");
        }
    }

    /// <summary>Runs a scenario of Zmq.TestHost (built next to the tests).</summary>
    /// <summary>
    /// Runs the test host's <c>describe</c> scenario (it prints <c>ZmqLibrary.Describe()</c>) with
    /// ZMQ_LIBRARY_PATH set to <paramref name="libraryPathOverride"/>; an empty value clears it.
    /// </summary>
    public static Result DescribeLibrary(string libraryPathOverride) =>
        RunTestHost("describe", TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { [Zmq.Interop.LibZmqResolver.PathVariable] = libraryPathOverride });

    /// <summary>Runs a test-host scenario with the async reactor on <paramref name="backend"/> (ZMQ_ASYNC_BACKEND: epoll or poll).</summary>
    public static Result RunTestHostOnBackend(string scenario, string backend, TimeSpan limit, params string[] arguments) =>
        RunTestHost(scenario, limit, new Dictionary<string, string> { ["ZMQ_ASYNC_BACKEND"] = backend }, arguments);

    public static Result RunTestHost(string scenario, TimeSpan limit, IDictionary<string, string>? environment = null, params string[] arguments)
    {
        if (IsSelfContained)
        {
            // The portable suite, published self-contained for an emulated platform, has no `dotnet`
            // to start the host with: it starts the host's own executable, published beside it, behind
            // ZMQ_TEST_LAUNCHER when set (qemu-user cannot exec a foreign binary by itself, so an
            // emulated test names the emulator there; the emulator is a host binary, which it can).
            string executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Zmq.TestHost.exe" : "Zmq.TestHost");
            Assert.True(File.Exists(executable), $"test host not published at {executable}");
            string[] launcher = (Environment.GetEnvironmentVariable(LauncherVariable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return launcher.Length == 0
                ? Run(executable, [scenario, .. arguments], limit, environment, ScenarioStartedLine)
                : Run(launcher[0], [.. launcher[1..], executable, scenario, .. arguments], limit, environment, ScenarioStartedLine);
        }
        string host = Path.Combine(AppContext.BaseDirectory, "Zmq.TestHost.dll");
        Assert.True(File.Exists(host), $"test host not built at {host}");
        return Run("dotnet", [host, scenario, .. arguments], limit, environment, ScenarioStartedLine);
    }

    /// <summary>
    /// What the test host writes to standard error as its scenario begins (Zmq.TestHost's Program):
    /// a scenario's limit counts from there, so the time an emulator under load takes to start a
    /// .NET process (tens of seconds under qemu with both cores busy) is never taken for a hang.
    /// </summary>
    public const string ScenarioStartedLine = "zmq-testhost: scenario started";

    /// <summary>How long a child may take to reach <see cref="ScenarioStartedLine"/>: a watchdog for a host that cannot start, not a timing.</summary>
    private static readonly TimeSpan StartupLimit = TimeSpan.FromMinutes(3);

    /// <summary>The command (and its arguments) that starts a child of a self-contained test build.</summary>
    public const string LauncherVariable = "ZMQ_TEST_LAUNCHER";

    /// <summary>True when the runtime was published with the tests (its core library sits in their folder).</summary>
    private static bool IsSelfContained =>
        string.Equals(Path.GetFullPath(Path.GetDirectoryName(typeof(object).Assembly.Location) ?? ""),
            Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/> to its end or the deadline:
    /// <paramref name="limit"/> from the start, or, with <paramref name="startedLine"/>, from the moment
    /// the child writes that line to standard error (which it leaves out of <see cref="Result.Error"/>).
    /// </summary>
    public static Result Run(string file, IEnumerable<string> arguments, TimeSpan limit, IDictionary<string, string>? environment = null, string? startedLine = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }
        using var process = Process.Start(start)!;
        using var started = new ManualResetEventSlim(startedLine is null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = ReadErrorAsync(process.StandardError, startedLine, started);
        bool exited;
        if (startedLine is null)
        {
            exited = process.WaitForExit(limit);
        }
        else
        {
            // Until the scenario starts (or the child ends without starting it), then its own limit.
            var startup = Stopwatch.StartNew();
            while (!started.Wait(TimeSpan.FromMilliseconds(100)) && !process.HasExited && startup.Elapsed < StartupLimit)
            {
            }
            exited = process.HasExited || (started.IsSet && process.WaitForExit(limit));
        }
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }
        // Bounded too (one deadline for the exit and both pipes): a descendant that keeps a pipe
        // open (wine's) must not hang the test run, which then named no test for 19 minutes.
        var after = Stopwatch.StartNew();
        TimeSpan Left() => AfterExitLimit - after.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero;
        bool ended = process.WaitForExit(Left());
        bool drained = ended && output.Wait(Left()) && error.Wait(Left());
        string outputText = output.IsCompletedSuccessfully ? output.Result : "";
        string errorText = error.IsCompletedSuccessfully ? error.Result : "";
        if (ended && !drained)
        {
            errorText += $"{Environment.NewLine}(the child exited but its output did not end within {AfterExitLimit.TotalSeconds:F0} s: a descendant keeps the pipe)";
        }
        return new Result(exited && ended ? process.ExitCode : -1, outputText, errorText, !exited || !ended);
    }

    /// <summary>How long the child's exit and the end of its output may take once it ended or was killed: a watchdog, not a timing.</summary>
    private static readonly TimeSpan AfterExitLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// True in the portable subset, which runs self-contained under an emulator (qemu-user, wine):
    /// there a child process costs many times what it costs natively, so the few tests that start
    /// dozens of heavy children start fewer (the native runs keep the full count).
    /// </summary>
    public static bool UnderEmulator => IsSelfContained;

    /// <summary>Reads standard error to its end, signalling <paramref name="started"/> at <paramref name="startedLine"/> and leaving that line out.</summary>
    private static async Task<string> ReadErrorAsync(StreamReader reader, string? startedLine, ManualResetEventSlim started)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (startedLine is not null && line == startedLine)
            {
                started.Set();
                continue;
            }
            text.AppendLine(line);
        }
        return text.ToString();
    }
}
