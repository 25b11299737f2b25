namespace Zmq.Tests.Docs;

/// <summary>
/// The examples of README.md and of every article under docs/ cannot rot: each ```csharp block
/// compiles, as top-level statements, against the binding as built.
/// </summary>
public class CodeBlockTests
{
    [Fact]
    public void Every_csharp_block_of_the_readme_and_the_articles_compiles()
    {
        var failures = new List<string>();
        int programs = 0;
        foreach (string file in DocSnippets.MarkdownFiles())
        {
            foreach (string block in DocSnippets.FencedBlocks(File.ReadAllText(file), "csharp"))
            {
                foreach (string program in DocSnippets.Programs(block))
                {
                    programs++;
                    var errors = DocSnippets.CompileErrors(program);
                    if (errors.Count > 0)
                    {
                        failures.Add($"{DocSnippets.Relative(file)}:\n{program}\n{string.Join('\n', errors)}");
                    }
                }
            }
        }
        // README, index, usage, async, polling, security, draft and the migration guide's blocks at least.
        Assert.True(programs >= 9, $"only {programs} C# programs found in the documentation");
        Assert.True(failures.Count == 0, "snippets that do not compile:\n\n" + string.Join("\n\n", failures));
    }

    [Fact]
    public void The_readme_has_a_csharp_example()
    {
        Assert.NotEmpty(DocSnippets.FencedBlocks(File.ReadAllText(DocSnippets.ReadmePath), "csharp"));
    }

    [Fact]
    public void A_broken_snippet_would_fail_the_check()
    {
        Assert.NotEmpty(DocSnippets.CompileErrors("using var context = new ZmqContext(); context.NoSuchMethod();"));
        Assert.Empty(DocSnippets.CompileErrors("using var context = new ZmqContext(); context.Shutdown();"));
    }

    [Fact]
    public void Blocks_are_found_by_language_and_clrzmq4_code_is_left_out()
    {
        const string markdown = "text\n```csharp\nA();\n```\n```sh\nls\n```\n```csharp\nusing ZeroMQ;\nB();\n```\n";
        Assert.Equal(["A();\n", "using ZeroMQ;\nB();\n"], DocSnippets.FencedBlocks(markdown, "csharp"));
        Assert.Equal(["ls\n"], DocSnippets.FencedBlocks(markdown, "sh"));
        Assert.Empty(DocSnippets.Programs("using ZeroMQ;\nB();\n"));
    }
}
