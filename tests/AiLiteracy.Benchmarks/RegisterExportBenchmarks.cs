using System.Diagnostics;
using System.Globalization;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Reports;
using AiLiteracy.Reports.Export;
using AiLiteracy.Schemas;
using AiLiteracy.Services;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// The AI Act literacy register of a 100,000-agent authority (10 completions per agent, so about a million measures)
/// exported as an Excel workbook, the way the server answers <c>format=xlsx</c>: the register built from the cached
/// snapshot, laid out as tables and written into a memory buffer. Targets: the whole request under 5 s, the XLSX writer
/// under 500 MB of peak memory. The peak managed heap and working set of each iteration, and their growth over the
/// heap held before it (the population and snapshot), are printed as <c>// PEAK</c> lines.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RegisterExportBenchmarks
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private ReportSnapshot snapshot = null!;
    private LiteracyRegisterReport register = null!;
    private PeakSampler? sampler;

    /// <summary>Number of agents.</summary>
    [Params(100_000)]
    public int AgentCount { get; set; }

    /// <summary>Loads the reference definitions, generates the population, builds the snapshot and one register.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var set = ReferenceContent.LoadAsync().GetAwaiter().GetResult();
        var definitions = new TenantDefinitions
        {
            Set = set,
            Compiled = CompiledDefinitions.Compile(set),
            Versions = new Dictionary<Ports.DefinitionKind, int>(),
            ReferenceKinds = [],
        };
        var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var engines = new EngineSet(definitions.Compiled, clock, EngineOptions.Default);
        var population = ReferencePopulation.Generate(definitions.Compiled, AgentCount, completionsPerAgent: 10, Today);
        var records = TrainingRecords.Create(population.Completions, population.Acknowledgements);
        var organization = new Organization
        {
            Id = "bench",
            Name = "Collectivité de mesure",
            OrgUnits = [new OrgUnit { Id = "DG", Name = "Direction générale", Kind = OrgUnitKind.General },
                .. Enumerable.Range(0, 12).Select(i => new OrgUnit { Id = $"DIR-{i:D2}", Name = $"Direction {i:D2}", Kind = OrgUnitKind.Directorate, ParentId = "DG" })],
        };
        snapshot = ReportSnapshot.Create(organization, definitions, engines, population.Agents, records, clock.GetUtcNow());
        register = snapshot.LiteracyRegister(ReportFilter.None);
    }

    /// <summary>Starts sampling memory.</summary>
    [IterationSetup]
    public void StartSampling() => sampler = PeakSampler.Start();

    /// <summary>Prints the peak memory of the iteration.</summary>
    [IterationCleanup]
    public void StopSampling()
    {
        if (sampler is { } s)
        {
            var (baseline, heap, workingSet) = s.Stop();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"// PEAK agents={AgentCount} heap={heap / 1048576.0:0.0} MiB (+{(heap - baseline) / 1048576.0:0.0} MiB over the {baseline / 1048576.0:0.0} MiB held before) workingSet={workingSet / 1048576.0:0.0} MiB"));
        }
    }

    /// <summary>The register already built, written as an Excel workbook (every table) into a memory buffer.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Baseline = true)]
    public long RegisterXlsx()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(ReportDocuments.LiteracyRegister(register), stream);
        return stream.Length;
    }

    /// <summary>What the server does for <c>format=xlsx</c>: the register built from the snapshot, then written as a workbook.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark]
    public long RegisterFromSnapshotToXlsx()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(ReportDocuments.LiteracyRegister(snapshot.LiteracyRegister(ReportFilter.None)), stream);
        return stream.Length;
    }

    /// <summary>For comparison: the register's measures as CSV into a memory buffer.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark]
    public long RegisterCsv()
    {
        using var stream = new MemoryStream();
        CsvReportWriter.WriteAsync(ReportDocuments.LiteracyRegister(register).Default, stream).GetAwaiter().GetResult();
        return stream.Length;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
