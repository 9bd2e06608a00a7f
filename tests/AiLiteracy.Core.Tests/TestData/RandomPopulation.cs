using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests.TestData;

/// <summary>A seeded random population of agents and records, for invariant tests.</summary>
public sealed class RandomPopulation
{
    public static readonly string[] JobFamilies = ["rh", "communication", "urbanisme", "finances", "accueil", "informatique"];

    /// <summary>A curriculum exercising every rule: prerequisites, validity, pass marks, versions, tracks, e-learning.</summary>
    public static DefinitionsBuilder RichDefinitions() => DefinitionsBuilder.WithStandardCharter()
        .WithCharterVersion(3)
        .WithModules(
            CommonCore("TC-01").ValidFor(24).WithDuration(3),
            CommonCore("TC-02").After("TC-01").WithPassMark(70).WithVersion(3, minimum: 2).ValidFor(36),
            CommonCore("TC-03").DeliveredAs(DeliveryMode.ELearning).WithDuration(1).ValidFor(12),
            CommonCore("TC-OPT").Optional(),
            Job("RH-01", "rh").After("TC-01").WithDuration(2),
            Job("COMM-01", "communication").After("TC-02").WithPassMark(60),
            Job("URBA-01", "urbanisme", "finances").ValidFor(24),
            Job("FIN-02", "finances").After("URBA-01").WithVersion(2, minimum: 2),
            Referent("REF-01").After("TC-01", "TC-02").WithDuration(7).WithPassMark(80),
            Referent("REF-02").After("REF-01").ValidFor(12),
            Elected("ELU-01").WithDuration(2),
            Manager("MAN-01").After("TC-01"))
        .WithTools(
            ToolBuilder.Approved("albert").UpTo(DataClass.Personal),
            ToolBuilder.Approved("copilot").UpTo(DataClass.Confidential).Requiring("REF-01"),
            ToolBuilder.Tolerated("chatgpt"),
            ToolBuilder.Forbidden("deepseek"));

    private static readonly string[] ModuleIds =
        ["TC-01", "TC-02", "TC-03", "TC-OPT", "RH-01", "COMM-01", "URBA-01", "FIN-02", "REF-01", "REF-02", "ELU-01", "MAN-01", "RETIRED-01"];

    private static readonly string?[] OrgUnits = ["DG", "DRH", "DRH-PAIE", "DRH-FORM", "DCOM", "DCOM-WEB", "DST", null, "GHOST"];

    private RandomPopulation(Agent[] agents, Completion[] completions, Acknowledgement[] acknowledgements)
    {
        Agents = agents;
        Completions = completions;
        Acknowledgements = acknowledgements;
    }

    public IReadOnlyList<Agent> Agents { get; }

    public IReadOnlyList<Completion> Completions { get; }

    public IReadOnlyList<Acknowledgement> Acknowledgements { get; }

    public static RandomPopulation Generate(int seed, int agentCount, DateOnly today)
    {
        var random = new Random(seed);
        var agents = new Agent[agentCount];
        var completions = new List<Completion>();
        var acknowledgements = new List<Acknowledgement>();
        for (var i = 0; i < agentCount; i++)
        {
            var number = $"M{i:D6}";
            var elected = random.NextDouble() < 0.05;
            var roles = elected ? AgentRoles.Elected : AgentRoles.Agent;
            if (!elected && random.NextDouble() < 0.15)
            {
                roles |= AgentRoles.Manager;
            }

            if (!elected && random.NextDouble() < 0.08)
            {
                roles |= AgentRoles.Referent;
            }

            var statusRoll = random.NextDouble();
            var status = statusRoll < 0.8 ? EmploymentStatus.Active : statusRoll < 0.9 ? EmploymentStatus.OnLeave : EmploymentStatus.Left;
            agents[i] = new Agent
            {
                EmployeeNumber = number,
                JobFamilyId = elected || random.NextDouble() < 0.05 ? null : JobFamilies[random.Next(JobFamilies.Length)],
                OrgUnitId = OrgUnits[random.Next(OrgUnits.Length)],
                Roles = roles,
                Status = status,
                StartDate = today.AddDays(-random.Next(0, 4000)),
                EndDate = status == EmploymentStatus.Left ? today.AddDays(-random.Next(1, 300)) : null,
            };

            // A diligent agent holds recent valid completions of most modules, so that clearance is often granted.
            var diligent = random.NextDouble() < 0.5;
            if (diligent)
            {
                foreach (var moduleId in ModuleIds)
                {
                    if (random.NextDouble() < 0.9)
                    {
                        completions.Add(new Completion
                        {
                            EmployeeNumber = number,
                            ModuleId = moduleId,
                            ModuleVersion = 3,
                            Date = today.AddDays(-random.Next(0, 330)),
                            Outcome = CompletionOutcome.Passed,
                            Score = random.Next(80, 101),
                        });
                    }
                }
            }

            var count = random.Next(0, 13);
            for (var c = 0; c < count; c++)
            {
                var outcomeRoll = random.NextDouble();
                var outcome = outcomeRoll < 0.65 ? CompletionOutcome.Completed : outcomeRoll < 0.9 ? CompletionOutcome.Passed : CompletionOutcome.Failed;
                completions.Add(new Completion
                {
                    EmployeeNumber = number,
                    ModuleId = ModuleIds[random.Next(ModuleIds.Length)],
                    ModuleVersion = random.Next(1, 4),
                    Date = today.AddDays(-random.Next(0, 1500)),
                    Outcome = outcome,
                    Score = outcome == CompletionOutcome.Completed && random.NextDouble() < 0.5 ? null : random.Next(30, 101),
                    DeliveryMode = (DeliveryMode)random.Next(0, 4),
                });
            }

            if (random.NextDouble() < 0.8)
            {
                acknowledgements.Add(new Acknowledgement
                {
                    EmployeeNumber = number,
                    CharterVersion = diligent && random.NextDouble() < 0.8 ? 3 : random.Next(1, 4),
                    Date = today.AddDays(-random.Next(0, 700)),
                });
            }
        }

        return new RandomPopulation(agents, [.. completions], [.. acknowledgements]);
    }
}
