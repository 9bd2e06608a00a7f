using System.Text;
using AiLiteracy.Cli;
using AiLiteracy.Demo;
using AiLiteracy.Reports;
using AiLiteracy.Schemas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace AiLiteracy.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private static readonly DateTimeOffset Today = new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly string temp = Directory.CreateTempSubdirectory("ailiteracy-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var exitCode = await CliApplication.RunAsync(args, console, services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Today)));
        return (exitCode, console.Output);
    }

    [Fact]
    public async Task Validate_ExportedReferenceContent_ExitsZero()
    {
        var (exportCode, _) = await Run("reference", "export", "--out", temp);
        Assert.Equal(0, exportCode);

        var (exitCode, output) = await Run("validate", temp);

        Assert.Equal(0, exitCode);
        Assert.Equal(ReferenceContent.GetFileNames().Count, Directory.GetFiles(temp, "*.json").Length);
        Assert.Contains($"{ReferenceContent.GetFileNames().Count} fichier(s) valide(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitsOne_AndListsEveryErrorWithPath()
    {
        await Run("reference", "export", "--out", temp);
        var curriculum = Path.Combine(temp, "curriculum.json");
        var json = await File.ReadAllTextAsync(curriculum);
        json = json.Replace("\"validityMonths\": 24", "\"validityMonths\": 0", StringComparison.Ordinal);
        json = json.Replace("\"id\": \"TC-02\"", "\"id\": \"TC-01\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(curriculum, json, Encoding.UTF8);

        var (exitCode, output) = await Run("validate", temp, "--lang", "en");

        Assert.Equal(1, exitCode);
        Assert.Contains("AIL-DUPLICATE-ID", output, StringComparison.Ordinal);
        Assert.Contains("AIL-VALIDITY", output, StringComparison.Ordinal);
        Assert.Contains("$.modules[", output, StringComparison.Ordinal);
        Assert.Contains("error(s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsOne()
    {
        var (exitCode, output) = await Run("validate", Path.Combine(temp, "nope.json"));

        Assert.Equal(1, exitCode);
        Assert.Contains("nope.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_PrintsEveryDirectorate_WithTheReportFigures()
    {
        var (exitCode, output) = await Run("demo", "--data", Path.Combine(temp, "absent"));

        Assert.Equal(0, exitCode);
        var report = await ExpectedReport();
        Assert.Contains("Communauté d'agglomération du Val de Brume", output, StringComparison.Ordinal);
        Assert.Contains("Situation au 15 novembre 2026", output, StringComparison.Ordinal);
        foreach (var line in report.Directorates)
        {
            Assert.Contains($"({line.DirectorateId})", output, StringComparison.Ordinal);
        }

        var totalLine = output.Split('\n').Single(l => l.Contains("Total", StringComparison.Ordinal));
        var cells = totalLine.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(report.Total.Agents, int.Parse(cells[1].Replace("\u202f", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(report.Total.Cleared > 0 && report.Total.Cleared < report.Total.Agents);
        Assert.True(report.Total.MissingModules > 0);
        Assert.True(report.Total.ExpiredModules > 0);
    }

    [Fact]
    public async Task DemoData_ThenDemo_ReadsTheSameFiguresAsTheGeneratedAuthority()
    {
        var (writeCode, _) = await Run("demo-data", "--out", temp);
        Assert.Equal(0, writeCode);

        var (fromFiles, filesOutput) = await Run("demo", "--data", temp, "--lang", "en");
        var (generated, generatedOutput) = await Run("demo", "--data", Path.Combine(temp, "absent"), "--lang", "en");

        Assert.Equal(0, fromFiles);
        Assert.Equal(0, generated);
        Assert.Contains("Status on 15 November 2026", filesOutput, StringComparison.Ordinal);
        Assert.Equal(TableOf(generatedOutput), TableOf(filesOutput));
        Assert.DoesNotContain("rejected", filesOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplesData_IsExactlyWhatTheGeneratorWrites()
    {
        var committed = Path.Combine(RepositoryPaths.Root, "samples", "data");
        await Run("demo-data", "--out", temp);

        foreach (var file in Directory.GetFiles(temp))
        {
            var name = Path.GetFileName(file);
            var expected = await File.ReadAllBytesAsync(file);
            var actual = await File.ReadAllBytesAsync(Path.Combine(committed, name));
            Assert.True(
                expected.AsSpan().SequenceEqual(actual),
                $"samples/data/{name} differs from the generator's output: run `dotnet run --project src/AiLiteracy.Cli -- demo-data --out samples/data`.");
        }
    }

    [Fact]
    public async Task Demo_UnknownLanguage_IsRejected()
    {
        var (exitCode, output) = await Run("demo", "--lang", "de");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Langue inconnue", output, StringComparison.Ordinal);
    }

    private static string TableOf(string output) => output[output.IndexOf('╭', StringComparison.Ordinal)..];

    private static async Task<DirectorateStatusReport> ExpectedReport()
    {
        var options = Options.Create(new AiLiteracyOptions());
        var definitions = await ReferenceContent.LoadAsync();
        var data = await new DemoService(new Definitions.DefinitionService(options, NullLogger<Definitions.DefinitionService>.Instance), NullLogger<DemoService>.Instance).GenerateAsync();
        return new StatusReportService(new FakeTimeProvider(Today), options).SummarizeByDirectorate(definitions, data);
    }
}
