namespace AiLiteracy.Schemas.Tests;

/// <summary>
/// The reference content in <c>src/AiLiteracy.Schemas/Reference/</c> (embedded in the assembly) must always validate:
/// these tests run against whatever files are there.
/// </summary>
public sealed class ReferenceContentTests
{
    private static string ReferenceDirectory => Path.Combine(TestFiles.RepositoryRoot, "src", "AiLiteracy.Schemas", "Reference");

    [Fact]
    public async Task ReferenceFilesOnDisk_Validate_AsACompleteSet()
    {
        var result = await DefinitionLoader.LoadDirectoryAsync(ReferenceDirectory);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.NotNull(result.Definitions);
    }

    [Fact]
    public async Task EmbeddedReferenceContent_Loads_AsAValidDefinitionSet()
    {
        var result = await ReferenceContent.ValidateAsync();
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));

        var definitions = await ReferenceContent.LoadAsync();

        Assert.NotEmpty(definitions.Curriculum.Modules);
        Assert.NotEmpty(definitions.CompetencyFramework.Competencies);
        Assert.NotEmpty(definitions.JobFamilies.JobFamilies);
        Assert.NotEmpty(definitions.Charter.Rules);
    }

    [Fact]
    public void EmbeddedFileNames_MatchTheFilesOnDisk()
    {
        var onDisk = Directory.EnumerateFiles(ReferenceDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, ReferenceContent.GetFileNames());
    }

    [Fact]
    public async Task OpenFile_ReturnsTheEmbeddedBytes_OfEachFile()
    {
        foreach (var name in ReferenceContent.GetFileNames())
        {
            await using var stream = ReferenceContent.OpenFile(name);
            using var reader = new StreamReader(stream);
            var embedded = await reader.ReadToEndAsync();

            Assert.Equal(File.ReadAllText(Path.Combine(ReferenceDirectory, name)), embedded);
        }
    }

    [Fact]
    public void OpenFile_Throws_ForAnUnknownName()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => ReferenceContent.OpenFile("nope.json"));

        Assert.Contains("nope.json", ex.Message, StringComparison.Ordinal);
    }
}
