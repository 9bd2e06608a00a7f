using AiLiteracy.Engines;
using AiLiteracy.Groups;
using AiLiteracy.Model;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Entra.Tests.TestData;

/// <summary>A small authority: definitions, org tree, agents with their records, and the matching Entra users.</summary>
public sealed class TestWorld
{
    public const string CommonCore1 = "TC-01";
    public const string CommonCore2 = "TC-02";
    public const string CommunicationModule = "COMM-01";
    public const string ReferentModule = "REF-01";

    public static readonly DateOnly Today = new(2026, 6, 15);

    private readonly List<Agent> agents = [];
    private readonly List<Completion> completions = [];
    private readonly List<Acknowledgement> acknowledgements = [];
    private readonly List<DirectoryUser> users = [];

    public TestWorld()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        Definitions = CompiledDefinitions.Compile(BuildDefinitions());
        Compliance = new ComplianceEngine(Definitions, Clock);
        Organization = new Organization
        {
            Id = "test",
            Name = "Commune de Test",
            OrgUnits =
            [
                new OrgUnit { Id = "DGS", Name = "Direction générale", Kind = OrgUnitKind.General },
                new OrgUnit { Id = "DRH", Name = "Ressources humaines", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
                new OrgUnit { Id = "DRH-PAIE", Name = "Paie", ParentId = "DRH" },
                new OrgUnit { Id = "COM", Name = "Communication", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
            ],
        };
    }

    public FakeTimeProvider Clock { get; }

    public CompiledDefinitions Definitions { get; }

    public ComplianceEngine Compliance { get; }

    public Organization Organization { get; }

    public IReadOnlyList<Agent> Agents => agents;

    public IReadOnlyList<DirectoryUser> Users => users;

    public static string UserIdOf(string employeeNumber) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("user:" + employeeNumber))).ToString();

    public static DefinitionSet BuildDefinitions() => new()
    {
        Curriculum = new Curriculum
        {
            Id = "test",
            Version = "2026.1",
            Title = LocalizedText.Invariant("Test"),
            Modules =
            [
                Module(CommonCore1, TrackKind.CommonCore, validityMonths: 24),
                Module(CommonCore2, TrackKind.CommonCore),
                Module(CommunicationModule, TrackKind.Job) with { Audience = new ModuleAudience { JobFamilies = ["communication"] } },
                Module(ReferentModule, TrackKind.Referent),
            ],
        },
        CompetencyFramework = new CompetencyFramework
        {
            Id = "fw",
            Version = "1",
            Title = LocalizedText.Invariant("Framework"),
            Scale = new ProficiencyScale { Levels = [new ProficiencyLevel { Level = 1, Id = "aware", Title = LocalizedText.Invariant("aware") }], ProficientThreshold = 1 },
        },
        JobFamilies = new JobFamilyCatalog
        {
            Version = "1",
            JobFamilies =
            [
                new JobFamily { Id = "rh", Title = LocalizedText.Invariant("RH") },
                new JobFamily { Id = "communication", Title = LocalizedText.Invariant("Communication") },
            ],
        },
        Charter = new Charter
        {
            Id = "charte",
            Version = 2,
            Title = LocalizedText.Invariant("Charte IA"),
            Rules =
            [
                new CharterRule { Id = "R-TRAINING", Kind = CharterRuleKind.TrainingBeforeAccess, Title = LocalizedText.Invariant("T"), Text = LocalizedText.Invariant("T") },
                new CharterRule { Id = "R-ACK", Kind = CharterRuleKind.Acknowledgement, Title = LocalizedText.Invariant("A"), Text = LocalizedText.Invariant("A") },
            ],
        },
    };

    private static Module Module(string id, TrackKind track, int? validityMonths = null) => new()
    {
        Id = id,
        Track = track,
        Title = LocalizedText.Invariant(id),
        DurationHours = 2,
        ValidityMonths = validityMonths,
    };

    /// <summary>Adds an agent; <paramref name="cleared"/> gives every required module and the current charter acknowledgement.</summary>
    public Agent AddAgent(
        string employeeNumber,
        bool cleared = true,
        string jobFamily = "rh",
        string orgUnit = "DRH",
        AgentRoles roles = AgentRoles.Agent,
        EmploymentStatus status = EmploymentStatus.Active,
        bool withUser = true)
    {
        var agent = new Agent
        {
            EmployeeNumber = employeeNumber,
            JobFamilyId = jobFamily,
            OrgUnitId = orgUnit,
            Roles = roles,
            Status = status,
            UserPrincipalName = employeeNumber.ToLowerInvariant() + "@test.fr",
            Email = employeeNumber.ToLowerInvariant() + "@test.fr",
        };
        agents.Add(agent);
        if (cleared)
        {
            foreach (var required in Definitions.RequiredModulesFor(agent))
            {
                Complete(employeeNumber, required.Module.Id);
            }

            Acknowledge(employeeNumber);
        }

        if (withUser)
        {
            users.Add(new DirectoryUser
            {
                Id = UserIdOf(employeeNumber),
                EmployeeId = employeeNumber,
                UserPrincipalName = agent.UserPrincipalName,
                Mail = agent.Email,
                AccountEnabled = true,
            });
        }

        return agent;
    }

    public void Complete(string employeeNumber, string moduleId, DateOnly? date = null, CompletionOutcome outcome = CompletionOutcome.Completed) =>
        completions.Add(new Completion { EmployeeNumber = employeeNumber, ModuleId = moduleId, Date = date ?? Today.AddMonths(-1), Outcome = outcome });

    public void Acknowledge(string employeeNumber, int version = 2) =>
        acknowledgements.Add(new Acknowledgement { EmployeeNumber = employeeNumber, CharterVersion = version, Date = Today.AddMonths(-1) });

    public void AddUser(DirectoryUser user) => users.Add(user);

    public GroupSyncData Data(IReadOnlyList<Agent>? subset = null) => new()
    {
        Organization = Organization,
        Agents = subset ?? agents,
        Completions = completions,
        Acknowledgements = acknowledgements,
    };

    public DesiredMembership Evaluate(GroupSyncRules rules, IReadOnlyList<Agent>? subset = null) =>
        new GroupMembershipEvaluator(Compliance).Evaluate(rules, Data(subset), users);

    public static GroupSyncRules Rules(params GroupRule[] groups) => new() { Groups = groups };

    public static GroupRule Rule(string groupId, GroupSelector selector, GroupSyncMode mode = GroupSyncMode.Managed) =>
        new() { GroupId = groupId, Name = groupId, Selector = selector, Mode = mode };

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Current(string groupId, params string[] employeeNumbers) =>
        new Dictionary<string, IReadOnlySet<string>> { [groupId] = employeeNumbers.Select(UserIdOf).ToHashSet() };
}
