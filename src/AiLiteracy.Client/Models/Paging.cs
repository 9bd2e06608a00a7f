namespace AiLiteracy.Client.Models;

/// <summary>One page of a list: the items and the link to the next page (absent on the last page).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record PagedResponse<T>
{
    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; init; } = [];

    /// <summary>Absolute URL of the next page; <see langword="null"/> on the last page.</summary>
    public string? NextLink { get; init; }
}

/// <summary>A list of drop-down items (lookups).</summary>
public sealed record LookupList
{
    /// <summary>The items.</summary>
    public IReadOnlyList<LookupItem> Items { get; init; } = [];
}

/// <summary>A drop-down item: an id and a display name in the requested language.</summary>
public sealed record LookupItem
{
    /// <summary>The stable id (module id, job family id, org unit id…).</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>A longer description, when any.</summary>
    public string? Description { get; init; }

    /// <summary>The group the item belongs to (a module's track, an org unit's parent…), when any.</summary>
    public string? Group { get; init; }
}

/// <summary>An input error reported by the server: the JSON path of the value, a stable code and a message.</summary>
public sealed record InputError
{
    /// <summary>The JSON path of the faulty value, e.g. <c>$[3].date</c>.</summary>
    public required string Path { get; init; }

    /// <summary>A stable error code, e.g. <c>unknown-module</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The message, in French and English.</summary>
    public required LocalizedText Message { get; init; }
}
