using AiLiteracy.Hr.Csv;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Model;

namespace AiLiteracy.Import;

/// <summary>How an agents file relates to the population.</summary>
public enum AgentImportMode
{
    /// <summary>
    /// The file is the whole population: agents missing from it are deactivated (status left), unless that would
    /// deactivate more than <see cref="AgentImportOptions.MaxDeactivationShare"/> of the active agents.
    /// </summary>
    Full,
    /// <summary>The file holds changes only: agents missing from it are left alone.</summary>
    Incremental,
}

/// <summary>Options of an agents import.</summary>
public sealed record AgentImportOptions
{
    /// <summary>The mapping of the file's columns. Default: <see cref="HrMapping.DefaultAgents"/> (the SDK's own layout).</summary>
    public HrMapping Mapping { get; init; } = HrMapping.DefaultAgents;

    /// <summary>Full (default) or incremental.</summary>
    public AgentImportMode Mode { get; init; } = AgentImportMode.Full;

    /// <summary>Reads, checks and counts what would change, without writing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Applies a full import even when it deactivates more than <see cref="MaxDeactivationShare"/> of the active agents.</summary>
    public bool Force { get; init; }

    /// <summary>The largest share of active agents a full import may deactivate without <see cref="Force"/>. Default: 0.10 (10 %).</summary>
    public double MaxDeactivationShare { get; init; } = 0.10;

    /// <summary>Agents written per transaction. Default: 1000.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The most rejected rows and warnings kept in the report (the counts stay exact). Default: 100,000.</summary>
    public int MaxReportedRows { get; init; } = 100_000;

    /// <summary>Who imports, for the audit log (<c>cli</c>, <c>apikey:…</c>, <c>user:…</c>). Default: <c>cli</c>.</summary>
    public string Actor { get; init; } = "cli";
}

/// <summary>What an import is doing, for progress bars.</summary>
public enum ImportPhase
{
    /// <summary>Reading and checking the file.</summary>
    Checking,
    /// <summary>Writing the rows.</summary>
    Applying,
    /// <summary>Deactivating the agents missing from a full file.</summary>
    Deactivating,
}

/// <summary>Progress of an import.</summary>
/// <param name="Phase">The current phase.</param>
/// <param name="Rows">Rows read in this phase.</param>
/// <param name="Done">Units done in this phase (bytes read, or agents deactivated).</param>
/// <param name="Total">Units to do in this phase, when known.</param>
/// <param name="Final">Whether this is the last report of the phase.</param>
public readonly record struct ImportProgress(ImportPhase Phase, long Rows, long Done, long? Total, bool Final = false);

/// <summary>Why a full import stopped without applying anything.</summary>
/// <param name="WouldDeactivate">Agents missing from the file who would have been deactivated.</param>
/// <param name="ActiveAgents">Active agents (active or on leave) before the import.</param>
/// <param name="Threshold">The largest share allowed.</param>
public sealed record DeactivationSafetyStop(int WouldDeactivate, int ActiveAgents, double Threshold)
{
    /// <summary>The share of active agents that would have been deactivated.</summary>
    public double Share => ActiveAgents == 0 ? 0 : (double)WouldDeactivate / ActiveAgents;

    /// <summary>The explanation shown to the user.</summary>
    public LocalizedText Message
    {
        get
        {
            var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
            var en = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
            return new(
                string.Create(fr, $"Arrêt de sécurité : {WouldDeactivate} agent(s) sur {ActiveAgents} actifs ({Share:P1}) seraient désactivés, au-delà du seuil de {Threshold:P0}. ")
                + "Un export tronqué ne doit pas vider la population : rien n'a été appliqué. Vérifiez le fichier, ou relancez avec --force si ces départs sont réels.",
                string.Create(en, $"Safety stop: {WouldDeactivate} of {ActiveAgents} active agents ({Share:P1}) would be deactivated, above the {Threshold:P0} threshold. ")
                + "A truncated export must never wipe the population: nothing was applied. Check the file, or run again with --force if these departures are real.");
        }
    }
}

/// <summary>The report of an agents import.</summary>
public sealed record AgentImportReport
{
    /// <summary>The file imported.</summary>
    public required string File { get; init; }

    /// <summary>Full or incremental.</summary>
    public required AgentImportMode Mode { get; init; }

    /// <summary>Whether nothing was written on purpose.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Whether the valid rows were written (<see langword="false"/> for a dry run, a safety stop or an unreadable file).</summary>
    public required bool Applied { get; init; }

    /// <summary>Data rows read (blank lines excluded).</summary>
    public int Rows { get; init; }

    /// <summary>Agents created (or that would be, in a dry run).</summary>
    public int Created { get; init; }

    /// <summary>Agents updated (or that would be).</summary>
    public int Updated { get; init; }

    /// <summary>Agents already up to date.</summary>
    public int Unchanged { get; init; }

    /// <summary>Agents deactivated because they are missing from a full file (or that would be).</summary>
    public int Deactivated { get; init; }

    /// <summary>Rows rejected (exact, even beyond <see cref="AgentImportOptions.MaxReportedRows"/>).</summary>
    public int RejectedCount { get; init; }

    /// <summary>Rows accepted with a warning.</summary>
    public int WarningCount { get; init; }

    /// <summary>Errors that prevent reading the file at all (empty file, mapped column missing from the header).</summary>
    public IReadOnlyList<CsvRowError> FileErrors { get; init; } = [];

    /// <summary>The rejected rows, in file order: line, column and reason.</summary>
    public IReadOnlyList<CsvRowError> Rejected { get; init; } = [];

    /// <summary>Rows accepted with a reservation (value ignored, planned departure, org unit partly known).</summary>
    public IReadOnlyList<CsvRowError> Warnings { get; init; } = [];

    /// <summary>The employee numbers deactivated (or that would be), in order.</summary>
    public IReadOnlyList<string> DeactivatedEmployeeNumbers { get; init; } = [];

    /// <summary>Why nothing was applied, when the deactivation safety threshold stopped a full import.</summary>
    public DeactivationSafetyStop? SafetyStop { get; init; }

    /// <summary>How long the import took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether the file had problems (file errors or rejected rows).</summary>
    public bool HasErrors => FileErrors.Count > 0 || RejectedCount > 0;
}
