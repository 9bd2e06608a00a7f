using System.Text;
using System.Text.Json;
using AiLiteracy.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace AiLiteracy.Tests.Cli;

/// <summary>Runs the real <c>ailiteracy</c> commands against an SQLite file in a temporary folder.</summary>
public sealed class CliHarness : IDisposable
{
    public static readonly DateTimeOffset Today = new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero);

    public CliHarness()
    {
        Folder = Directory.CreateTempSubdirectory("ailiteracy-cli-db-").FullName;
        Database = Path.Combine(Folder, "ailiteracy.db");
    }

    public string Folder { get; }

    public string Database { get; }

    public FakeTimeProvider Clock { get; } = new(Today);

    public static string Samples(params string[] parts) => Path.Combine([RepositoryPaths.Root, "samples", "data", .. parts]);

    public string File(string name) => Path.Combine(Folder, name);

    public async Task<string> WriteAsync(string name, string content, Encoding? encoding = null)
    {
        var path = File(name);
        await System.IO.File.WriteAllTextAsync(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>Runs a command with <c>--db</c> added.</summary>
    public Task<(int ExitCode, string Output)> RunDb(params string[] args) => Run([.. args, "--db", Database]);

    public async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var exitCode = await CliApplication.RunAsync(args, console, services => services.AddSingleton<TimeProvider>(Clock));
        return (exitCode, console.Output);
    }

    public async Task<JsonElement> RunJson(int expectedExitCode, params string[] args)
    {
        var (exitCode, output) = await RunDb([.. args, "--format", "json"]);
        Assert.True(exitCode == expectedExitCode, $"Exit code {exitCode} instead of {expectedExitCode}:\n{output}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Creates the schema and the demo tenant with its organisation tree.</summary>
    public async Task MigrateDemoAsync()
    {
        var (exitCode, output) = await RunDb("db", "migrate", "--tenant", "val-de-brume", "--organization", Samples("organization.json"));
        Assert.True(exitCode == 0, output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
