using System.Globalization;
using System.Text;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>Coverage of a group of agents: how many are active, cleared, done with the common core.</summary>
public sealed record CoverageLine
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

/// <summary>Coverage by org unit, directorate and job family.</summary>
public sealed record CoverageReport
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

/// <summary>The authority-wide reports: coverage, training plan, AI Act literacy register; as objects and as CSV.</summary>
public class ReportService
{
    private readonly IOrganizationRepository organizations;
    private readonly IAgentRepository agents;
    private readonly ICompletionRepository completions;
    private readonly IAcknowledgementRepository acknowledgements;
    private readonly IEvidenceRepository evidence;
    private readonly AgentStatusService status;

    /// <summary>Creates the service.</summary>
    /// <param name="organizations">Organisation.</param>
    /// <param name="agents">Agents.</param>
    /// <param name="completions">Completions.</param>
    /// <param name="acknowledgements">Acknowledgements.</param>
    /// <param name="evidence">Evidence.</param>
    /// <param name="status">Status evaluation (engines).</param>
    public ReportService(IOrganizationRepository organizations, IAgentRepository agents, ICompletionRepository completions, IAcknowledgementRepository acknowledgements, IEvidenceRepository evidence, AgentStatusService status)
    {
        this.organizations = organizations;
        this.agents = agents;
        this.completions = completions;
        this.acknowledgements = acknowledgements;
        this.evidence = evidence;
        this.status = status;
    }

    /// <summary>Builds the AI Act article 4 literacy register.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The register.</returns>
    public virtual async Task<LiteracyRegister> GetLiteracyRegisterAsync(CancellationToken cancellationToken = default)
    {
        var (organization, people, records, engines) = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return engines.LiteracyRegister.Build(organization, people, records);
    }

    /// <summary>Builds the training plan.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan.</returns>
    public virtual async Task<TrainingPlan> GetTrainingPlanAsync(CancellationToken cancellationToken = default)
    {
        var (organization, people, records, engines) = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return engines.TrainingPlan.Build(organization, people, records);
    }

    /// <summary>Builds the coverage report.</summary>
    /// <param name="language">Display language of job family names.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public virtual async Task<CoverageReport> GetCoverageAsync(string language, CancellationToken cancellationToken = default)
    {
        var (organization, people, records, engines) = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var register = engines.LiteracyRegister.Build(organization, people, records);
        var families = engines.Requirements.Definitions.Definitions.JobFamilies.JobFamilies.ToDictionary(f => f.Id, f => f.Title.Get(language), StringComparer.Ordinal);
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

    /// <summary>Writes the coverage report as CSV (<c>;</c>-separated, UTF-8 with BOM, as French spreadsheets expect).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The CSV text.</returns>
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
    /// <param name="plan">The plan.</param>
    /// <returns>The CSV text.</returns>
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
    /// <param name="register">The register.</param>
    /// <returns>The CSV text.</returns>
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

    private async Task<(Organization Organization, List<Agent> Agents, TrainingRecords Records, EngineSet Engines)> LoadAsync(CancellationToken cancellationToken)
    {
        var definitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var organization = await organizations.GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("organization", "?");
        var people = new List<Agent>();
        await foreach (var agent in agents.StreamAsync(new AgentFilter(), cancellationToken).ConfigureAwait(false))
        {
            people.Add(agent);
        }

        var completionList = new List<Completion>();
        await foreach (var record in completions.StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            completionList.Add(record.Completion);
        }

        var acks = new List<Acknowledgement>();
        await foreach (var ack in acknowledgements.StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            acks.Add(ack);
        }

        var entries = new List<Evidence>();
        await foreach (var entry in evidence.StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        return (organization, people, TrainingRecords.Create(completionList, acks, entries), status.EnginesFor(definitions));
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
