using System.Text.Json;

namespace AiLiteracy.Schemas.Tests;

/// <summary>
/// Data-driven tests over <c>Malformed/</c>: each <c>&lt;case&gt;.json</c> is validated, together with the files of
/// <c>Valid/</c> named in the <c>with</c> list of its <c>&lt;case&gt;.expected.json</c>, and must produce exactly the
/// expected errors (code, JSON path, file, and line when given) — no other error and no exception.
/// </summary>
public sealed class MalformedCorpusTests
{
    public static TheoryData<string> Cases => new(CaseNames());

    private static List<string> CaseNames() =>
        Directory.EnumerateFiles(TestFiles.MalformedDirectory, "*.json")
            .Select(p => Path.GetFileName(p))
            .Where(n => !n.EndsWith(".expected.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Corpus_HasAtLeast25Cases_EachWithExpectations()
    {
        var names = CaseNames();
        Assert.True(names.Count >= 25, $"Only {names.Count} malformed cases.");
        foreach (var name in names)
        {
            Assert.True(File.Exists(ExpectationPath(name)), $"{name} has no expectation file.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedFile_ProducesExactlyTheExpectedErrors(string caseFile)
    {
        var expectation = JsonSerializer.Deserialize<Expectation>(File.ReadAllText(ExpectationPath(caseFile)), JsonSerializerOptions.Web)!;
        var sources = (expectation.With ?? []).Select(TestFiles.Valid).ToList();
        sources.Add(new DefinitionSource(caseFile, File.ReadAllText(Path.Combine(TestFiles.MalformedDirectory, caseFile))));

        var result = await new DefinitionValidator().ValidateAsync(sources);

        Assert.False(result.IsValid);
        Assert.Null(result.Definitions);
        var expected = expectation.Errors.Select(e => $"{e.File ?? caseFile} {e.Code} {e.Path}").Order(StringComparer.Ordinal);
        var actual = result.Errors.Select(e => $"{e.File} {e.Code} {e.JsonPath}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        foreach (var error in expectation.Errors.Where(e => e.Line is not null))
        {
            var found = result.Errors.Single(e => e.File == (error.File ?? caseFile) && e.Code == error.Code && e.JsonPath == error.Path);
            Assert.Equal(error.Line, found.Line);
        }

        Assert.All(result.Errors, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message.Fr));
            Assert.False(string.IsNullOrWhiteSpace(e.Message.En));
            Assert.NotEqual(e.Message.Fr, e.Message.En);
        });
        Assert.False(Assert.Single(result.Documents, d => d.File == caseFile).IsValid);
    }

    private static string ExpectationPath(string caseFile) =>
        Path.Combine(TestFiles.MalformedDirectory, caseFile[..^".json".Length] + ".expected.json");

    private sealed record Expectation(string Description, IReadOnlyList<string>? With, IReadOnlyList<ExpectedError> Errors);

    private sealed record ExpectedError(string Code, string Path, string? File, int? Line);
}
