using System.Globalization;
using System.Text;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Tests;

/// <summary>
/// Real-world-shaped HR exports (encodings, separators, BOM, quotes, blank lines, duplicates, unknown codes, dates in
/// the future, a truncated transfer), each read through its mapping and compared with the exact expected report in
/// <c>Corpus/&lt;file&gt;.expected.txt</c>.
/// </summary>
public sealed class AgentCorpusTests
{
    public static TheoryData<string> Files { get; } = new(Directory.GetFiles(CorpusFolder(), "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_File_GivesExactlyTheExpectedReport(string file)
    {
        var report = await ReportAsync(file);
        var expectedPath = Path.Combine(CorpusFolder(), Path.GetFileNameWithoutExtension(file) + ".expected.txt");
        if (!File.Exists(expectedPath))
        {
            await File.WriteAllTextAsync(Path.ChangeExtension(expectedPath, ".received.txt"), report);
            Assert.Fail($"No expected report for {file}: review {Path.ChangeExtension(expectedPath, ".received.txt")} and rename it.");
        }

        var expected = (await File.ReadAllTextAsync(expectedPath)).ReplaceLineEndings("\n");
        Assert.Equal(expected, report);
    }

    internal static async Task<string> ReportAsync(string file)
    {
        var folder = CorpusFolder();
        var mappingPath = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".mapping.json");
        var mapping = File.Exists(mappingPath) ? await HrMappingLoader.LoadAsync(mappingPath) : HrMapping.DefaultAgents;
        await using var stream = File.OpenRead(Path.Combine(folder, file));
        using var reader = await AgentFileReader.OpenAsync(stream, file, mapping, TestOrganization.Context);
        var lines = new List<string>();
        int valid = 0, rejected = 0, warnings = 0;
        foreach (var error in reader.FileErrors)
        {
            lines.Add($"file {error.Line} [{error.Column}] {error.Message.Fr}");
        }

        while (await reader.ReadAsync())
        {
            var row = reader.Current;
            if (row.Record is { } a)
            {
                valid++;
                lines.Add(string.Join(" | ",
                    $"valid {row.Line} {a.EmployeeNumber}", a.DisplayName?.Replace("\n", "\\n", StringComparison.Ordinal), a.Email, a.JobFamilyId, a.OrgUnitId,
                    FrenchHrVocabulary.FormatRoles(a.Roles), FrenchHrVocabulary.FormatStatus(a.Status),
                    a.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
            else
            {
                rejected++;
                lines.Add($"reject {row.Line} [{row.Error!.Column}] {row.Error.Message.Fr}");
            }

            foreach (var warning in row.Warnings ?? [])
            {
                warnings++;
                lines.Add($"warn {warning.Line} [{warning.Column}] {warning.Message.Fr}");
            }
        }

        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"# {file}: {reader.Rows} rows, {valid} valid, {rejected} rejected, {warnings} warnings\n");
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    internal static string CorpusFolder() => RepositoryPaths.Combine("tests", "AiLiteracy.Hr.Tests", "Corpus");
}
