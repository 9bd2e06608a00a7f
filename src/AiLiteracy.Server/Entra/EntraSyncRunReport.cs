using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Groups;
using AiLiteracy.Model;

namespace AiLiteracy.Server.Entra;

/// <summary>What a run of the Entra ID group sync was asked to do.</summary>
public enum EntraSyncRunMode
{
    /// <summary>Apply the plan, unless removals exceed the threshold (safety stop).</summary>
    Apply,
    /// <summary>Compute and record the plan; write nothing to Entra ID.</summary>
    DryRun,
    /// <summary>Apply the plan even beyond the removal threshold.</summary>
    Force,
}

/// <summary>A run of the Entra ID group sync of the authority, as the server records it (the last run is kept).</summary>
public sealed record EntraSyncRunReport
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>How the run ended.</summary>
    public required GroupSyncRunStatus Status { get; init; }

    /// <summary>What the run was asked to do.</summary>
    public required EntraSyncRunMode Mode { get; init; }

    /// <summary>Who started it: <c>system:entra-sync</c> for the schedule, else the caller (<c>apikey:…</c>, <c>user:…</c>).</summary>
    public required string TriggeredBy { get; init; }

    /// <summary>Whether the run stopped before any write because removals exceeded the threshold of a group.</summary>
    public bool StoppedBySafety { get; init; }

    /// <summary>Additions planned, all groups together.</summary>
    public int PlannedAdds { get; init; }

    /// <summary>Removals planned, all groups together.</summary>
    public int PlannedRemoves { get; init; }

    /// <summary>Changes applied (or found already in effect).</summary>
    public int Applied { get; init; }

    /// <summary>Changes Microsoft Graph refused.</summary>
    public int Failed { get; init; }

    /// <summary>Agents matched to no Entra ID user.</summary>
    public int UnmatchedAgents { get; init; }

    /// <summary>Microsoft Graph requests sent by the run.</summary>
    public required EntraSyncRequestCounts Requests { get; init; }

    /// <summary>Why the run failed or stopped, when it did.</summary>
    public string? Message { get; init; }

    /// <summary>Additions and removals per group; empty when the plan could not be computed.</summary>
    public IReadOnlyList<EntraSyncGroupReport> Groups { get; init; } = [];

    /// <summary>The changes Microsoft Graph refused (at most 100).</summary>
    public IReadOnlyList<EntraSyncChangeError> Errors { get; init; } = [];
}

/// <summary>Microsoft Graph requests sent by a run.</summary>
/// <param name="Reads">GET requests.</param>
/// <param name="Writes">Write requests (<c>$batch</c> posts included).</param>
/// <param name="Batches">Of the writes, <c>$batch</c> posts.</param>
public sealed record EntraSyncRequestCounts(long Reads, long Writes, long Batches);

/// <summary>What a run planned and did for one group.</summary>
public sealed record EntraSyncGroupReport
{
    /// <summary>The Entra ID object id of the group.</summary>
    public required string GroupId { get; init; }

    /// <summary>The group's name in the rules file, when given.</summary>
    public string? Name { get; init; }

    /// <summary><c>managed</c> (adds and removes) or <c>additive</c> (adds only).</summary>
    public required GroupSyncMode Mode { get; init; }

    /// <summary>User members before the run.</summary>
    public required int CurrentMembers { get; init; }

    /// <summary>Users the rule wants in the group.</summary>
    public required int DesiredMembers { get; init; }

    /// <summary>Additions planned.</summary>
    public required int PlannedAdds { get; init; }

    /// <summary>Removals planned.</summary>
    public required int PlannedRemoves { get; init; }

    /// <summary>Additions applied (or found already in effect).</summary>
    public int Added { get; init; }

    /// <summary>Removals applied (or found already in effect).</summary>
    public int Removed { get; init; }

    /// <summary>Changes Microsoft Graph refused.</summary>
    public int Failed { get; init; }

    /// <summary>Agents the rule selects who have no Entra ID user.</summary>
    public int SelectedWithoutUser { get; init; }

    /// <summary>Whether the planned removals exceed the group's removal threshold.</summary>
    public bool RemovalThresholdExceeded { get; init; }

