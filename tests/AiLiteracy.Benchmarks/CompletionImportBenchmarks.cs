using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using AiLiteracy.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// Completions import of an LMS export in the SDK's default layout (<see cref="CompletionCsv.Header"/>): 100,000 rows
/// for 10,000 agents (10 each, half with an external id, half identified by agent, module, version, date and outcome)
/// into a new SQLite file holding the demo tenant and its agents. <see cref="ImportIntoSqlite"/> stores every row;
/// <see cref="ReimportIntoSqlite"/> imports the same file a second time (every row already recorded, nothing written).
/// Divide <see cref="Rows"/> by the mean time for rows per second.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class CompletionImportBenchmarks
{
    private const int Agents = 10_000;
    private static readonly DateOnly FirstDate = new(2025, 1, 6);

    private string folder = null!;
    private string agentsFile = null!;
    private string file = null!;
    private Organization organization = null!;
    private ServiceProvider? services;

    /// <summary>Rows in the file.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>Writes the HR export of the agents and loads the demo organisation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("ailiteracy-bench-").FullName;
        agentsFile = Path.Combine(folder, "agents.csv");
        file = Path.Combine(folder, $"completions-{Rows}.csv");
        organization = JsonSerializer.Deserialize<Organization>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "data", "organization.json")), AiLiteracyJson.Options)!;
        AgentImportBenchmarks.WriteExport(agentsFile, Agents, organization.OrgUnits.Select(u => u.Id).ToArray());
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Prepares a new SQLite database with the demo tenant and its agents, and writes the completions file for its curriculum.</summary>
    [IterationSetup(Target = nameof(ImportIntoSqlite))]
    public void NewDatabase() => NewDatabaseAsync(importOnce: false).GetAwaiter().GetResult();

    /// <summary>Prepares a new SQLite database with the demo tenant, its agents and the completions of the file already imported.</summary>
    [IterationSetup(Target = nameof(ReimportIntoSqlite))]
    public void NewDatabaseWithCompletions() => NewDatabaseAsync(importOnce: true).GetAwaiter().GetResult();

    /// <summary>The whole import into SQLite: mapping, validation, agent checks, idempotent batched inserts, audit.</summary>
    /// <returns>The number of completions created.</returns>
    [Benchmark]
    public int ImportIntoSqlite()
    {
        var report = ImportAsync().GetAwaiter().GetResult();
        if (report.Created != Rows || report.RejectedCount != 0)
        {
            throw new InvalidOperationException($"Unexpected import: {report.Created} created, {report.RejectedCount} rejected.");
        }

        return report.Created;
    }

    /// <summary>The same file imported again: every row is found already recorded.</summary>
    /// <returns>The number of completions already recorded.</returns>
    [Benchmark]
    public int ReimportIntoSqlite()
    {
        var report = ImportAsync().GetAwaiter().GetResult();
        if (report.Existing != Rows || report.Created != 0)
        {
            throw new InvalidOperationException($"Unexpected import: {report.Existing} already recorded, {report.Created} created.");
        }

        return report.Existing;
    }

    private async Task<CompletionImportReport> ImportAsync()
    {
        await using var scope = services!.CreateAsyncScope();
        ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = organization.Id;
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await scope.ServiceProvider.GetRequiredService<CompletionImportService>().ImportCsvAsync(stream, Path.GetFileName(file));
    }

    private async Task NewDatabaseAsync(bool importOnce)
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = Path.Combine(folder, $"import-{Guid.NewGuid():N}.db");
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddAiLiteracy();
        collection.AddAiLiteracyStorage(o => o.ConnectionString = $"Data Source={database}");
        collection.AddAiLiteracyHrIntegration();
        services = collection.BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().CreateAsync(organization);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = organization.Id;
            var agents = await scope.ServiceProvider.GetRequiredService<AgentImportService>().ImportFileAsync(agentsFile, new AgentImportOptions { Mode = AgentImportMode.Incremental });
            if (agents.Created != Agents)
            {
                throw new InvalidOperationException($"{agents.Created} agents created instead of {Agents}.");
            }

            if (!File.Exists(file))
            {
                var current = await scope.ServiceProvider.GetRequiredService<TenantDefinitionService>().GetCurrentAsync();
                WriteCompletions(file, Rows, current.Set.Curriculum.Modules);
            }
        }

        if (importOnce)
        {
            await ImportAsync();
        }
    }

    /// <summary>Writes an LMS export of <paramref name="rows"/> completions of the benchmark's agents, each row unique.</summary>
    private static void WriteCompletions(string path, int rows, IReadOnlyList<Module> modules)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(';', CompletionCsv.Header));
        var line = new StringBuilder(128);
        for (var i = 0; i < rows; i++)
        {
            // Each round of 10,000 rows gives every agent one more completion, on a later day and of the next module.
            var round = i / Agents;
            var module = modules[round % modules.Count];
            var date = FirstDate.AddDays(round);
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"A{(i % Agents) + 1:D7};{module.Id};{module.Version};{date:dd/MM/yyyy};");
            line.Append(CultureInfo.InvariantCulture, $"réussi;{60 + (i % 41)};e-learning;lms;");
            if (i % 2 == 0)
            {
                line.Append(CultureInfo.InvariantCulture, $"LMS-{i + 1:D7}");
            }

            writer.WriteLine(line);
        }
    }
}
