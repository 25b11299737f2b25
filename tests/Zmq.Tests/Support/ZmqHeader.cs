using System.Text.RegularExpressions;

namespace Zmq.Tests.Support;

/// <summary>
/// Reads the installed zmq.h (libzmq3-dev) so tests can check the binding against the real header
/// rather than against a copy of it. Only the stable part, before ZMQ_BUILD_DRAFT_API, counts.
/// </summary>
internal static partial class ZmqHeader
{
    public static readonly string[] Candidates = ["/usr/include/zmq.h", "/usr/local/include/zmq.h", "/opt/homebrew/include/zmq.h"];

    public static string StableText()
    {
        string? path = Candidates.FirstOrDefault(File.Exists);
        Assert.True(path is not null, "zmq.h not found: native/install-libzmq.sh --dev installs libzmq3-dev");
        string text = File.ReadAllText(path);
        int draft = text.IndexOf("#ifdef ZMQ_BUILD_DRAFT_API", StringComparison.Ordinal);
        return draft >= 0 ? text[..draft] : text;
    }

    public static IEnumerable<(string Name, int Value)> StableSocketOptions()
    {
        string text = StableText();
        int start = text.IndexOf("#define ZMQ_AFFINITY", StringComparison.Ordinal);
        int end = text.IndexOf("#define ZMQ_MORE 1", StringComparison.Ordinal);
        foreach (Match m in Define().Matches(text[start..end]))
        {
            if (m.Groups[1].Value != "BLOCKY") // A context option that zmq.h lists among socket options.
            {
                yield return (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    public static IEnumerable<(string Name, long Value)> NumericDefines()
    {
        foreach (Match m in DefineAny().Matches(StableText()))
        {
            string value = m.Groups[2].Value;
            long parsed = value.StartsWith("0x", StringComparison.Ordinal)
                ? Convert.ToInt64(value[2..], 16)
                : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            yield return ("ZMQ_" + m.Groups[1].Value, parsed);
        }
    }

    public static IEnumerable<string> ExportedFunctions()
    {
        foreach (Match m in Export().Matches(StableText()))
        {
            yield return m.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"#define ZMQ_(\w+) (\d+)\b")]
    private static partial Regex Define();

    [GeneratedRegex(@"#define ZMQ_(\w+) (0x[0-9A-Fa-f]+|-?\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DefineAny();

    [GeneratedRegex(@"ZMQ_EXPORT[^;(]*?\b(zmq_\w+)\s*\(", RegexOptions.Singleline)]
    private static partial Regex Export();
}
