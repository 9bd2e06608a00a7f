using AiLiteracy.Demo;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Reports;
using AiLiteracy.Schemas;
using AiLiteracy.Services;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Reports.Tests.TestData;

/// <summary>The demo authority (≈1,240 people) on the reference content, evaluated on the demo's anchor date.</summary>
public sealed class DemoWorld
{
    private static readonly Lazy<Task<DemoWorld>> Shared = new(CreateAsync);

    private DemoWorld(DefinitionSet set, DemoAuthority demo, FakeTimeProvider clock)
    {
        Set = set;
        Demo = demo;
        Clock = clock;
        Definitions = new TenantDefinitions
        {
            Set = set,
            Compiled = CompiledDefinitions.Compile(set),
            Versions = new Dictionary<Ports.DefinitionKind, int>(),
            ReferenceKinds = [],
        };
        Engines = new EngineSet(Definitions.Compiled, clock, EngineOptions.Default);
        Records = TrainingRecords.Create(demo.Completions, demo.Acknowledgements, []);
        Snapshot = ReportSnapshot.Create(demo.Organization, Definitions, Engines, demo.Agents, Records, clock.GetUtcNow());
    }

    public DefinitionSet Set { get; }

    public DemoAuthority Demo { get; }

    public FakeTimeProvider Clock { get; }

    public TenantDefinitions Definitions { get; }

    public EngineSet Engines { get; }

    public TrainingRecords Records { get; }

    public ReportSnapshot Snapshot { get; }

    public static Task<DemoWorld> GetAsync() => Shared.Value;

    public LiteracyRegisterReport Register() => new()
    {
        GeneratedAt = Clock.GetUtcNow(),
        Filter = ReportFilter.None,
        Register = Engines.LiteracyRegister.Build(Demo.Organization, Demo.Agents, Records),
        Labels = ReportLabels.Create(Demo.Organization, Set),
    };

    private static async Task<DemoWorld> CreateAsync()
    {
        var set = await ReferenceContent.LoadAsync();
        var options = new DemoAuthorityOptions { CharterVersion = set.Charter.Version };
        var demo = new DemoAuthorityGenerator(set.Curriculum).Generate(options);
        var clock = new FakeTimeProvider(new DateTimeOffset(options.AnchorDate.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        return new DemoWorld(set, demo, clock);
    }
}
