using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Zmq.Generators;
using Zmq.Tests.Support;

namespace Zmq.Tests.Options;

/// <summary>ZmqSocket's options come from one table: a line makes a member, a bad line is a build error.</summary>
public class SocketOptionsGeneratorTests
{
    [Fact]
    public void One_table_line_makes_a_documented_property_or_a_Set_method()
    {
        string generated = Generate(
            "Rate | ZMQ_RATE | int >=1 | Multicast data rate.\n" +
            "SetRouterRaw | ZMQ_ROUTER_RAW | set bool | Write-only.\n",
            out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Contains("/// <summary>ZMQ_RATE: Multicast data rate.</summary>", generated, StringComparison.Ordinal);
        Assert.Contains("<exception cref=\"ArgumentOutOfRangeException\">Set below 1.</exception>", generated, StringComparison.Ordinal);
        Assert.Contains("public int Rate", generated, StringComparison.Ordinal);
        Assert.Contains("set => SetInt32(LibZmq.ZMQ_RATE, OptionRange.AtLeast(value, 1, nameof(Rate)), nameof(Rate));", generated, StringComparison.Ordinal);
        Assert.Contains("public void SetRouterRaw(bool value) => SetBoolean(LibZmq.ZMQ_ROUTER_RAW, value, \"RouterRaw\");", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rate | ZMQ_RATE | int", "expected 'Name | ZMQ_CONSTANT | kind | summary'")]
    [InlineData("Rate | ZMQ_RATE | float | text", "unknown kind 'float'")]
    [InlineData("RouterRaw | ZMQ_ROUTER_RAW | set bool | text", "must be named Set")]
    [InlineData("Id | ZMQ_ROUTING_ID | bytes 1..255 | text", "unknown kind 'bytes 1..255'")]
    public void A_malformed_line_is_a_build_error_naming_the_line(string line, string expected)
    {
        Generate("# comment\n" + line + "\n", out var diagnostics);
        var error = Assert.Single(diagnostics);
        Assert.Equal("ZMQGEN001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("ZmqSocket.Options.table(2)", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_table_covers_every_option_the_option_enum_names()
    {
        string table = File.ReadAllText(Path.Combine(Repository.Root, "src", "Zmq", "ZmqSocket.Options.table"));
        Generate(table, out var diagnostics);
        Assert.Empty(diagnostics);
        // Every option of the enum is in the table, but for those with members of their own.
        var constants = typeof(Zmq.Interop.LibZmq).GetFields().Where(f => f.IsLiteral && f.Name.StartsWith("ZMQ_", StringComparison.Ordinal))
            .GroupBy(f => f.Name).ToDictionary(g => g.Key, g => Convert.ToInt32(g.First().GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture));
        var inTable = table.Split('\n').Where(l => l.Length > 0 && l[0] != '#' && !l.Split('|')[1].Trim().StartsWith("Draft.", StringComparison.Ordinal))
            .Select(l => constants[l.Split('|')[1].Trim()]).ToHashSet();
        string[] elsewhere =
        [
            "ZMQ_SUBSCRIBE", "ZMQ_UNSUBSCRIBE", "ZMQ_CURVE_SECRETKEY", // Subscribe/Unsubscribe, SetCurveSecretKey
            "ZMQ_TYPE", "ZMQ_RCVMORE", "ZMQ_FD", "ZMQ_EVENTS", "ZMQ_LAST_ENDPOINT", "ZMQ_MECHANISM", "ZMQ_THREAD_SAFE", // read-only state
        ];
        var handled = inTable.Concat(elsewhere.Select(n => constants[n])).ToHashSet();
        var missing = Enum.GetValues<ZmqSocketOption>().Where(o => !handled.Contains((int)o)).ToList();
        Assert.True(missing.Count == 0, $"options without a typed member: {string.Join(", ", missing)}");
    }

    private static string Generate(string table, out ImmutableArray<Diagnostic> diagnostics)
    {
        var compilation = CSharpCompilation.Create("probe", [CSharpSyntaxTree.ParseText("namespace Zmq;")]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new SocketOptionsGenerator().AsSourceGenerator()],
            additionalTexts: [new TableText(table)]);
        driver = driver.RunGenerators(compilation);
        GeneratorDriverRunResult result = driver.GetRunResult();
        diagnostics = result.Diagnostics;
        return string.Concat(result.GeneratedTrees.Select(tree => tree.GetText().ToString()));
    }

    private sealed class TableText(string text) : AdditionalText
    {
        public override string Path => "/repo/src/Zmq/ZmqSocket.Options.table";

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
