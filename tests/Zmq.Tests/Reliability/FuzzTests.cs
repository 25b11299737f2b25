using Xunit.Abstractions;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>
/// Random endpoints, option numbers and values, frame sizes and garbage bytes from a raw TCP peer,
/// for a bounded time in a child process: no crash, no hang, nothing but the documented exceptions,
/// frames intact, and a real peer still served afterwards. The seed is printed to reproduce a failure
/// (<c>dotnet Zmq.TestHost.dll fuzz 10 &lt;seed&gt;</c>).
/// </summary>
public class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Random_input_for_ten_seconds_never_crashes_hangs_or_corrupts()
    {
        int seed = Random.Shared.Next();
        var result = ChildProcess.RunTestHost("fuzz", TimeSpan.FromSeconds(90),
            new Dictionary<string, string>(), "10", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _output.WriteLine(result.Output);
        Assert.False(result.TimedOut, $"the fuzzer hung (seed {seed})");
        Assert.True(result.ExitCode == 0, $"seed {seed}, exit {result.ExitCode}: {result.Output}");
        Assert.Contains("; 0 failures", result.Output, StringComparison.Ordinal);
    }
}
