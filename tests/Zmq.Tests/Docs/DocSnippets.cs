using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zmq.Tests.Support;

namespace Zmq.Tests.Docs;

/// <summary>
/// What the documentation tests share: the Markdown files that are documentation (README.md and
/// every article under docs/), their fenced blocks, and a compiler for the C# ones against the
/// binding as built.
/// </summary>
internal static partial class DocSnippets
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(ZmqSocket).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Zmq.Interop.LibZmq).Assembly.Location))
            .ToArray());

    public static string ReadmePath => Path.Combine(Repository.Root, "README.md");

    public static string DocsFolder => Path.Combine(Repository.Root, "docs");

    /// <summary>README.md and every Markdown article under docs/ (docfx's generated output excluded).</summary>
    public static IEnumerable<string> MarkdownFiles() =>
        Directory.EnumerateFiles(DocsFolder, "*.md", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}_site{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Prepend(ReadmePath);

    /// <summary>The bodies of the fenced blocks of one language (```csharp, ```sh) in a Markdown text.</summary>
    public static IEnumerable<string> FencedBlocks(string markdown, string language)
    {
        foreach (Match block in FencedBlock().Matches(markdown.ReplaceLineEndings("\n")))
        {
            if (block.Groups[1].Value == language)
            {
                yield return block.Groups[2].Value;
            }
        }
    }

    /// <summary>
    /// The programs a C# block holds. Code for clrzmq4 (<c>using ZeroMQ;</c>, in the migration guide)
    /// is not for this binding and yields nothing; a block of several programs ("// server",
    /// "// client") is compiled one program at a time, each with the block's usings.
    /// </summary>
    public static IEnumerable<string> Programs(string block)
    {
        if (block.Contains("using ZeroMQ;", StringComparison.Ordinal))
        {
            return [];
        }
        var parts = RoleComment().Split(block).Where(p => p.Trim().Length > 0).ToList();
        string usings = string.Concat(block.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(';') && !l.Contains('=')).Select(l => l + "\n"));
        return parts.Count <= 1 ? [block] : parts.Where(p => !p.TrimStart().StartsWith("using Zmq;", StringComparison.Ordinal) || p.Contains("new ZmqContext", StringComparison.Ordinal)).Select(p => p.Contains("using Zmq;", StringComparison.Ordinal) ? p : usings + p);
    }

    /// <summary>The errors of a program compiled as top-level statements against Zmq and Zmq.Interop.</summary>
    public static List<Diagnostic> CompileErrors(string program)
    {
        string source = "using System;\nusing System.Text;\nusing Zmq;\n" + program;
        var compilation = CSharpCompilation.Create("snippet", [CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, allowUnsafe: true));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    /// <summary>A path relative to the repository root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^// (?:server|client)\s*$", RegexOptions.Multiline)]
    private static partial Regex RoleComment();
}
