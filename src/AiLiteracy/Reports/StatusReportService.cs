using AiLiteracy.Authority;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Reports;

/// <summary>Summarises where an authority stands, per directorate, with the requirements and clearance engines.</summary>
public class StatusReportService
{
    private readonly TimeProvider timeProvider;
    private readonly IOptions<AiLiteracyOptions> options;

    /// <summary>Creates the service.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">The SDK options.</param>
    public StatusReportService(TimeProvider timeProvider, IOptions<AiLiteracyOptions> options)
    {
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Per directorate: active agents, cleared agents, missing and expired modules.</summary>
    /// <param name="definitions">The definitions in force.</param>
    /// <param name="data">The authority's agents and training records.</param>
    /// <returns>The report, directorates in tree order, agents outside the tree last.</returns>
    public virtual DirectorateStatusReport SummarizeByDirectorate(DefinitionSet definitions, AuthorityData data)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(data);
        using var activity = AiLiteracyTelemetry.ActivitySource.StartActivity("reports.directorate-status");
        var compliance = new ComplianceEngine(CompiledDefinitions.Compile(definitions), timeProvider, options.Value.ToEngineOptions());
        var records = TrainingRecords.Create(data.Completions, data.Acknowledgements, data.Evidence);
        var tree = new OrgTree(data.Organization);

        var lines = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var directorate in tree.Directorates)
        {
            lines[directorate.Id] = new Tally(directorate.Id, directorate.Name);
        }

        var outside = new Tally(null, "Hors organigramme / Outside the organisation tree");
        var total = new Tally(null, "Total");
        var asOf = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        foreach (var clearance in compliance.EvaluateAll(data.Agents.Where(a => a.Status == EmploymentStatus.Active), records))
        {
            asOf = clearance.AsOf;
            var tally = LineOf(tree.DirectorateOf(clearance.Agent.OrgUnitId));
            tally.Add(clearance);
            total.Add(clearance);
        }

        var directorates = lines.Values.OrderBy(t => tree.OrderOf(t.Id)).Select(t => t.ToStatus()).ToList();
        if (outside.Agents > 0)
        {
            directorates.Add(outside.ToStatus());
        }

        return new DirectorateStatusReport
        {
            OrganizationName = data.Organization.Name,
            AsOf = asOf,
            CurriculumVersion = definitions.Curriculum.Version,
            CharterVersion = definitions.Charter.Version,
            ExpiringSoonDays = options.Value.ExpiringSoonDays,
            Directorates = directorates,
            Total = total.ToStatus(),
        };

        // A unit directly under a root that has children (e.g. agents of the general directorate itself) gets a line too.
        Tally LineOf(string? directorateId)
        {
            if (directorateId is null)
            {
                return outside;
            }

            if (!lines.TryGetValue(directorateId, out var line))
            {
                line = new Tally(directorateId, tree.Find(directorateId)?.Name ?? directorateId);
                lines[directorateId] = line;
            }

            return line;
        }
    }

    private sealed class Tally(string? id, string name)
    {
        public string? Id => id;

        public int Agents { get; private set; }

        private int cleared;
        private int missing;
        private int expired;
        private int expiringSoon;
        private int notAcknowledged;

        public void Add(Clearance clearance)
        {
            Agents++;
            if (clearance.IsCleared)
            {
                cleared++;
            }

            if (clearance.AcknowledgedCharterVersion is not { } version || version < clearance.CharterVersion)
            {
                notAcknowledged++;
            }

            foreach (var requirement in clearance.Requirements.Requirements)
            {
                switch (requirement.State)
                {
                    case RequirementState.Missing or RequirementState.Failed or RequirementState.Blocked:
                        missing++;
                        break;
                    case RequirementState.Expired:
                        expired++;
                        break;
                    case RequirementState.ExpiringSoon:
                        expiringSoon++;
                        break;
                }
            }
        }

        public DirectorateStatus ToStatus() => new()
        {
            DirectorateId = id,
            Name = name,
            Agents = Agents,
            Cleared = cleared,
            MissingModules = missing,
            ExpiredModules = expired,
            ExpiringSoonModules = expiringSoon,
            CharterNotAcknowledged = notAcknowledged,
        };
    }
}
