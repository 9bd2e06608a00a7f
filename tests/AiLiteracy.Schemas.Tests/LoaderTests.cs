namespace AiLiteracy.Schemas.Tests;

public sealed class LoaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ailiteracy-schemas-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task LoadDirectoryAsync_ValidatesEveryJsonFile_AndSkipsSchemaFiles()
    {
        foreach (var name in TestFiles.ValidNames)
        {
            File.Copy(Path.Combine(TestFiles.ValidDirectory, name), Path.Combine(_dir.FullName, name));
        }

        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "curriculum.schema.json"), DefinitionSchemas.GetSchemaJson(DefinitionKind.Curriculum));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "notes.txt"), "not json");

        var result = await DefinitionLoader.LoadDirectoryAsync(_dir.FullName);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(5, result.Documents.Count);
        Assert.NotNull(result.Definitions);
    }

    [Fact]
    public async Task LoadDirectoryAsync_ReportsErrorsWithTheFilePath()
    {
        var path = Path.Combine(_dir.FullName, "charter.json");
        await File.WriteAllTextAsync(path, "{ \"kind\": \"charter\", \"id\": \"c\", \"version\": 0, \"title\": { \"fr\": \"C\" } }");

        var result = await DefinitionLoader.LoadDirectoryAsync(_dir.FullName);

        var error = Assert.Single(result.Errors);
        Assert.Equal((path, "$.version", DefinitionErrorCodes.Schema), (error.File, error.JsonPath, error.Code));
        Assert.StartsWith(path + ":1:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadDirectoryAsync_ReportsAMissingDirectory_WithoutThrowing()
    {
        var missing = Path.Combine(_dir.FullName, "nope");

        var result = await DefinitionLoader.LoadDirectoryAsync(missing);

        var error = Assert.Single(result.Errors);
        Assert.Equal((DefinitionErrorCodes.Io, missing), (error.Code, error.File));
    }

    [Fact]
    public async Task LoadDirectoryAsync_ReportsADirectoryWithoutDefinitions()
    {
        var result = await DefinitionLoader.LoadDirectoryAsync(_dir.FullName);

        Assert.Equal(DefinitionErrorCodes.Io, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task LoadFilesAsync_ReportsAnUnreadableFile_AndStillValidatesTheOthers()
    {
        var missing = Path.Combine(_dir.FullName, "curriculum.json");
        var broken = Path.Combine(_dir.FullName, "charter.json");
        await File.WriteAllTextAsync(broken, "{ \"kind\": \"charter\", ");

        var result = await DefinitionLoader.LoadFilesAsync([missing, broken, Path.Combine(TestFiles.ValidDirectory, "job-families.json")]);

        Assert.Equal(
            [(broken, DefinitionErrorCodes.Json), (missing, DefinitionErrorCodes.Io)],
            result.Errors.Select(e => (e.File, e.Code)));
        Assert.Equal(3, result.Documents.Count);
        Assert.NotNull(result.JobFamilies);
        Assert.Null(result.Definitions);
    }
}
