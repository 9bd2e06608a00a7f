using System.Diagnostics;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Reports;

/// <summary>
/// The reports of the current tenant: clearance coverage, training plan (priced and spread over quarters), modules
/// expiring soon and the AI Act article 4 literacy register, each for the whole authority or filtered by org unit and
/// job family. Every report is computed from the tenant's cached <see cref="ReportSnapshot"/>, whose build time each
/// report carries (<c>GeneratedAt</c>). Scoped (one per request).
/// </summary>
public class AuthorityReportService
{
    private readonly IOrganizationRepository organizations;
    private readonly IAgentRepository agents;
    private readonly ICompletionRepository completions;
    private readonly IAcknowledgementRepository acknowledgements;
    private readonly IEvidenceRepository evidence;
    private readonly TenantDefinitionService definitions;
    private readonly ITenantContext tenant;
    private readonly ReportSnapshotCache cache;
    private readonly TimeProvider timeProvider;
    private readonly IOptions<AiLiteracyOptions> options;
    private readonly IOptionsMonitor<AiLiteracyReportOptions> reportOptions;

    /// <summary>Creates the service.</summary>
    /// <param name="organizations">The organisation repository.</param>
    /// <param name="agents">The agent repository.</param>
    /// <param name="completions">The completion repository.</param>
    /// <param name="acknowledgements">The acknowledgement repository.</param>
    /// <param name="evidence">The evidence repository.</param>
    /// <param name="definitions">The tenant's definitions.</param>
    /// <param name="tenant">The current tenant.</param>
    /// <param name="cache">The snapshot cache.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">SDK options (expiring-soon window, group size).</param>
    /// <param name="reportOptions">Report options (costs, snapshot age).</param>
    public AuthorityReportService(
        IOrganizationRepository organizations,
        IAgentRepository agents,
        ICompletionRepository completions,
        IAcknowledgementRepository acknowledgements,
        IEvidenceRepository evidence,
        TenantDefinitionService definitions,
        ITenantContext tenant,
        ReportSnapshotCache cache,
        TimeProvider timeProvider,
        IOptions<AiLiteracyOptions> options,
        IOptionsMonitor<AiLiteracyReportOptions> reportOptions)
    {
        this.organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        this.agents = agents ?? throw new ArgumentNullException(nameof(agents));
        this.completions = completions ?? throw new ArgumentNullException(nameof(completions));
        this.acknowledgements = acknowledgements ?? throw new ArgumentNullException(nameof(acknowledgements));
        this.evidence = evidence ?? throw new ArgumentNullException(nameof(evidence));
        this.definitions = definitions ?? throw new ArgumentNullException(nameof(definitions));
        this.tenant = tenant ?? throw new ArgumentNullException(nameof(tenant));
        this.cache = cache ?? throw new ArgumentNullException(nameof(cache));
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.reportOptions = reportOptions ?? throw new ArgumentNullException(nameof(reportOptions));
    }

    /// <summary>Creates a service for mocking: every member must be overridden.</summary>
    protected AuthorityReportService()
    {
        organizations = null!;
        agents = null!;
        completions = null!;
        acknowledgements = null!;
        evidence = null!;
        definitions = null!;
        tenant = null!;
        cache = null!;
        timeProvider = null!;
        options = null!;
        reportOptions = null!;
    }

    /// <summary>The cost options in force for the training plan.</summary>
    public virtual TrainingPlanCostOptions CostOptions => reportOptions.CurrentValue.ToCostOptions();

    /// <summary>
    /// The tenant's snapshot for a dashboard: from the cache, a previous one being served while one background refresh
    /// reads the data again (<see cref="SnapshotStaleness.Any"/>), so the reader never waits once a snapshot exists.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot.</returns>
    public virtual Task<ReportSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        GetSnapshotAsync(SnapshotStaleness.Any, cancellationToken);

    /// <summary>The tenant's snapshot, from the cache when fresh enough for <paramref name="staleness"/>.</summary>
    /// <param name="staleness">
    /// Which snapshot may be served while a fresher one is read; the reports of this service use
    /// <see cref="SnapshotStaleness.Aged"/>, so that they show the caller's own writes.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot.</returns>
    public virtual Task<ReportSnapshot> GetSnapshotAsync(SnapshotStaleness staleness, CancellationToken cancellationToken = default) =>
        cache.GetAsync(TenantGuard.Require(tenant), BuildSnapshotAsync, staleness, cancellationToken);

    /// <summary>Loads the tenant's data and judges every active agent, bypassing the cache.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A new snapshot.</returns>
    public virtual async Task<ReportSnapshot> BuildSnapshotAsync(CancellationToken cancellationToken = default)
    {
        using var activity = AiLiteracyTelemetry.ActivitySource.StartActivity("reports.snapshot");
        var data = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = ReportSnapshot.Create(data.Organization, data.Definitions, data.Engines, data.Agents, data.Records, timeProvider.GetUtcNow());
        snapshot.Warm(CostOptions);
        activity?.SetTag("ailiteracy.agents", data.Agents.Count);
        return snapshot;
    }

