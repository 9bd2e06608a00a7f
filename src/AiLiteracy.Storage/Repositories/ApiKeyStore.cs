using System.Security.Cryptography;
using System.Text;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// EF Core implementation of <see cref="IApiKeyStore"/>. A key reads <c>ail_&lt;key id&gt;_&lt;secret&gt;</c>: the key id
/// (16 hexadecimal characters) finds the row, the SHA-256 of the secret is compared in constant time with the stored hash.
/// </summary>
internal sealed class ApiKeyStore(AiLiteracyDbContext db, TimeProvider time, ILogger<ApiKeyStore> logger) : IApiKeyStore
{
    internal const string Prefix = "ail_";
    private const int KeyIdLength = 16;
    private static readonly byte[] DummyHash = SHA256.HashData("not-a-key"u8);

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        Internal.Required(name, nameof(name));
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            if (string.IsNullOrWhiteSpace(role) || role.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException("Role names must be non-empty and contain no white space.", nameof(roles));
            }
        }

        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Internal.RandomToken(32);
        var entity = new ApiKeyEntity
        {
            KeyId = keyId,
            Name = name.Trim(),
            SecretHash = Hash(secret),
            Roles = string.Join(' ', roles.Distinct(StringComparer.Ordinal)),
            CreatedAt = Internal.Now(time),
        };
        db.ApiKeys.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }

        StorageLog.ApiKeyCreated(logger, keyId, entity.TenantId);
        return new CreatedApiKey(entity.ToInfo(), $"{Prefix}{keyId}_{secret}");
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToInfo()).ToList();
    }

    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        Internal.Required(keyId, nameof(keyId));
        var entity = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return false;
        }

        try
        {
            if (entity.RevokedAt is not null)
            {
                return false;
            }

            entity.RevokedAt = Internal.Now(time);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }

        StorageLog.ApiKeyRevoked(logger, keyId, entity.TenantId);
        return true;
    }

    public async Task<ApiKeyInfo?> VerifyAsync(string plaintextKey, CancellationToken cancellationToken = default)
    {
        if (!TryParse(plaintextKey, out var keyId, out var secret))
        {
            return null;
        }

        // System-level lookup: the key itself tells which tenant the call is for.
        var entity = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken).ConfigureAwait(false);
        var presented = Hash(secret);
        var matches = CryptographicOperations.FixedTimeEquals(presented, entity?.SecretHash ?? DummyHash);
        if (entity is null || !matches || entity.RevokedAt is not null)
        {
            return null;
        }

        return entity.ToInfo();
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool TryParse(string? key, out string keyId, out string secret)
    {
        keyId = "";
        secret = "";
        if (key is null || key.Length < Prefix.Length + KeyIdLength + 2 || !key.StartsWith(Prefix, StringComparison.Ordinal)
            || key[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        keyId = key.Substring(Prefix.Length, KeyIdLength);
        secret = key[(Prefix.Length + KeyIdLength + 1)..];
        return keyId.All(char.IsAsciiHexDigitLower) && secret.Length > 0;
    }
}
