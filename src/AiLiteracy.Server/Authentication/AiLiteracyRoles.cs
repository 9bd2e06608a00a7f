namespace AiLiteracy.Server.Authentication;

/// <summary>The app roles of the API (Entra ID app roles, and the roles an API key grants).</summary>
public static class AiLiteracyRoles
{
    /// <summary>Read agents, status, definitions and reports.</summary>
    public const string Read = "AiLiteracy.Read";

    /// <summary>Record completions and acknowledgements, upsert agents, import, subscribe to webhooks.</summary>
    public const string Write = "AiLiteracy.Write";

    /// <summary>Change definitions, erase personal data, apply retention, manage API keys.</summary>
    public const string Admin = "AiLiteracy.Admin";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];

    /// <summary>Whether <paramref name="role"/> is a known role (ordinal comparison).</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>The authorization policies of the API.</summary>
public static class AiLiteracyPolicies
{
    /// <summary>Any of the three roles, and a tenant.</summary>
    public const string Read = "AiLiteracy.Read";

    /// <summary><see cref="AiLiteracyRoles.Write"/> or <see cref="AiLiteracyRoles.Admin"/>, and a tenant.</summary>
    public const string Write = "AiLiteracy.Write";

    /// <summary><see cref="AiLiteracyRoles.Admin"/>, and a tenant.</summary>
    public const string Admin = "AiLiteracy.Admin";
}

/// <summary>Claim types and authentication scheme names of the server.</summary>
public static class AiLiteracyClaims
{
    /// <summary>The tenant (organisation id) the caller acts for.</summary>
    public const string Tenant = "ailiteracy/tenant";

    /// <summary>Who acts, for the audit log: <c>apikey:&lt;key id&gt;</c> or <c>user:&lt;object id&gt;</c>; never a name.</summary>
    public const string Actor = "ailiteracy/actor";

    /// <summary>The role claim type used by both schemes.</summary>
    public const string Role = "roles";

    /// <summary>The default scheme: forwards to <see cref="ApiKeyScheme"/> when an <c>X-Api-Key</c> header is present, otherwise to <see cref="BearerScheme"/>.</summary>
    public const string DefaultScheme = "AiLiteracy";

    /// <summary>The Entra ID bearer token scheme.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The API key scheme.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The API key header.</summary>
    public const string ApiKeyHeader = "X-Api-Key";
}
