// <usings>
using AiLiteracy.Engines;
using AiLiteracy.Model;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Core/README.md.</summary>
internal static class CoreHelloWorld
{
    public static Task RunAsync()
    {
        // <snippet>
        // Definitions usually come from JSON files (AiLiteracy.Schemas); here, the smallest set, in code.
        var definitions = new DefinitionSet
        {
            Curriculum = new Curriculum
            {
                Id = "ville-exemple",
                Version = "2026.1",
                Title = new LocalizedText("Parcours IA", "AI curriculum"),
                Modules =
                [
                    new Module
                    {
                        Id = "TC-01",
                        Track = TrackKind.CommonCore,
                        Title = new LocalizedText("Comprendre l'IA générative", "Understanding generative AI"),
                        DurationHours = 3,
                    },
                ],
            },
            CompetencyFramework = new CompetencyFramework
            {
                Id = "competences-ia",
                Version = "1",
                Title = new LocalizedText("Compétences IA", "AI competencies"),
                Scale = new ProficiencyScale(),
            },
            JobFamilies = new JobFamilyCatalog { Version = "1" },
            Charter = new Charter
            {
                Id = "charte-ia",
                Version = 1,
                Title = new LocalizedText("Charte IA", "AI charter"),
                Rules =
                [
                    new CharterRule
                    {
                        Id = "R-10",
                        Kind = CharterRuleKind.TrainingBeforeAccess,
                        Title = new LocalizedText("Formation préalable", "Training first"),
                        Text = new LocalizedText("Suivre le tronc commun avant tout usage.", "Take the common core before any use."),
                    },
                ],
            },
        };

        var engine = new ComplianceEngine(CompiledDefinitions.Compile(definitions), TimeProvider.System);
        var records = TrainingRecords.Create(
            [new Completion { EmployeeNumber = "A001", ModuleId = "TC-01", Date = new DateOnly(2026, 1, 15) }],
            [new Acknowledgement { EmployeeNumber = "A001", CharterVersion = 1, Date = new DateOnly(2026, 1, 15) }]);

        foreach (var agent in new[] { new Agent { EmployeeNumber = "A001" }, new Agent { EmployeeNumber = "A002" } })
        {
            var clearance = engine.Evaluate(agent, records.GetHistory(agent.EmployeeNumber));
            Console.WriteLine($"{agent.EmployeeNumber}: {(clearance.IsCleared ? "habilité" : "non habilité")}");
            foreach (var reason in clearance.Reasons)
            {
                Console.WriteLine($"  {reason.Message.Fr}");
            }
        }
        // </snippet>
        return Task.CompletedTask;
    }
}
