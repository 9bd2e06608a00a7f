namespace AiLiteracy.Client.Models;

/// <summary>An API key to create (<c>POST /api-keys</c>).</summary>
public sealed record ApiKeyInput
{
    /// <summary>What the key is for, e.g. « Flux Power Automate RH » (at most 200 characters).</summary>
    public required string Name { get; init; }

    /// <summary>The roles it grants: <c>AiLiteracy.Read</c>, <c>AiLiteracy.Write</c>, <c>AiLiteracy.Admin</c>.</summary>
    public required IReadOnlyList<string> Roles { get; init; }
}

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyView
{
    /// <summary>The key id (also the start of the key itself).</summary>
    public required string KeyId { get; init; }

    /// <summary>What the key is for.</summary>
    public required string Name { get; init; }

    /// <summary>The roles it grants.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was revoked; <see langword="null"/> while active.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the key is still accepted.</summary>
    public bool IsActive { get; init; }
}

/// <summary>A created API key, with its secret value returned this once.</summary>
public sealed record CreatedApiKey
{
    /// <summary>The key as listed.</summary>
    public required ApiKeyView ApiKey { get; init; }

    /// <summary>The full key to send in the <c>X-Api-Key</c> header; keep it in a secret vault, it cannot be read again.</summary>
    public required string Key { get; init; }

    /// <summary>Returns a description without the secret.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"CreatedApiKey {{ ApiKey = {ApiKey}, Key = *** }}";
}

/// <summary>The authority's API keys.</summary>
public sealed record ApiKeyList
{
    /// <summary>The keys, oldest first.</summary>
    public IReadOnlyList<ApiKeyView> Items { get; init; } = [];
}
