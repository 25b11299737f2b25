using System.Text.RegularExpressions;
using Zmq.Tests.Support;

namespace Zmq.Tests.Docs;

/// <summary>
/// docs/migrating-from-clrzmq4.md cannot rot: every member the tables name for this binding exists
/// (its C# blocks are compiled with every other article's by <see cref="CodeBlockTests"/>).
/// </summary>
public partial class MigrationGuideTests
{
    private static readonly string GuidePath = Path.Combine(Repository.Root, "docs", "migrating-from-clrzmq4.md");

    [Fact]
    public void Every_member_the_tables_name_for_this_binding_exists()
    {
        var known = typeof(ZmqSocket).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers().Select(m => m.Name).Append(t.Name))
            .ToHashSet(StringComparer.Ordinal);
        // The BCL types the rows use (spans, lists, BinaryPrimitives) and the namespaces they name.
        foreach (Type type in typeof(object).Assembly.GetExportedTypes().Concat(typeof(List<>).Assembly.GetExportedTypes()))
        {
            known.Add(type.Name.Split('`')[0]);
            known.UnionWith(type.Namespace?.Split('.') ?? []);
        }
        var named = new List<string>();
        foreach (string row in File.ReadAllLines(GuidePath).Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal)))
        {
            string[] cells = row.Split('|');
            if (cells.Length < 4 || cells[1].Trim() == "clrzmq4")
            {
                continue;
            }
            foreach (Match code in CodeSpan().Matches(cells[2]))
            {
                foreach (Match identifier in MemberReference().Matches(code.Groups[1].Value))
                {
                    named.Add(identifier.Groups[1].Value);
                }
            }
        }
        Assert.True(named.Count > 40, $"only {named.Count} members named in the tables");
        // All-capital words are proxy commands ("PAUSE"), not members.
        var unknown = named.Where(n => !known.Contains(n) && !IsFromTheBcl(n) && n != n.ToUpperInvariant()).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"the migration guide names members that do not exist: {string.Join(", ", unknown)}");
    }

    private static bool IsFromTheBcl(string name) =>
        name is "Dispose" or "WriteInt32BigEndian" or "ReadInt32BigEndian" or "FromSeconds" or "FromMilliseconds" or "Zero" or "Send" or "Receive";

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?:\.|^|\s|\()([A-Z][A-Za-z0-9]+)(?=\(|\b)")]
    private static partial Regex MemberReference();
}
