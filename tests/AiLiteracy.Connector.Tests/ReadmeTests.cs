using System.Text.RegularExpressions;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Rules;

namespace AiLiteracy.Connector.Tests;

/// <summary>connector/readme.md has the sections certification asks for and documents every visible operation and trigger.</summary>
public sealed partial class ReadmeTests
{
    public static readonly string[] RequiredSections = ["Publisher", "Prerequisites", "Supported Operations", "Obtaining Credentials", "Known Issues", "Deployment Instructions"];

    private static string Readme => File.ReadAllText(Path.Combine(ConnectorFiles.ConnectorDirectory, "readme.md"));

    [Fact]
    public void Readme_HasEveryRequiredSection() => Assert.Empty(MissingSections(Readme));

    [Fact]
    public void MissingSections_CatchesARemovedSection() =>
        Assert.Equal(["Known Issues"], MissingSections(Readme.Replace("## Known Issues", "## Issues", StringComparison.Ordinal)));

    [Fact]
    public void Readme_ListsEveryVisibleOperationAndTrigger()
    {
        var connector = ConnectorPackage.LoadCommitted(ConnectorVariant.EntraId);
        var missing = connector.Operations.Where(o => o.Visibility != "internal")
            .Select(o => o.Operation["summary"]!.GetValue<string>())
            .Where(summary => !Readme.Contains("| " + summary + " |", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "Not in connector/readme.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Readme_SpellsOutThePlaceholdersOfTheOAuthTemplate()
    {
        Assert.Contains(ApiPropertiesGenerator.ClientIdPlaceholder, Readme, StringComparison.Ordinal);
        Assert.Contains(ApiPropertiesGenerator.ResourceUriPlaceholder, Readme, StringComparison.Ordinal);
        Assert.Contains(ApiPropertiesGenerator.RedirectUrl, Readme, StringComparison.Ordinal);
        Assert.Contains("pac connector create", Readme, StringComparison.Ordinal);
    }

    private static List<string> MissingSections(string readme)
    {
        var headings = Heading().Matches(readme).Select(m => m.Groups[1].Value.Trim()).ToHashSet(StringComparer.Ordinal);
        return RequiredSections.Where(s => !headings.Contains(s)).ToList();
    }

    [GeneratedRegex("^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
