using System.Text.RegularExpressions;

namespace AiLiteracy.Packaging.Tests.Infrastructure;

/// <summary>
/// The hello world of a package README is the compiled snippet it names:
/// <c>&lt;!-- hello-world: tests/AiLiteracy.Packaging.Tests/Snippets/X.cs --&gt;</c> followed by a <c>```csharp</c> block
/// equal to the snippet's <c>// &lt;usings&gt;</c> region, a blank line, and its <c>// &lt;snippet&gt;</c> region dedented.
/// </summary>
internal static partial class ReadmeSnippets
{
    public static IEnumerable<(string Readme, string SnippetPath, string Block, int Index, int Length)> Find(string readmePath)
    {
        var text = File.ReadAllText(readmePath).ReplaceLineEndings("\n");
        foreach (Match match in Marker().Matches(text))
        {
            yield return (readmePath, match.Groups["path"].Value, match.Groups["code"].Value, match.Groups["code"].Index, match.Groups["code"].Length);
        }
    }

    public static string Expected(string snippetPath)
    {
        var lines = File.ReadAllText(Repository.Path_(snippetPath.Split('/'))).ReplaceLineEndings("\n").Split('\n');
        var usings = Region(lines, "usings", snippetPath);
        var body = Region(lines, "snippet", snippetPath);
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var dedented = body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
        return string.Join("\n", usings.Select(l => l.Trim())) + "\n\n" + string.Join("\n", dedented) + "\n";
    }

    /// <summary>Rewrites the README's blocks from their snippets (<c>AILITERACY_UPDATE_READMES=1</c>).</summary>
    public static void Update(string readmePath)
    {
        var text = File.ReadAllText(readmePath).ReplaceLineEndings("\n");
        var updated = Marker().Replace(text, m => m.Value[..(m.Groups["code"].Index - m.Index)] + Expected(m.Groups["path"].Value) + "```");
        File.WriteAllText(readmePath, updated);
    }

    private static List<string> Region(string[] lines, string name, string path)
    {
        var start = Array.FindIndex(lines, l => l.Trim() == $"// <{name}>");
        var end = Array.FindIndex(lines, l => l.Trim() == $"// </{name}>");
        if (start < 0 || end <= start)
        {
            throw new InvalidOperationException($"{path} has no // <{name}> … // </{name}> region.");
        }

        return lines[(start + 1)..end].ToList();
    }

    [GeneratedRegex(@"<!-- hello-world: (?<path>[^ ]+) -->\n```csharp\n(?<code>(?:.*\n)*?)```", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
