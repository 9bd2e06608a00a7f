namespace AiLiteracy.Ports;

/// <summary>An API key as stored: never its secret, only a hash of it.</summary>
public sealed record ApiKeyInfo
{
    /// <summary>The public key id, also embedded in the key itself.</summary>
    public required string KeyId { get; init; }

    /// <summary>The tenant the key acts for.</summary>
    public required string TenantId { get; init; }

    /// <summary>A name saying what the key is for, e.g. « Flux Power Automate RH ».</summary>
    public required string Name { get; init; }

    /// <summary>The app roles the key grants.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>When the key was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the key is revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A newly created API key with its plaintext value, returned once and never stored.</summary>
/// <param name="Key">The stored key.</param>
/// <param name="PlaintextKey">The full key to hand to the caller.</param>
public sealed record CreatedApiKey(ApiKeyInfo Key, string PlaintextKey)
{
    /// <summary>Returns a description without the plaintext key.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"CreatedApiKey {{ Key = {Key}, PlaintextKey = *** }}";
}

/// <summary>Per-tenant API keys, stored as SHA-256 hashes of their secret.</summary>
public interface IApiKeyStore
{
    /// <summary>Creates a key for the current tenant.</summary>
    /// <param name="name">What the key is for.</param>
    /// <param name="roles">The app roles it grants.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The key and its plaintext value (shown once).</returns>
    Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default);

    /// <summary>Lists the current tenant's keys, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The keys.</returns>
    Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a key of the current tenant.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the key existed and was active.</returns>
    Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a presented key (any tenant: this is how the tenant of an API call is found) by hashing its secret and
    /// comparing in constant time.
    /// </summary>
    /// <param name="plaintextKey">The key as presented.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The key, or <see langword="null"/> when it is malformed, unknown, revoked or its secret does not match.</returns>
    Task<ApiKeyInfo?> VerifyAsync(string plaintextKey, CancellationToken cancellationToken = default);
}
