using System.Globalization;
using System.Text.RegularExpressions;
using Zmq.Samples.Harness;

namespace Zmq.Tests.Support;

/// <summary>
/// The <c>summary</c> line a <c>stream-receive</c> peer of Zmq.TestHost prints at its end: what it
/// received of a numbered stream, what was lost (as gaps) and what came out of order.
/// </summary>
internal sealed partial record StreamSummary(long Received, long First, long Last, long Lost, int Gaps, long OutOfOrder, bool Ended, string Line)
{
    /// <summary>Reads the summary line of a receiver that has exited.</summary>
    public static StreamSummary Of(PeerProcess receiver)
    {
        string line = receiver.Lines.Single(l => l.StartsWith("summary ", StringComparison.Ordinal));
        var fields = Field().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        long Number(string name) => long.Parse(fields[name], CultureInfo.InvariantCulture);
        return new StreamSummary(Number("received"), Number("first"), Number("last"), Number("lost"), (int)Number("gaps"),
            Number("out-of-order"), fields["ended"] == "True", line);
    }

    [GeneratedRegex(@"(\S+)=(\S*)")]
    private static partial Regex Field();
}
