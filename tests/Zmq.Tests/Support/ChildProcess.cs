using System.Diagnostics;

namespace Zmq.Tests.Support;

/// <summary>Runs a scenario of Zmq.TestHost in a child process, killing it (by its PID) past a deadline.</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output, string Error, bool TimedOut);

    public static Result RunTestHost(string scenario, TimeSpan limit, IDictionary<string, string>? environment = null, params string[] arguments)
    {
        string host = Path.Combine(AppContext.BaseDirectory, "Zmq.TestHost.dll");
        Assert.True(File.Exists(host), $"test host not built at {host}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(scenario);
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
            process.WaitForExit();
        }
        return new Result(exited ? process.ExitCode : -1, output.Result, error.Result, !exited);
    }
}
