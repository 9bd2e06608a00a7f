using AiLiteracy.Model;

namespace AiLiteracy.Hr.Csv;

/// <summary>
/// The default agents file layout (French HR export):
/// <c>Matricule;Nom;Prénom;Courriel;Famille de métiers;Code service;Matricule responsable;Rôles;Statut;Date d'entrée;Date de sortie</c>.
/// </summary>
public static class AgentCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["Matricule", "Nom", "Prénom", "Courriel", "Famille de métiers", "Code service", "Matricule responsable", "Rôles", "Statut", "Date d'entrée", "Date de sortie"];

    /// <summary>Converts one row to an <see cref="Agent"/>.</summary>
    /// <param name="row">The row's fields.</param>
    /// <returns>The agent, or the reason the row is rejected.</returns>
    public static CsvParse<Agent> Parse(CsvFields row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var employeeNumber = row.Get("Matricule", "employeeNumber");
        if (employeeNumber is null)
        {
            return CsvParse<Agent>.Fail(row.Missing("Matricule"));
        }

        if (!FrenchHrVocabulary.TryParseRoles(row.Get("Rôles", "Roles"), out var roles, out var unknownRole))
        {
            return CsvParse<Agent>.Fail(row.Error("Rôles",
                $"Rôle inconnu « {unknownRole} » (attendus : agent, encadrant, référent, élu).",
                $"Unknown role '{unknownRole}' (expected: agent, manager, referent, elected)."));
        }

        var statusText = row.Get("Statut", "Status");
        if (!FrenchHrVocabulary.TryParseStatus(statusText, out var status))
        {
            return CsvParse<Agent>.Fail(row.Error("Statut",
                $"Statut inconnu « {statusText} » (attendus : actif, congé, sorti).",
                $"Unknown status '{statusText}' (expected: active, on-leave, left)."));
        }

        if (!TryDate(row, "Date d'entrée", out var start, out var error) || !TryDate(row, "Date de sortie", out var end, out error))
        {
            return CsvParse<Agent>.Fail(error!);
        }

        var firstName = row.Get("Prénom", "Prenom");
        var lastName = row.Get("Nom");
        var displayName = string.Join(' ', new[] { firstName, lastName }.Where(s => !string.IsNullOrEmpty(s)));
        return CsvParse<Agent>.Ok(new Agent
        {
            EmployeeNumber = employeeNumber,
            DisplayName = displayName.Length == 0 ? null : displayName,
            Email = row.Get("Courriel", "Email", "Mail"),
            JobFamilyId = row.Get("Famille de métiers", "Job family"),
            OrgUnitId = row.Get("Code service", "Service", "Org unit"),
            ManagerEmployeeNumber = row.Get("Matricule responsable", "Manager"),
            Roles = roles,
            Status = status,
            StartDate = start,
            EndDate = end,
        });
    }

    /// <summary>Converts an agent to its row fields, in <see cref="Header"/> order.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The fields.</returns>
    public static IReadOnlyList<string?> Format(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var (firstName, lastName) = SplitName(agent.DisplayName);
        return
        [
            agent.EmployeeNumber, lastName, firstName, agent.Email, agent.JobFamilyId, agent.OrgUnitId, agent.ManagerEmployeeNumber,
            FrenchHrVocabulary.FormatRoles(agent.Roles), FrenchHrVocabulary.FormatStatus(agent.Status),
            agent.StartDate is { } s ? FrenchHrVocabulary.FormatDate(s) : null,
            agent.EndDate is { } e ? FrenchHrVocabulary.FormatDate(e) : null,
        ];
    }

    /// <summary>Reads an agents file: valid rows kept, rejected rows reported.</summary>
    /// <param name="stream">The CSV content.</param>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The agents and the errors.</returns>
    public static Task<CsvReadResult<Agent>> ReadAllAsync(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        HrCsvFile.ReadAllAsync(stream, fileName, Parse, cancellationToken);

    /// <summary>Writes an agents file.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="agents">The agents.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static Task WriteAsync(Stream stream, IEnumerable<Agent> agents, CancellationToken cancellationToken = default) =>
        HrCsvFile.WriteAsync(stream, Header, agents, Format, cancellationToken);

    internal static bool TryDate(CsvFields row, string column, out DateOnly? date, out CsvRowError? error)
    {
        date = null;
        error = null;
        var text = row.Get(column);
        if (text is null)
        {
            return true;
        }

        if (FrenchHrVocabulary.TryParseDate(text, out var parsed))
        {
            date = parsed;
            return true;
        }

        error = row.Error(column,
            $"Date invalide « {text} » (format attendu : jj/mm/aaaa).",
            $"Invalid date '{text}' (expected format: dd/MM/yyyy).");
        return false;
    }

    private static (string? First, string? Last) SplitName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return (null, null);
        }

        var space = displayName.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (null, displayName) : (displayName[..space], displayName[(space + 1)..]);
    }
}
