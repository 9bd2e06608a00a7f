using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// Agents import of an HR export in the SDK's default layout (UTF-8 with BOM, <c>;</c>, <c>dd/MM/yyyy</c>), 100,000 and
/// 1,000,000 rows: a raw CsvHelper read of the same file (baseline), our parse-and-map stage (encoding and separator
/// detection, field-count check, mapping, validation, duplicate detection), and the whole full-mode import into a new
/// SQLite file. Targets: parse-and-map at least 70 % of the raw CsvHelper throughput; 100,000 rows into SQLite in
/// under 10 s. Peak managed heap and working set are sampled during each operation and printed as <c>// PEAK</c> lines.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AgentImportBenchmarks
{
    private static readonly string[] JobFamilies = ["direction", "rh", "finances", "juridique-commande-publique", "services-generaux", "communication", "numerique", "accueil", "urbanisme", "technique"];
    private static readonly string[] FirstNames = ["Lucas", "Éric", "Hélène", "Léa", "Noël", "Zoé", "Marie", "Jean", "Anne", "Paul"];
    private static readonly string[] LastNames = ["Dubois", "Dupont", "Lefèvre", "Martin", "Bernard", "Petit", "Durand", "Moreau", "Simon", "Laurent"];

    private string folder = null!;
    private string file = null!;
    private Organization organization = null!;
    private AgentMappingContext context = null!;
    private ServiceProvider? services;
    private PeakSampler? sampler;

    /// <summary>Rows in the file.</summary>
    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the HR export and loads the demo organisation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("ailiteracy-bench-").FullName;
        file = Path.Combine(folder, $"agents-{Rows}.csv");
        organization = JsonSerializer.Deserialize<Organization>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "data", "organization.json")), AiLiteracyJson.Options)!;
        WriteExport(file, Rows, organization.OrgUnits.Select(u => u.Id).ToArray());
        context = new AgentMappingContext
        {
            JobFamilyIds = JobFamilies.ToHashSet(StringComparer.Ordinal),
            OrgUnits = organization.OrgUnits,
            Today = new DateOnly(2026, 11, 15),
        };
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Starts sampling memory.</summary>
    [IterationSetup(Targets = [nameof(RawCsvHelper), nameof(ParseAndMap)])]
    public void StartSampling() => sampler = PeakSampler.Start();

    /// <summary>Prepares a new SQLite database with the demo tenant, then starts sampling memory.</summary>
    [IterationSetup(Target = nameof(ImportIntoSqlite))]
    public void NewDatabase()
    {
        services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = Path.Combine(folder, $"import-{Guid.NewGuid():N}.db");
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddAiLiteracy();
        collection.AddAiLiteracyStorage(o => o.ConnectionString = $"Data Source={database}");
        collection.AddAiLiteracyHrIntegration();
        services = collection.BuildServiceProvider();
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync().GetAwaiter().GetResult();
        scope.ServiceProvider.GetRequiredService<ITenantDirectory>().CreateAsync(organization).GetAwaiter().GetResult();
        sampler = PeakSampler.Start();
    }

    /// <summary>Prints the peak memory of the iteration.</summary>
    [IterationCleanup]
    public void StopSampling()
    {
        if (sampler is { } s)
        {
            var (_, heap, workingSet) = s.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// PEAK rows={Rows} heap={heap / 1048576.0:0.0} MiB workingSet={workingSet / 1048576.0:0.0} MiB"));
        }
    }

    /// <summary>Baseline: CsvHelper reads every row and field of the same file.</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Baseline = true)]
    public int RawCsvHelper()
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", BufferSize = 64 * 1024 });
        csv.Read();
        csv.ReadHeader();
        var rows = 0;
        var length = 0;
        while (csv.Read())
        {
            length += csv.Parser.Record!.Length;
            rows++;
        }

        return rows + (length & 1);
    }

    /// <summary>Our parse-and-map stage: detection, field count, mapping, validation and duplicate detection of every row.</summary>
    /// <returns>The number of valid rows.</returns>
    [Benchmark]
    public int ParseAndMap() => ParseAndMapAsync().GetAwaiter().GetResult();

    /// <summary>The whole import into a new SQLite file, full mode: check pass, batched upserts, deactivation search, audit.</summary>
    /// <returns>The number of agents created.</returns>
    [Benchmark]
    public int ImportIntoSqlite()
    {
        using var scope = services!.CreateScope();
        ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = organization.Id;
        var report = scope.ServiceProvider.GetRequiredService<AgentImportService>()
            .ImportFileAsync(file, new AgentImportOptions { Mode = AgentImportMode.Full }).GetAwaiter().GetResult();
        if (report.Created != Rows || report.RejectedCount != 0)
        {
            throw new InvalidOperationException($"Unexpected import: {report.Created} created, {report.RejectedCount} rejected.");
        }

        return report.Created;
    }

    private async Task<int> ParseAndMapAsync()
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var reader = await AgentFileReader.OpenAsync(stream, Path.GetFileName(file), HrMapping.DefaultAgents, context);
        var valid = 0;
        while (await reader.ReadAsync())
        {
            if (reader.Current.IsValid)
            {
                valid++;
            }
        }

        if (valid != Rows)
        {
            throw new InvalidOperationException($"{Rows - valid} rows rejected.");
        }

        return valid;
    }

    /// <summary>Writes an HR export of <paramref name="rows"/> agents in the default layout.</summary>
    internal static void WriteExport(string path, int rows, IReadOnlyList<string> orgUnits)
    {
        var random = new Random(20261115);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(';', AgentCsv.Header));
        var line = new StringBuilder(256);
        for (var i = 1; i <= rows; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"A{i:D7};{last};{first};{FrenchHrVocabulary.Fold(first)}.{FrenchHrVocabulary.Fold(last)}{i}@ville.example;");
            line.Append(CultureInfo.InvariantCulture, $"{JobFamilies[random.Next(JobFamilies.Length)]};{orgUnits[random.Next(orgUnits.Count)]};A{Math.Max(1, i - 7):D7};");
            line.Append(i % 50 == 0 ? "agent|encadrant" : "agent").Append(";actif;");
            line.Append(CultureInfo.InvariantCulture, $"{random.Next(1, 29):D2}/{random.Next(1, 13):D2}/{random.Next(1990, 2026)};");
            writer.WriteLine(line);
        }
    }
}
