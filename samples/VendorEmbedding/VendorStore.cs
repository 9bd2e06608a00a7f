using AiLiteracy.Model;

namespace VendorEmbedding;

/// <summary>What a vendor's product already knows: its users as agents, the modules they completed, charter acknowledgements.</summary>
internal sealed record VendorStore(IReadOnlyList<Agent> Agents, IReadOnlyList<Completion> Completions, IReadOnlyList<Acknowledgement> Acknowledgements)
{
    private static readonly string[] CommonCore = ["TC-01", "TC-02", "TC-03", "TC-04"];

    /// <summary>Three agents of a commune; completion dates are relative to <paramref name="today"/> so the picture stays the same any day.</summary>
    public static VendorStore Create(DateOnly today, int charterVersion)
    {
        Agent[] agents =
        [
            new() { EmployeeNumber = "A0001", DisplayName = "Camille Martin", JobFamilyId = "communication", OrgUnitId = "DIR-COM" },
            new() { EmployeeNumber = "A0002", DisplayName = "Hugo Bernard", JobFamilyId = "rh", OrgUnitId = "DRH" },
            new() { EmployeeNumber = "A0003", DisplayName = "Léa Petit", JobFamilyId = "urbanisme", OrgUnitId = "DIR-URBA" },
        ];

        var completions = new List<Completion>();
        void Done(string employeeNumber, string moduleId, int daysAgo) => completions.Add(new Completion
        {
            EmployeeNumber = employeeNumber,
            ModuleId = moduleId,
            Date = today.AddDays(-daysAgo),
            Outcome = CompletionOutcome.Completed,
            Source = CompletionSource.Lms,
            ExternalId = $"lms-{employeeNumber}-{moduleId}",
        });

        // Camille: common core and the communication module, charter acknowledged — cleared.
        foreach (var module in CommonCore)
        {
            Done("A0001", module, 90);
        }

        Done("A0001", "METIER-COM-01", 30);

        // Hugo: common core only — the HR job module is missing.
        foreach (var module in CommonCore)
        {
            Done("A0002", module, 60);
        }

        // Léa: the first module only, and she has not acknowledged the charter.
        Done("A0003", "TC-01", 10);

        Acknowledgement[] acknowledgements =
        [
            new() { EmployeeNumber = "A0001", CharterVersion = charterVersion, Date = today.AddDays(-85) },
            new() { EmployeeNumber = "A0002", CharterVersion = charterVersion, Date = today.AddDays(-55) },
        ];
        return new VendorStore(agents, completions, acknowledgements);
    }
}
