using AiLiteracy.Entra.Graph;
using AiLiteracy.Engines;
using AiLiteracy.Groups;
using AiLiteracy.Model;

namespace AiLiteracy.Entra.Sync;

/// <summary>What a run is asked to do.</summary>
public sealed record GroupSyncRequest
{
    /// <summary>The group rules, safety threshold and matching options.</summary>
    public required GroupSyncRules Rules { get; init; }

    /// <summary>The agents and their records to judge.</summary>
    public required GroupSyncData Data { get; init; }

    /// <summary>The definitions (curriculum, charter) the agents are judged against.</summary>
    public required DefinitionSet Definitions { get; init; }

    /// <summary>Engine options (expiring-soon window, newcomer period); the defaults when <see langword="null"/>.</summary>
    public EngineOptions? EngineOptions { get; init; }

    /// <summary>Compute and return the plan without writing anything. Default: <see langword="false"/>.</summary>
    public bool DryRun { get; init; }

    /// <summary>Apply the plan even when removals exceed the threshold. Default: <see langword="false"/>.</summary>
    public bool Force { get; init; }

    /// <summary>Who triggered the run (<c>cli</c>, <c>schedule</c>, <c>user:&lt;id&gt;</c>), for the audit log and the run record.</summary>
    public string TriggeredBy { get; init; } = "api";
}

/// <summary>How a run ended.</summary>
public enum GroupSyncRunStatus
{
    /// <summary>Every change was applied (or there was nothing to do).</summary>
    Succeeded,
    /// <summary>A dry run: the plan was computed, nothing was written.</summary>
    DryRun,
    /// <summary>Removals exceeded the threshold: nothing was written.</summary>
    StoppedBySafety,
    /// <summary>The run finished, but Graph refused some changes.</summary>
    CompletedWithErrors,
    /// <summary>The run failed (authentication, permissions, Graph unreachable); some changes may have been applied.</summary>
    Failed,
    /// <summary>The run was cancelled; the next run converges.</summary>
    Cancelled,
}

/// <summary>The summary of a run: kept as the last-run record and shown by the server.</summary>
public sealed record GroupSyncRunRecord
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>How it ended.</summary>
    public required GroupSyncRunStatus Status { get; init; }

    /// <summary>Who triggered it.</summary>
    public required string TriggeredBy { get; init; }

    /// <summary>Whether it was forced past the threshold.</summary>
    public bool Forced { get; init; }

    /// <summary>Planned adds.</summary>
    public int PlannedAdds { get; init; }

    /// <summary>Planned removes.</summary>
    public int PlannedRemoves { get; init; }

    /// <summary>Changes applied (or found already in effect).</summary>
    public int Applied { get; init; }

    /// <summary>Changes Graph refused.</summary>
    public int Failed { get; init; }

    /// <summary>Agents without a user.</summary>
    public int UnmatchedAgents { get; init; }

    /// <summary>Graph requests sent.</summary>
    public GraphRequestCounts Requests { get; init; } = new(0, 0, 0);

    /// <summary>The error, for failed or stopped runs.</summary>
    public string? Message { get; init; }
}

/// <summary>The result of a run: the record, the plan and the outcome of every change attempted.</summary>
public sealed record GroupSyncRunResult
{
    /// <summary>The run summary.</summary>
    public required GroupSyncRunRecord Record { get; init; }

    /// <summary>The plan, when it could be computed.</summary>
    public GroupSyncPlan? Plan { get; init; }

    /// <summary>The outcome of each change attempted (empty for dry and stopped runs).</summary>
    public IReadOnlyList<GroupChangeResult> Changes { get; init; } = [];

    /// <summary>The run status.</summary>
    public GroupSyncRunStatus Status => Record.Status;
}

/// <summary>
/// Keeps groups equal to what the rules say: reads users and members from Graph, plans, checks the removal
/// threshold, applies the changes in batches and writes each one to the audit log. The server schedules it and
/// exposes the last run; the CLI runs it once.
/// </summary>
public interface IGroupSyncService
{
    /// <summary>Runs a sync (or a dry run).</summary>
    /// <param name="request">What to do.</param>
    /// <param name="cancellationToken">Cancels the run; a cancelled run is resumed by the next one without duplicate adds.</param>
    /// <returns>The result.</returns>
    Task<GroupSyncRunResult> RunAsync(GroupSyncRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns the record of the last run, or <see langword="null"/> when none ran.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The record.</returns>
    Task<GroupSyncRunRecord?> GetLastRunAsync(CancellationToken cancellationToken = default);
}
