using System;
using System.Collections.Generic;
using System.Linq;

namespace Zmq.Generators;

/// <summary>
/// Reads <c>ZmqSocket.Options.table</c> for both generators that emit from it (ZmqSocket's typed
/// options and Zmq.Hosting's configuration setters), so the two can never read a line differently.
/// One option per line: <c>Name | ZMQ_CONSTANT | kind | summary</c>; blank lines and lines that
/// start with <c>#</c> are skipped. A kind prefixed <c>set </c> is write-only in libzmq: the member is
/// then a <c>SetName(value)</c> method, and the option's own name is the one without <c>Set</c>.
/// </summary>
internal static class OptionsTable
{
    public const string FileName = "ZmqSocket.Options.table";

    /// <summary>One well-formed line of the table.</summary>
    public sealed class Line(string name, string constant, string kind, string summary, bool writeOnly)
    {
        /// <summary>The member's name as generated (<c>SetName</c> for a write-only option).</summary>
        public string Name { get; } = name;

        public string Constant { get; } = constant;

        /// <summary>The kind without the <c>set </c> prefix.</summary>
        public string Kind { get; } = kind;

        public string Summary { get; } = summary;

        public bool WriteOnly { get; } = writeOnly;

        /// <summary>The option's name: the member's, without <c>Set</c> for a write-only option.</summary>
        public string OptionName => WriteOnly ? Name.Substring(3) : Name;
    }

    /// <summary>Every non-blank, non-comment line with its 1-based number: the option, or why the line is malformed.</summary>
    public static IEnumerable<(int Number, Line? Option, string? Error)> Read(string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }
            string[] fields = line.Split('|').Select(f => f.Trim()).ToArray();
            if (fields.Length != 4 || fields.Any(f => f.Length == 0))
            {
                yield return (i + 1, null, "expected 'Name | ZMQ_CONSTANT | kind | summary'");
                continue;
            }
            string kind = fields[2];
            bool writeOnly = kind.StartsWith("set ", StringComparison.Ordinal);
            if (writeOnly && !fields[0].StartsWith("Set", StringComparison.Ordinal))
            {
                yield return (i + 1, null, $"write-only option '{fields[0]}' must be named Set…");
                continue;
            }
            yield return (i + 1, new Line(fields[0], fields[1], writeOnly ? kind.Substring(4) : kind, fields[3], writeOnly), null);
        }
    }
}
