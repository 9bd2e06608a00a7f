using System.Diagnostics;
using AiLiteracy.Engines;
using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Groups;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace AiLiteracy.Entra.Sync;

/// <summary>
/// The Microsoft Graph implementation of <see cref="IGroupSyncService"/>. Thread-safe; runs are serialised within the process (a second
/// run waits for the first), because two concurrent runs on the same groups would race.
/// </summary>
public sealed class GroupSyncService : IGroupSyncService
{
    private readonly GraphGroupDirectory directory;
    private readonly GraphChangeWriter writer;
    private readonly GraphRequestCounter counter;
    private readonly EntraGroupSyncOptions options;
    private readonly IGroupSyncStateStore stateStore;
    private readonly IGroupSyncAuditSink auditSink;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    // One run at a time in the process: two concurrent runs on the same groups would race.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Creates the service.</summary>
    /// <param name="graph">The Graph client (see <see cref="EntraGraphClientFactory"/>).</param>
    /// <param name="counter">The request counter wired into <paramref name="graph"/>'s pipeline.</param>
    /// <param name="options">The sync options.</param>
    /// <param name="stateStore">Where delta links and the last run are kept.</param>
    /// <param name="auditSink">Where applied changes are written.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public GroupSyncService(
        GraphServiceClient graph,
        GraphRequestCounter counter,
        EntraGroupSyncOptions options,
        IGroupSyncStateStore stateStore,
        IGroupSyncAuditSink auditSink,
        TimeProvider timeProvider,
        ILogger<GroupSyncService> logger)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stateStore);
        ArgumentNullException.ThrowIfNull(auditSink);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        this.counter = counter;
        this.options = options;
        this.stateStore = stateStore;
        this.auditSink = auditSink;
        this.timeProvider = timeProvider;
        this.logger = logger;
        directory = new GraphGroupDirectory(graph, options, logger);
        writer = new GraphChangeWriter(directory, options, timeProvider, logger);
    }

    /// <summary>The request counter (figures of the runs).</summary>
    public GraphRequestCounter Requests => counter;

    /// <inheritdoc />
    public async Task<GroupSyncRunRecord?> GetLastRunAsync(CancellationToken cancellationToken = default) =>
        (await stateStore.LoadAsync(cancellationToken).ConfigureAwait(false)).LastRun;

    /// <inheritdoc />
    public async Task<GroupSyncRunResult> RunAsync(GroupSyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Rules.RemovalThreshold.Validate();
        foreach (var rule in request.Rules.Groups)
        {
            rule.RemovalThreshold?.Validate();
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<GroupSyncRunResult> RunCoreAsync(GroupSyncRequest request, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N");
        var startedAt = timeProvider.GetUtcNow();
        var before = counter.Snapshot();
        using var activity = EntraTelemetry.ActivitySource.StartActivity("entra.group_sync.run");
        activity?.SetTag("ailiteracy.entra.run_id", runId);
        activity?.SetTag("ailiteracy.entra.dry_run", request.DryRun);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });
        logger.LogInformation("Group sync {RunId} started ({Groups} group(s), {Agents} agent(s), dry run: {DryRun}, force: {Force}).",
            runId, request.Rules.Groups.Count, request.Data.Agents.Count, request.DryRun, request.Force);

        GroupSyncPlan? plan = null;
        var results = new List<GroupChangeResult>();
        var state = await stateStore.LoadAsync(cancellationToken).ConfigureAwait(false);
        var deltaStates = new Dictionary<string, GroupDeltaState>(state.Groups, StringComparer.OrdinalIgnoreCase);
        GroupSyncRunStatus status;
        string? message = null;
        try
        {
            var compliance = new ComplianceEngine(CompiledDefinitions.Compile(request.Definitions), timeProvider, request.EngineOptions);
            var users = await directory.ReadUsersAsync(cancellationToken).ConfigureAwait(false);
            var desired = new GroupMembershipEvaluator(compliance).Evaluate(request.Rules, request.Data, users);
            var current = new Dictionary<string, IReadOnlySet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var rule in request.Rules.Groups)
            {
                current[rule.GroupId] = await ReadMembersAsync(rule.GroupId, deltaStates, cancellationToken).ConfigureAwait(false);
            }

            plan = GroupSyncPlanner.Plan(desired, current, timeProvider.GetUtcNow());
            LogPlan(plan);
            if (request.DryRun)
            {
                status = GroupSyncRunStatus.DryRun;
            }
            else if (!plan.MayApply(request.Force))
            {
                status = GroupSyncRunStatus.StoppedBySafety;
                message = string.Join(" ", plan.GroupsOverThreshold.Select(g => $"{g.Rule.DisplayName}: {g.RemovalCheck.Message.Fr} / {g.RemovalCheck.Message.En}"));
                logger.LogWarning("Group sync {RunId} stopped before any write: {Message}", runId, message);
            }
            else
            {
                if (request.Force && plan.GroupsOverThreshold.Count > 0)
                {
                    logger.LogWarning("Group sync {RunId} forced past the removal threshold for {Count} group(s).", runId, plan.GroupsOverThreshold.Count);
                }

                var changes = plan.Groups.SelectMany(g => g.Adds.Concat(g.Removes)).ToList();
                if (changes.Count > 0)
                {
                    results = await writer.ApplyAsync(changes, (batch, ct) => AuditAsync(runId, request.TriggeredBy, batch, ct), cancellationToken).ConfigureAwait(false);
                }

                UpdateSnapshots(deltaStates, results);
                status = results.Any(r => !r.Succeeded) ? GroupSyncRunStatus.CompletedWithErrors : GroupSyncRunStatus.Succeeded;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var cancelled = Record(runId, startedAt, before, GroupSyncRunStatus.Cancelled, request, plan, results, "Cancelled.");
            await SaveAsync(deltaStates, cancelled, CancellationToken.None).ConfigureAwait(false);
            logger.LogWarning("Group sync {RunId} cancelled after {Applied} change(s); the next run resumes.", runId, results.Count);
            throw;
        }
        catch (Exception ex) when (ex is EntraGraphException or EntraAuthenticationException or ApiException or HttpRequestException or IOException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            status = GroupSyncRunStatus.Failed;
            message = ex is ApiException api ? $"Microsoft Graph {api.ResponseStatusCode}: {api.Message}" : ex.Message;
            logger.LogError(ex, "Group sync {RunId} failed: {Message}", runId, message);
        }

        var record = Record(runId, startedAt, before, status, request, plan, results, message);
        await SaveAsync(deltaStates, record, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("ailiteracy.entra.status", status.ToString());
        EntraTelemetry.RunDuration.Record((record.CompletedAt - startedAt).TotalSeconds, new KeyValuePair<string, object?>("status", status.ToString()));
        logger.LogInformation("Group sync {RunId} ended: {Status}; {Applied} applied, {Failed} failed; {Reads} read and {Writes} write request(s).",
            runId, status, record.Applied, record.Failed, record.Requests.Reads, record.Requests.Writes);
        return new GroupSyncRunResult { Record = record, Plan = plan, Changes = results };
    }

    private async Task<IReadOnlySet<string>> ReadMembersAsync(string groupId, Dictionary<string, GroupDeltaState> deltaStates, CancellationToken cancellationToken)
    {
        if (options.MembershipRead == MembershipReadMode.Members)
        {
            return await directory.ReadMembersAsync(groupId, cancellationToken).ConfigureAwait(false);
        }

        deltaStates.TryGetValue(groupId, out var known);
        var delta = await directory.ReadMembersDeltaAsync(groupId, known?.DeltaLink, known?.Members, cancellationToken).ConfigureAwait(false);
        deltaStates[groupId] = new GroupDeltaState { DeltaLink = delta.DeltaLink, Members = [.. delta.Members.Order(StringComparer.Ordinal)] };
        return delta.Members;
    }

    private void UpdateSnapshots(Dictionary<string, GroupDeltaState> deltaStates, List<GroupChangeResult> results)
    {
        if (options.MembershipRead != MembershipReadMode.Delta)
        {
            return;
        }

        foreach (var byGroup in results.Where(r => r.Succeeded).GroupBy(r => r.Change.GroupId, StringComparer.OrdinalIgnoreCase))
        {
            if (!deltaStates.TryGetValue(byGroup.Key, out var known))
            {
                continue;
            }

            var members = new HashSet<string>(known.Members, StringComparer.OrdinalIgnoreCase);
            foreach (var result in byGroup)
            {
                if (result.Change.Kind == GroupChangeKind.Add)
                {
                    members.Add(result.Change.UserId);
                }
                else
                {
                    members.Remove(result.Change.UserId);
                }
            }

            deltaStates[byGroup.Key] = known with { Members = [.. members.Order(StringComparer.Ordinal)] };
        }
    }

    private async Task AuditAsync(string runId, string actor, IReadOnlyList<GroupChangeResult> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        foreach (var result in batch)
        {
            EntraTelemetry.GroupChanges.Add(
                1,
                new KeyValuePair<string, object?>("kind", result.Change.Kind.ToString()),
                new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
        }

        // The audit record of a change Graph applied is written even when the run is being cancelled.
        await auditSink.WriteAsync([.. batch.Select(r => GroupSyncAuditRecord.From(runId, actor, r))], CancellationToken.None).ConfigureAwait(false);
    }

    private async Task SaveAsync(Dictionary<string, GroupDeltaState> deltaStates, GroupSyncRunRecord record, CancellationToken cancellationToken)
    {
        var state = new GroupSyncState { Groups = deltaStates, LastRun = record };
        await stateStore.SaveAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private GroupSyncRunRecord Record(
        string runId, DateTimeOffset startedAt, GraphRequestCounts before, GroupSyncRunStatus status, GroupSyncRequest request,
        GroupSyncPlan? plan, List<GroupChangeResult> results, string? message) => new()
        {
            RunId = runId,
            StartedAt = startedAt,
            CompletedAt = timeProvider.GetUtcNow(),
            Status = status,
            TriggeredBy = request.TriggeredBy,
            Forced = request.Force,
            PlannedAdds = plan?.TotalAdds ?? 0,
            PlannedRemoves = plan?.TotalRemoves ?? 0,
            Applied = results.Count(r => r.Succeeded),
            Failed = results.Count(r => !r.Succeeded),
            UnmatchedAgents = plan?.UnmatchedAgents.Count ?? 0,
            Requests = counter.Snapshot().Since(before),
            Message = message,
        };

    private void LogPlan(GroupSyncPlan plan)
    {
        foreach (var group in plan.Groups)
        {
            logger.LogInformation("Group {Group} ({GroupId}): {Current} member(s), {Desired} wanted, +{Adds} -{Removes}, {Kept} kept; {Check}",
                group.Rule.DisplayName, group.GroupId, group.CurrentMembers, group.DesiredMembers, group.Adds.Count, group.Removes.Count, group.Kept.Count,
                group.RemovalCheck.Message.En);
        }

        if (plan.UnmatchedAgents.Count > 0)
        {
            logger.LogWarning("{Count} agent(s) have no Entra ID user.", plan.UnmatchedAgents.Count);
        }

        Activity.Current?.SetTag("ailiteracy.entra.plan.adds", plan.TotalAdds);
        Activity.Current?.SetTag("ailiteracy.entra.plan.removes", plan.TotalRemoves);
    }
}