    /// <summary>Clearance coverage, whole and by directorate, org unit and job family.</summary>
    /// <param name="filter">Restricts the agents; <see langword="null"/> for the whole authority.</param>
    /// <param name="language">Language of job family names: <c>fr</c> (default) or <c>en</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The coverage.</returns>
    /// <exception cref="InputValidationException">The filter names an unknown org unit or job family.</exception>
    public virtual async Task<CoverageSummary> GetCoverageAsync(ReportFilter? filter = null, string language = "fr", CancellationToken cancellationToken = default)
    {
        var snapshot = await GetSnapshotAsync(SnapshotStaleness.Aged, cancellationToken).ConfigureAwait(false);
        return snapshot.Coverage(filter ?? ReportFilter.None, language);
    }

    /// <summary>The training plan with its budget and quarterly schedule.</summary>
    /// <param name="filter">Restricts the agents; <see langword="null"/> for the whole authority.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan report.</returns>
    /// <exception cref="InputValidationException">The filter names an unknown org unit or job family.</exception>
    public virtual async Task<TrainingPlanReport> GetTrainingPlanAsync(ReportFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await GetSnapshotAsync(SnapshotStaleness.Aged, cancellationToken).ConfigureAwait(false);
        return snapshot.TrainingPlan(filter ?? ReportFilter.None, CostOptions);
    }

    /// <summary>The required modules expiring within the expiring-soon window (60 days by default).</summary>
    /// <param name="filter">Restricts the agents; <see langword="null"/> for the whole authority.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputValidationException">The filter names an unknown org unit or job family.</exception>
    public virtual async Task<ExpiringModulesReport> GetExpiringModulesAsync(ReportFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await GetSnapshotAsync(SnapshotStaleness.Aged, cancellationToken).ConfigureAwait(false);
        return snapshot.ExpiringModules(filter ?? ReportFilter.None);
    }

    /// <summary>
    /// Builds the AI Act article 4 literacy register: AI systems in use with the agents cleared for each, every person
    /// of the filter (people who left included) with the measures delivered, coverage, gaps and refreshes due. It is
    /// built from the tenant's cached snapshot data, like the other reports: past <see cref="AiLiteracyReportOptions.SnapshotMaxAge"/>
    /// the previous data is used while a fresh snapshot is loaded in the background (when the host can open a tenant
    /// scope), unless the data changed since (<see cref="ReportSnapshotCache.MarkChanged"/>), in which case it is read
    /// again first; <see cref="LiteracyRegisterReport.GeneratedAt"/> says when the data was read.
    /// </summary>
    /// <param name="filter">Restricts the people; <see langword="null"/> for the whole authority.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The register report.</returns>
    /// <exception cref="InputValidationException">The filter names an unknown org unit or job family.</exception>
    public virtual async Task<LiteracyRegisterReport> GetLiteracyRegisterAsync(ReportFilter? filter = null, CancellationToken cancellationToken = default)
    {
        using var activity = AiLiteracyTelemetry.ActivitySource.StartActivity("reports.literacy-register");
        var snapshot = await GetSnapshotAsync(SnapshotStaleness.Aged, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("ailiteracy.data_age_s", Math.Max(0, (timeProvider.GetUtcNow() - snapshot.GeneratedAt).TotalSeconds));
        return snapshot.LiteracyRegister(filter ?? ReportFilter.None);
    }

    /// <summary>Loads the organisation, definitions, every agent and every training record of the current tenant.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The data with the engines over the definitions.</returns>
    /// <exception cref="ResourceNotFoundException">The tenant's organisation does not exist.</exception>
    protected virtual async Task<AuthorityReportData> LoadAsync(CancellationToken cancellationToken)
    {
        var tenantId = TenantGuard.Require(tenant);
        var stopwatch = Stopwatch.StartNew();
        var current = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var organization = await organizations.GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("organization", tenantId);
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

        var acknowledgementList = new List<Acknowledgement>();
        await foreach (var acknowledgement in acknowledgements.StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            acknowledgementList.Add(acknowledgement);
        }

        var evidenceList = new List<Evidence>();
        await foreach (var entry in evidence.StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            evidenceList.Add(entry);
        }

        var records = TrainingRecords.Create(completionList, acknowledgementList, evidenceList);
        var engines = new EngineSet(current.Compiled, timeProvider, options.Value.ToEngineOptions());
        Activity.Current?.SetTag("ailiteracy.load_ms", stopwatch.ElapsedMilliseconds);
        return new AuthorityReportData(organization, current, engines, people, records);
    }
}

/// <summary>Everything a report is computed from.</summary>
/// <param name="Organization">The organisation.</param>
/// <param name="Definitions">The definitions in force.</param>
/// <param name="Engines">The engines over the definitions.</param>
/// <param name="Agents">Every agent, whatever their status.</param>
/// <param name="Records">The training records.</param>
public sealed record AuthorityReportData(Organization Organization, TenantDefinitions Definitions, EngineSet Engines, IReadOnlyList<Agent> Agents, TrainingRecords Records);
