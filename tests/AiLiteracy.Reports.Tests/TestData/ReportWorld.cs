using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Reports;
using AiLiteracy.Services;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Reports.Tests.TestData;

/// <summary>An authority (organisation, definitions, agents, records) on a fake clock, turned into report snapshots.</summary>
public sealed class ReportWorld
{
    private readonly List<Agent> agents = [];
    private readonly List<Completion> completions = [];
    private readonly List<Acknowledgement> acknowledgements = [];

    public ReportWorld(DefinitionsBuilder definitions, Organization? organization = null, DateOnly? today = null, EngineOptions? options = null)
    {
        Set = definitions.Build();
        Organization = organization ?? OrganizationBuilder.Standard();
        Clock = TestClock.At(today ?? TestClock.Today);
        Options = options ?? EngineOptions.Default;
    }

    public DefinitionSet Set { get; }

    public Organization Organization { get; }

    public FakeTimeProvider Clock { get; }

    public EngineOptions Options { get; }

    public IReadOnlyList<Agent> Agents => agents;

    public IReadOnlyList<Completion> Completions => completions;

    public IReadOnlyList<Acknowledgement> Acknowledgements => acknowledgements;

    public ReportWorld Add(Agent agent, HistoryBuilder? history = null)
    {
        agents.Add(agent);
        if (history is not null)
        {
            completions.AddRange(history.Completions);
            acknowledgements.AddRange(history.Acknowledgements);
        }

        return this;
    }

    public ReportWorld AddAll(IEnumerable<Agent> people, IEnumerable<Completion> records, IEnumerable<Acknowledgement> acks)
    {
        agents.AddRange(people);
        completions.AddRange(records);
        acknowledgements.AddRange(acks);
        return this;
    }

    public TenantDefinitions Definitions => new()
    {
        Set = Set,
        Compiled = CompiledDefinitions.Compile(Set),
        Versions = new Dictionary<Ports.DefinitionKind, int>(),
        ReferenceKinds = [],
    };

    public EngineSet Engines(TenantDefinitions definitions) => new(definitions.Compiled, Clock, Options);

    public TrainingRecords Records => TrainingRecords.Create(completions, acknowledgements, []);

    public ReportSnapshot Snapshot()
    {
        var definitions = Definitions;
        return ReportSnapshot.Create(Organization, definitions, Engines(definitions), agents, Records, Clock.GetUtcNow());
    }

    public LiteracyRegisterReport Register(ReportFilter? filter = null)
    {
        var definitions = Definitions;
        var engines = Engines(definitions);
        filter ??= ReportFilter.None;
        var people = filter.IsEmpty ? agents : agents.Where(new AgentSelector(Organization, Set, agents).Matcher(filter)).ToList();
        return new LiteracyRegisterReport
        {
            GeneratedAt = Clock.GetUtcNow(),
            Filter = filter,
            Register = engines.LiteracyRegister.Build(Organization, people, Records),
            Labels = ReportLabels.Create(Organization, Set),
        };
    }
}
