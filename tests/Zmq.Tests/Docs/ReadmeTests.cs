using System.Text.RegularExpressions;

namespace Zmq.Tests.Docs;

/// <summary>
/// README.md stays a front door: small, and every article it points to exists and is on the docs
/// site. Command lines in the documentation pass endpoints and keys as <c>--name=value</c>, the form
/// a value that begins with <c>-</c> (as a Z85 key can) cannot break.
/// </summary>
public partial class ReadmeTests
{
    /// <summary>12 KB: what a newcomer reads in five minutes; everything else is an article.</summary>
    private const int MaximumReadmeBytes = 12 * 1024;

    [Fact]
    public void The_readme_stays_under_12_KB()
    {
        long size = new FileInfo(DocSnippets.ReadmePath).Length;
        Assert.True(size <= MaximumReadmeBytes, $"README.md is {size:N0} bytes, more than {MaximumReadmeBytes:N0}: move the detail into an article under docs/");
    }

    [Fact]
    public void Every_file_the_readme_and_the_articles_link_to_exists()
    {
        var missing = new List<string>();
        int links = 0;
        foreach (string file in DocSnippets.MarkdownFiles())
        {
            foreach (string target in RelativeLinks(File.ReadAllText(file)))
            {
                links++;
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    missing.Add($"{DocSnippets.Relative(file)} -> {target}");
                }
            }
        }
        Assert.True(links > 20, $"only {links} relative links found");
        Assert.True(missing.Count == 0, "links to files that do not exist:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_article_the_readme_links_to_is_on_the_docs_site()
    {
        string toc = File.ReadAllText(Path.Combine(DocSnippets.DocsFolder, "toc.yml"));
        var articles = RelativeLinks(File.ReadAllText(DocSnippets.ReadmePath))
            .Where(target => target.StartsWith("docs/", StringComparison.Ordinal) && target.EndsWith(".md", StringComparison.Ordinal))
            .Select(target => target["docs/".Length..])
            .Distinct()
            .ToList();
        Assert.True(articles.Count >= 10, $"the README links to only {articles.Count} articles");
        var absent = articles.Where(article => !toc.Contains("href: " + article, StringComparison.Ordinal)).ToList();
        Assert.True(absent.Count == 0, "linked from README.md but not in docs/toc.yml: " + string.Join(", ", absent));
    }

    [Fact]
    public void Every_article_is_in_the_table_of_contents()
    {
        string toc = File.ReadAllText(Path.Combine(DocSnippets.DocsFolder, "toc.yml"));
        var absent = Directory.EnumerateFiles(DocSnippets.DocsFolder, "*.md")
            .Select(Path.GetFileName)
            .Where(name => !toc.Contains("href: " + name, StringComparison.Ordinal))
            .ToList();
        Assert.True(absent.Count == 0, "articles missing from docs/toc.yml: " + string.Join(", ", absent));
    }

    [Fact]
    public void Command_lines_pass_endpoints_and_keys_as_name_equals_value()
    {
        var offending = new List<string>();
        foreach (string file in DocSnippets.MarkdownFiles())
        {
            foreach (string block in DocSnippets.FencedBlocks(File.ReadAllText(file), "sh"))
            {
                offending.AddRange(SeparateValues(block).Select(option => $"{DocSnippets.Relative(file)}: {option}"));
            }
        }
        Assert.True(offending.Count == 0, "use --name=value for these:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_checks_would_catch_a_separate_key_or_endpoint_and_a_link()
    {
        Assert.Equal(["--server-key -abc", "--connect tcp://127.0.0.1:5556"],
            SeparateValues("securereqrep client --server-key -abc --connect tcp://127.0.0.1:5556 --count 3"));
        Assert.Empty(SeparateValues("securereqrep client --server-key=-abc --connect=tcp://127.0.0.1:5556"));
        Assert.Equal(["docs/missing.md", "../native/README.md"],
            RelativeLinks("[a](docs/missing.md#part) [b](../native/README.md) [c](https://example.org) [d](#here)"));
    }

    /// <summary>Links that point into the repository (not to a web address or an anchor of the same page), without their anchor.</summary>
    private static List<string> RelativeLinks(string markdown) =>
        MarkdownLink().Matches(markdown)
            .Select(m => m.Groups[1].Value.Split('#')[0])
            .Where(target => target.Length > 0 && !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .ToList();

    /// <summary>An option followed by a separate value that is an endpoint, or any option that takes a key.</summary>
    private static List<string> SeparateValues(string commandLines) =>
        SeparateValue().Matches(commandLines)
            .Where(m => m.Groups[2].Value.Contains("://", StringComparison.Ordinal) || m.Groups[1].Value.EndsWith("key", StringComparison.Ordinal))
            .Select(m => m.Value)
            .ToList();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"--([a-z][a-z-]*)[ \t]+(\S+)")]
    private static partial Regex SeparateValue();
}
