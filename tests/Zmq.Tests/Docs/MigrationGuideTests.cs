using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zmq.Tests.Support;

namespace Zmq.Tests.Docs;

/// <summary>
/// docs/migrating-from-clrzmq4.md cannot rot: every C# block written for this binding compiles
/// against it, and every member the tables name for this binding exists.
/// </summary>
public partial class MigrationGuideTests
{
    private static readonly string GuidePath = Path.Combine(Repository.Root, "docs", "migrating-from-clrzmq4.md");

    [Fact]
    public void Every_code_block_for_this_binding_compiles()
    {
        var programs = CodeBlocks().Where(b => !b.Contains("using ZeroMQ;", StringComparison.Ordinal)).SelectMany(SplitRoles).ToList();
        Assert.NotEmpty(programs);
        foreach (string program in programs)
        {
            var errors = Compile(program).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"a snippet of {Path.GetFileName(GuidePath)} does not compile:\n{program}\n{string.Join('\n', errors)}");
        }
    }

    [Fact]
    public void A_broken_snippet_would_fail_the_check()
    {
        Assert.Contains(Compile("using var context = new ZmqContext(); context.NoSuchMethod();"), d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(Compile("using var context = new ZmqContext(); context.Shutdown();"), d => d.Severity == DiagnosticSeverity.Error);
    }

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

    private static IEnumerable<string> CodeBlocks()
    {
        foreach (Match block in FencedBlock().Matches(File.ReadAllText(GuidePath)))
        {
            yield return block.Groups[1].Value;
        }
    }

    /// <summary>A block of several programs ("// server", "// client") is compiled one program at a time.</summary>
    private static IEnumerable<string> SplitRoles(string block)
    {
        var parts = RoleComment().Split(block).Where(p => p.Trim().Length > 0).ToList();
        string usings = string.Concat(block.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(';') && !l.Contains('=')).Select(l => l + "\n"));
        return parts.Count <= 1 ? [block] : parts.Where(p => !p.TrimStart().StartsWith("using Zmq;", StringComparison.Ordinal) || p.Contains("new ZmqContext", StringComparison.Ordinal)).Select(p => p.Contains("using Zmq;", StringComparison.Ordinal) ? p : usings + p);
    }

    private static IEnumerable<Diagnostic> Compile(string program)
    {
        string source = "using System;\nusing System.Text;\nusing Zmq;\n" + program;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(ZmqSocket).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Zmq.Interop.LibZmq).Assembly.Location));
        var compilation = CSharpCompilation.Create("snippet", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, allowUnsafe: true));
        return compilation.GetDiagnostics();
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^// (?:server|client)\s*$", RegexOptions.Multiline)]
    private static partial Regex RoleComment();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?:\.|^|\s|\()([A-Z][A-Za-z0-9]+)(?=\(|\b)")]
    private static partial Regex MemberReference();
}
