namespace AiLiteracy.Ports;

/// <summary>Asks for one page of a keyset-paged list.</summary>
/// <param name="PageSize">Maximum number of items to return (1 to <see cref="MaxPageSize"/>).</param>
/// <param name="ContinuationToken">The token returned with the previous page, or <see langword="null"/> for the first page.</param>
public sealed record PageRequest(int PageSize = PageRequest.DefaultPageSize, string? ContinuationToken = null)
{
    /// <summary>The default page size (100).</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page size accepted (1000).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The first page with the default size.</summary>
    public static PageRequest First { get; } = new();

    /// <summary>Throws when <see cref="PageSize"/> is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page size is below 1 or above <see cref="MaxPageSize"/>.</exception>
    public void Validate()
    {
        if (PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"The page size must be between 1 and {MaxPageSize}.");
        }
    }
}

/// <summary>One page of a keyset-paged list; pages are stable: rows added or removed elsewhere never shift them.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, in the list's order.</param>
/// <param name="ContinuationToken">An opaque token for the next page, or <see langword="null"/> when this is the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => ContinuationToken is not null;
}

/// <summary>What an upsert did.</summary>
public enum UpsertOutcome
{
    /// <summary>A new row was created.</summary>
    Created,
    /// <summary>An existing row was changed.</summary>
    Updated,
    /// <summary>The stored row already held the same values; nothing was written.</summary>
    Unchanged,
}
