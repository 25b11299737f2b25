using System.Text.RegularExpressions;

namespace Zmq.Tests.Support;

/// <summary>
/// Reads zmq.h so tests can check the binding against the real header rather than against a copy of
/// it: the stable part from the installed header (libzmq3-dev), the draft section from the header
/// the native build installed next to the bundled library. A portable test build (tests/Zmq.PortableTests,
/// run under an emulator where neither exists) carries the built header beside itself, and reads both
/// parts from it.
/// </summary>
internal static partial class ZmqHeader
{
    /// <summary>The header a portable test build ships beside its executable (include/zmq.h).</summary>
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "include", "zmq.h");

    public static readonly string[] Candidates = [Shipped, "/usr/include/zmq.h", "/usr/local/include/zmq.h", "/opt/homebrew/include/zmq.h"];

    public static string StableText()
    {
        string? path = Candidates.FirstOrDefault(File.Exists);
        Assert.True(path is not null, "zmq.h not found: native/install-libzmq.sh --dev installs libzmq3-dev");
        string text = File.ReadAllText(path);
        int draft = text.IndexOf("#ifdef ZMQ_BUILD_DRAFT_API", StringComparison.Ordinal);
        return draft >= 0 ? text[..draft] : text;
    }

    /// <summary>The ZMQ_BUILD_DRAFT_API section of the zmq.h that was built with the bundled library.</summary>
    public static string DraftText()
    {
        string path = File.Exists(Shipped) ? Shipped : Path.Combine(Repository.Root, "artifacts", "native", "linux-x64", "include", "zmq.h");
        Assert.True(File.Exists(path), $"{path} not found: ./build.sh --target=Native builds it");
        string text = File.ReadAllText(path);
        int start = text.IndexOf("#ifdef ZMQ_BUILD_DRAFT_API", StringComparison.Ordinal);
        int end = text.IndexOf("#endif // ZMQ_BUILD_DRAFT_API", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} has no draft section");
        return text[start..end];
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

    public static IEnumerable<(string Name, long Value)> NumericDefines() => NumericDefines(StableText());

    public static IEnumerable<(string Name, long Value)> NumericDefines(string text)
    {
        foreach (Match m in DefineAny().Matches(text))
        {
            string value = m.Groups[2].Value;
            long parsed = value.StartsWith("0x", StringComparison.Ordinal)
                ? Convert.ToInt64(value[2..], 16)
                : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            yield return ("ZMQ_" + m.Groups[1].Value, parsed);
        }
    }

    public static IEnumerable<string> ExportedFunctions() => ExportedFunctions(StableText());

    public static IEnumerable<string> ExportedFunctions(string text)
    {
        foreach (Match m in Export().Matches(text))
        {
            yield return m.Groups[1].Value;
        }
    }

    /// <summary>The string #defines of a header text (the message property names).</summary>
    public static IEnumerable<(string Name, string Value)> StringDefines(string text)
    {
        foreach (Match m in DefineString().Matches(text))
        {
            yield return ("ZMQ_" + m.Groups[1].Value, m.Groups[2].Value);
        }
    }

    [GeneratedRegex(@"#define ZMQ_(\w+) ""([^""]*)""")]
    private static partial Regex DefineString();

    [GeneratedRegex(@"#define ZMQ_(\w+) (\d+)\b")]
    private static partial Regex Define();

    [GeneratedRegex(@"#define ZMQ_(\w+) (0x[0-9A-Fa-f]+|-?\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DefineAny();

    [GeneratedRegex(@"ZMQ_EXPORT[^;(]*?\b(zmq_\w+)\s*\(", RegexOptions.Singleline)]
    private static partial Regex Export();
}
