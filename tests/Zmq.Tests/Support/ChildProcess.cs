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

    public static Result RunTestHost(string scenario, TimeSpan limit, IDictionary<string, string>? environment = null, params string[] arguments)
    {
        string host = Path.Combine(AppContext.BaseDirectory, "Zmq.TestHost.dll");
        Assert.True(File.Exists(host), $"test host not built at {host}");
        return Run("dotnet", [host, scenario, .. arguments], limit, environment);
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> to its end or the deadline.</summary>
    public static Result Run(string file, IEnumerable<string> arguments, TimeSpan limit, IDictionary<string, string>? environment = null)
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
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(limit);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        return new Result(exited ? process.ExitCode : -1, output.Result, error.Result, !exited);
    }
}