    /// <summary>The outcome of the removal threshold check, French and English.</summary>
    public required LocalizedText RemovalCheck { get; init; }
}

/// <summary>A change Microsoft Graph refused.</summary>
public sealed record EntraSyncChangeError
{
    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>The user's object id.</summary>
    public required string UserId { get; init; }

    /// <summary>The agent's employee number, when matched.</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>Add or remove.</summary>
    public required GroupChangeKind Kind { get; init; }

    /// <summary>The HTTP status Graph answered, when it answered.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Graph's error.</summary>
    public string? Error { get; init; }
}

/// <summary>Builds <see cref="EntraSyncRunReport"/>s from the sync's results.</summary>
public static class EntraSyncReports
{
    /// <summary>The most refused changes a report lists.</summary>
    public const int MaxErrors = 100;

    /// <summary>The report of a run.</summary>
    /// <param name="result">The run result.</param>
    /// <param name="mode">What the run was asked to do.</param>
    /// <returns>The report.</returns>
    public static EntraSyncRunReport From(GroupSyncRunResult result, EntraSyncRunMode mode)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcomes = result.Changes
            .GroupBy(c => c.Change.GroupId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var groups = (result.Plan?.Groups ?? []).Select(g =>
        {
            var changes = outcomes.GetValueOrDefault(g.GroupId) ?? [];
            return new EntraSyncGroupReport
            {
                GroupId = g.GroupId,
                Name = g.Rule.Name,
                Mode = g.Rule.Mode,
                CurrentMembers = g.CurrentMembers,
                DesiredMembers = g.DesiredMembers,
                PlannedAdds = g.Adds.Count,
                PlannedRemoves = g.Removes.Count,
                Added = changes.Count(c => c.Succeeded && c.Change.Kind == GroupChangeKind.Add),
                Removed = changes.Count(c => c.Succeeded && c.Change.Kind == GroupChangeKind.Remove),
                Failed = changes.Count(c => !c.Succeeded),
                SelectedWithoutUser = g.SelectedWithoutUser.Count,
                RemovalThresholdExceeded = g.RemovalCheck.Exceeded,
                RemovalCheck = g.RemovalCheck.Message,
            };
        }).ToList();
        var errors = result.Changes.Where(c => !c.Succeeded).Take(MaxErrors).Select(c => new EntraSyncChangeError
        {
            GroupId = c.Change.GroupId,
            UserId = c.Change.UserId,
            EmployeeNumber = c.Change.EmployeeNumber,
            Kind = c.Change.Kind,
            HttpStatus = c.Status,
            Error = c.Error,
        }).ToList();
        return From(result.Record, mode) with { Groups = groups, Errors = errors };
    }

    /// <summary>The report of a run known only by its record (no per-group figures).</summary>
    /// <param name="record">The run record.</param>
    /// <param name="mode">What the run was asked to do.</param>
    /// <returns>The report.</returns>
    public static EntraSyncRunReport From(GroupSyncRunRecord record, EntraSyncRunMode mode)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new EntraSyncRunReport
        {
            RunId = record.RunId,
            StartedAt = record.StartedAt,
            CompletedAt = record.CompletedAt,
            Status = record.Status,
            Mode = mode,
            TriggeredBy = record.TriggeredBy,
            StoppedBySafety = record.Status == GroupSyncRunStatus.StoppedBySafety,
            PlannedAdds = record.PlannedAdds,
            PlannedRemoves = record.PlannedRemoves,
            Applied = record.Applied,
            Failed = record.Failed,
            UnmatchedAgents = record.UnmatchedAgents,
            Requests = new EntraSyncRequestCounts(record.Requests.Reads, record.Requests.Writes, record.Requests.Batches),
            Message = record.Message,
        };
    }

    /// <summary>The mode of a run record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The mode.</returns>
    public static EntraSyncRunMode ModeOf(GroupSyncRunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status == GroupSyncRunStatus.DryRun ? EntraSyncRunMode.DryRun
            : record.Forced ? EntraSyncRunMode.Force
            : EntraSyncRunMode.Apply;
    }
}
