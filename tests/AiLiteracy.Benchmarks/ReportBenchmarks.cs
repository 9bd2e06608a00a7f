using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Reports;
using AiLiteracy.Reports.Export;
using AiLiteracy.Schemas;
using AiLiteracy.Services;
using BenchmarkDotNet.Attributes;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// The reports of a whole authority against the reference curriculum, with 10 completions per agent. Targets: the AI
/// Act literacy register of 100,000 agents in under 5 s; the figures of a dashboard page (computed from the cached
/// snapshot) well under the 500 ms page budget.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private Organization organization = null!;
    private TenantDefinitions definitions = null!;
    private EngineSet engines = null!;
    private ReferencePopulation population = null!;
    private TrainingRecords records = null!;
    private ReportSnapshot snapshot = null!;
    private LiteracyRegisterReport register = null!;
    private readonly TrainingPlanCostOptions costs = new() { CostPerSession = 900, CostPerLearnerHour = 30 };

    /// <summary>Number of agents.</summary>
    [Params(10_000, 100_000)]
    public int AgentCount { get; set; }

    /// <summary>Loads the reference definitions, generates the population and builds one snapshot.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var set = ReferenceContent.LoadAsync().GetAwaiter().GetResult();
        definitions = new TenantDefinitions
        {
            Set = set,
            Compiled = CompiledDefinitions.Compile(set),
            Versions = new Dictionary<Ports.DefinitionKind, int>(),
            ReferenceKinds = [],
        };
        var clock = new ReportClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        engines = new EngineSet(definitions.Compiled, clock, EngineOptions.Default);
        population = ReferencePopulation.Generate(definitions.Compiled, AgentCount, completionsPerAgent: 10, Today);
        records = TrainingRecords.Create(population.Completions, population.Acknowledgements);
        organization = new Organization
        {
            Id = "bench",
            Name = "Collectivité de mesure",
            OrgUnits = [new OrgUnit { Id = "DG", Name = "Direction générale", Kind = OrgUnitKind.General },
                .. Enumerable.Range(0, 12).Select(i => new OrgUnit { Id = $"DIR-{i:D2}", Name = $"Direction {i:D2}", Kind = OrgUnitKind.Directorate, ParentId = "DG" })],
        };
        snapshot = Snapshot();
        register = new LiteracyRegisterReport
        {
            GeneratedAt = clock.GetUtcNow(),
            Filter = ReportFilter.None,
            Register = engines.LiteracyRegister.Build(organization, population.Agents, records),
            Labels = ReportLabels.Create(organization, set),
        };
    }

    /// <summary>The AI Act literacy register: every person's measures, AI systems with the agents cleared for each, coverage, gaps.</summary>
    /// <returns>The number of gaps.</returns>
    [Benchmark(Baseline = true)]
    public int LiteracyRegister() => engines.LiteracyRegister.Build(organization, population.Agents, records).Gaps.Count;

    /// <summary>The dashboard's snapshot: requirements and clearance of every active agent, kept (rebuilt once a minute in the background).</summary>
    /// <returns>The snapshot.</returns>
    [Benchmark]
    public ReportSnapshot Snapshot() => ReportSnapshot.Create(organization, definitions, engines, population.Agents, records, DateTimeOffset.UnixEpoch);

    /// <summary>A snapshot whose views are not computed yet, for the benchmarks of the first request after a rebuild.</summary>
    [IterationSetup(Targets = [nameof(DashboardFigures), nameof(DashboardFiguresFiltered)])]
    public void FreshSnapshot() => snapshot = Snapshot();

    /// <summary>
    /// The figures of the four dashboard pages computed from a fresh snapshot: coverage, training plan with budget,
    /// expiring modules (done in the background right after each rebuild, so a page only pays it once per rebuild).
    /// </summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public int DashboardFigures() => Figures(ReportFilter.None);

    /// <summary>The same figures for one directorate and one job family, computed from a fresh snapshot.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public int DashboardFiguresFiltered() =>
        Figures(new ReportFilter { OrgUnitId = "DIR-03", JobFamilyId = definitions.Set.JobFamilies.JobFamilies[0].Id });

    /// <summary>The figures of the four dashboard pages once computed (every later request until the next rebuild).</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public int DashboardFiguresComputedBefore() => Figures(ReportFilter.None);

    private int Figures(ReportFilter filter)
    {
        var coverage = snapshot.Coverage(filter);
        var plan = snapshot.TrainingPlan(filter, costs);
        var expiring = snapshot.ExpiringModules(filter);
        return coverage.Total.Cleared + plan.Plan.Sessions + expiring.Items.Count;
    }

    /// <summary>The register's measures as CSV (one row per measure).</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark]
    public long RegisterCsv()
    {
        using var stream = new CountingStream();
        CsvReportWriter.WriteAsync(ReportDocuments.LiteracyRegister(register).Default, stream).GetAwaiter().GetResult();
        return stream.Length;
    }

    /// <summary>The register as an Excel workbook (every table).</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark]
    public long RegisterXlsx()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(ReportDocuments.LiteracyRegister(register), stream);
        return stream.Length;
    }

    private sealed class ReportClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;
    }
}
