using System.Text.Json;

namespace AiLiteracy.Entra.Sync;

/// <summary>What the sync keeps between runs: per group, the delta link and the membership it describes; the last run record.</summary>
public sealed record GroupSyncState
{
    /// <summary>Delta state by group id.</summary>
    public Dictionary<string, GroupDeltaState> Groups { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The last run.</summary>
    public GroupSyncRunRecord? LastRun { get; init; }
}

/// <summary>The delta link of one group and the user members known at that link.</summary>
public sealed record GroupDeltaState
{
    /// <summary>The <c>@odata.deltaLink</c> to call next.</summary>
    public required string DeltaLink { get; init; }

    /// <summary>The user members (object ids).</summary>
    public required IReadOnlyList<string> Members { get; init; }
}

/// <summary>Stores the <see cref="GroupSyncState"/>.</summary>
public interface IGroupSyncStateStore
{
    /// <summary>Loads the state; an empty state when none was saved.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The state.</returns>
    Task<GroupSyncState> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the state, replacing the previous one atomically.</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    Task SaveAsync(GroupSyncState state, CancellationToken cancellationToken = default);
}

/// <summary>Keeps the state in memory (lost when the process ends: the next delta read is a full one).</summary>
public sealed class InMemoryGroupSyncStateStore : IGroupSyncStateStore
{
    private GroupSyncState state = new();

    /// <inheritdoc />
    public Task<GroupSyncState> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref state));

    /// <inheritdoc />
    public Task SaveAsync(GroupSyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        Volatile.Write(ref this.state, state);
        return Task.CompletedTask;
    }
}

/// <summary>Keeps the state in a JSON file, written to a temporary file then moved over the old one.</summary>
/// <param name="path">The file path.</param>
public sealed class FileGroupSyncStateStore(string path) : IGroupSyncStateStore
{
    /// <summary>The file path.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc />
    public async Task<GroupSyncState> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return new GroupSyncState();
        }

        await using var stream = File.OpenRead(Path);
        try
        {
            var state = await JsonSerializer.DeserializeAsync<GroupSyncState>(stream, AiLiteracyJson.Options, cancellationToken).ConfigureAwait(false);
            return state is null ? new GroupSyncState() : state with { Groups = new(state.Groups, StringComparer.OrdinalIgnoreCase) };
        }
        catch (JsonException)
        {
            // A damaged state file only costs a full read of the memberships.
            return new GroupSyncState();
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(GroupSyncState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, state, AiLiteracyJson.Options, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
