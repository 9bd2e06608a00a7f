using System.Globalization;
using System.Text;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Reports;
using AiLiteracy.Services;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>Coverage of a group of agents: how many are active and cleared.</summary>
internal sealed record CoverageLine
{
    /// <summary>Group id (org unit, directorate or job family); <see langword="null"/> for agents without one.</summary>
    public string? Id { get; init; }

    /// <summary>Group name.</summary>
    public string? Name { get; init; }

    /// <summary>Active agents.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents cleared to use the approved AI tools.</summary>
    public required int Cleared { get; init; }

    /// <summary>Share of active agents cleared (0 to 1).</summary>
    public decimal ClearedShare => ActiveAgents == 0 ? 0 : Math.Round((decimal)Cleared / ActiveAgents, 4);
}

/// <summary>Coverage by org unit, directorate and job family, as the CLI prints it.</summary>
internal sealed record CoverageReport
{
    /// <summary>Evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The whole authority.</summary>
    public required CoverageLine Total { get; init; }

    /// <summary>By org unit.</summary>
    public required IReadOnlyList<CoverageLine> ByOrgUnit { get; init; }

    /// <summary>By directorate.</summary>
    public required IReadOnlyList<CoverageLine> ByDirectorate { get; init; }

    /// <summary>By job family.</summary>
    public required IReadOnlyList<CoverageLine> ByJobFamily { get; init; }
}

/// <summary>
/// The CLI's reports, computed with <see cref="AuthorityReportService"/>. The CLI serves one tenant in a short-lived
/// process, so it builds a snapshot directly (<see cref="AuthorityReportService.BuildSnapshotAsync"/>): no snapshot cache
/// and no background rebuild that would outlive the command.
/// </summary>
internal static class CliReports
{
    /// <summary>Loads the tenant's data and judges every active agent, bypassing the snapshot cache.</summary>
    public static Task<ReportSnapshot> SnapshotAsync(CliSession session, CancellationToken cancellationToken) =>
        session.Get<AuthorityReportService>().BuildSnapshotAsync(cancellationToken);

    /// <summary>The training plan (needs per module, sessions, hours).</summary>
    public static async Task<TrainingPlan> TrainingPlanAsync(CliSession session, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(session, cancellationToken).ConfigureAwait(false);
        return snapshot.Engines.TrainingPlan.Build(snapshot.Organization, snapshot.Agents, snapshot.Records);
    }

    /// <summary>The AI Act article 4 literacy register.</summary>
    public static async Task<LiteracyRegister> LiteracyRegisterAsync(CliSession session, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(session, cancellationToken).ConfigureAwait(false);
        return snapshot.Engines.LiteracyRegister.Build(snapshot.Organization, snapshot.Agents, snapshot.Records);
    }

    /// <summary>The coverage by org unit, directorate and job family.</summary>
    public static async Task<CoverageReport> CoverageAsync(CliSession session, string language, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(session, cancellationToken).ConfigureAwait(false);
        var register = snapshot.Engines.LiteracyRegister.Build(snapshot.Organization, snapshot.Agents, snapshot.Records);
        var families = snapshot.Engines.Requirements.Definitions.Definitions.JobFamilies.JobFamilies.ToDictionary(f => f.Id, f => f.Title.Get(language), StringComparer.Ordinal);
        var byFamily = register.People
            .Where(p => p.Status == EmploymentStatus.Active)
            .GroupBy(p => p.JobFamilyId ?? string.Empty)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CoverageLine
            {
                Id = g.Key.Length == 0 ? null : g.Key,
                Name = g.Key.Length == 0 ? null : families.GetValueOrDefault(g.Key, g.Key),
                ActiveAgents = g.Count(),
                Cleared = g.Count(p => p.IsCleared),
            })
            .ToArray();
        static CoverageLine Line(RegisterCoverage c) => new() { Id = c.Id, Name = c.Name, ActiveAgents = c.ActiveAgents, Cleared = c.Cleared };
        return new CoverageReport
        {
            AsOf = register.AsOf,
            Total = Line(register.Total),
            ByOrgUnit = register.CoverageByOrgUnit.Select(Line).ToArray(),
            ByDirectorate = register.CoverageByDirectorate.Select(Line).ToArray(),
            ByJobFamily = byFamily,
        };
    }

    /// <summary>Writes the coverage report as CSV (<c>;</c>-separated, as French spreadsheets expect).</summary>
    public static string ToCsv(CoverageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new CsvText("perimetre", "id", "nom", "agents_actifs", "habilites", "part_habilites");
        void Add(string scope, CoverageLine line) => csv.Row(scope, line.Id, line.Name, line.ActiveAgents, line.Cleared, line.ClearedShare);
        Add("total", report.Total);
        foreach (var line in report.ByDirectorate)
        {
            Add("direction", line);
        }

        foreach (var line in report.ByOrgUnit)
        {
            Add("unite", line);
        }

        foreach (var line in report.ByJobFamily)
        {
            Add("famille_metiers", line);
        }

        return csv.ToString();
    }

    /// <summary>Writes the training plan's needs as CSV, one line per org unit, job family and module.</summary>
    public static string ToCsv(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var csv = new CsvText("unite", "direction", "famille_metiers", "module", "personnes_a_former", "recyclages", "heures_stagiaires");
        foreach (var line in plan.Lines)
        {
            csv.Row(line.OrgUnitId, line.DirectorateId, line.JobFamilyId, line.ModuleId, line.PeopleToTrain, line.Refreshes, line.PersonHours);
        }

        return csv.ToString();
    }

    /// <summary>Writes the literacy register as CSV, one line per measure delivered to a person (a person without measure has one line).</summary>
    public static string ToCsv(LiteracyRegister register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var csv = new CsvText("matricule", "nom", "unite", "famille_metiers", "statut", "habilite", "version_charte_acceptee",
            "module", "version_module", "date", "modalite", "resultat", "score", "source", "compte");
        foreach (var person in register.People)
        {
            object?[] head = [person.EmployeeNumber, person.DisplayName, person.OrgUnitId, person.JobFamilyId, AgentStatusService.Code(person.Status), person.IsCleared ? "oui" : "non", person.AcknowledgedCharterVersion];
            if (person.Measures.Count == 0)
            {
                csv.Row([.. head, null, null, null, null, null, null, null, null]);
            }

            foreach (var m in person.Measures)
            {
                csv.Row([.. head, m.ModuleId, m.ModuleVersion, m.Date, m.DeliveryMode is { } mode ? AgentStatusService.Code(mode) : null,
                    AgentStatusService.Code(m.Outcome), m.Score, AgentStatusService.Code(m.Source), m.Counts ? "oui" : "non"]);
            }
        }

        return csv.ToString();
    }

    private sealed class CsvText
    {
        private readonly StringBuilder builder = new();

        public CsvText(params string[] header) => Row(header);

        public void Row(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(';');
                }

                builder.Append(Escape(values[i] switch
                {
                    null => string.Empty,
                    DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                    decimal m => m.ToString(CultureInfo.GetCultureInfo("fr-FR")),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString() ?? string.Empty,
                }));
            }

            builder.Append("\r\n");
        }

        public override string ToString() => builder.ToString();

        private static string Escape(string value)
        {
            // Neutralise spreadsheet formulas (CSV injection) and quote separators, quotes and line breaks.
            if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.GetCultureInfo("fr-FR"), out _))
            {
                value = "'" + value;
            }

            return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }
}
