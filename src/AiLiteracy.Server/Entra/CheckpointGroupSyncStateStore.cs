using System.Text.Json;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Ports;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// Keeps the group sync state of the current tenant (delta links, membership snapshots, the last run record) in the
/// database as the checkpoint <c>entra.group-sync.state</c>, so that every server instance sees it and a restart keeps it.
/// </summary>
/// <param name="checkpoints">The checkpoints of the current tenant.</param>
public sealed class CheckpointGroupSyncStateStore(ICheckpointStore checkpoints) : IGroupSyncStateStore
{
    /// <summary>The checkpoint name.</summary>
    public const string CheckpointName = "entra.group-sync.state";

    /// <inheritdoc />
    public async Task<GroupSyncState> LoadAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = await checkpoints.GetAsync(CheckpointName, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null)
        {
            return new GroupSyncState();
        }

        try
        {
            var state = JsonSerializer.Deserialize<GroupSyncState>(checkpoint.State, AiLiteracyJson.Options);
            return state is null ? new GroupSyncState() : state with { Groups = new(state.Groups, StringComparer.OrdinalIgnoreCase) };
        }
        catch (JsonException)
        {
            // A damaged state only costs a full read of the memberships.
            return new GroupSyncState();
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(GroupSyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await checkpoints.SetAsync(CheckpointName, JsonSerializer.Serialize(state, AiLiteracyJson.Compact), cancellationToken).ConfigureAwait(false);
    }
}
