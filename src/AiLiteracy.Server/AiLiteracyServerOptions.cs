using System.ComponentModel.DataAnnotations;

namespace AiLiteracy.Server;

/// <summary>Options of the AI Literacy server (configuration section <c>AiLiteracy:Server</c>), validated at start-up.</summary>
public sealed class AiLiteracyServerOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "AiLiteracy:Server";

    /// <summary>Entra ID bearer token validation. Disabled while <see cref="EntraOptions.Audiences"/> is empty.</summary>
    [Required]
    public EntraOptions Entra { get; set; } = new();

    /// <summary>Per-tenant API keys (header <c>X-Api-Key</c>).</summary>
    [Required]
    public ApiKeyOptions ApiKeys { get; set; } = new();

    /// <summary>
    /// The operator credential of the hosting vendor's back office (header <c>X-Operator-Key</c>), separate from every
    /// tenant credential: it provisions authorities under <c>/api/v1/operator</c>. Off while
    /// <see cref="OperatorOptions.KeyHashes"/> is empty.
    /// </summary>
    [Required]
    public OperatorOptions Operator { get; set; } = new();

    /// <summary>Per-tenant rate limiting.</summary>
    [Required]
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Largest accepted request body in bytes, except for file imports. Default: 1 MiB.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest accepted HR CSV import in bytes. Default: 32 MiB.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxImportBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The retention policy of personal data (GDPR storage limitation): erasure of agents who left long ago.</summary>
    [Required]
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Seeding of a fresh database on start-up (reference definitions and the demo authority).</summary>
    [Required]
    public SeedOptions Seed { get; set; } = new();

    /// <summary>Webhook delivery.</summary>
    [Required]
    public WebhookOptions Webhooks { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Entra, new ValidationContext(Entra), results, validateAllProperties: true);
        Validator.TryValidateObject(ApiKeys, new ValidationContext(ApiKeys), results, validateAllProperties: true);
        Validator.TryValidateObject(RateLimit, new ValidationContext(RateLimit), results, validateAllProperties: true);
        Validator.TryValidateObject(Seed, new ValidationContext(Seed), results, validateAllProperties: true);
        Validator.TryValidateObject(Webhooks, new ValidationContext(Webhooks), results, validateAllProperties: true);
        Validator.TryValidateObject(Retention, new ValidationContext(Retention), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return result;
        }

        if (Entra.Audiences.Count > 0 && !Uri.TryCreate(Entra.Instance, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Entra:Instance must be an absolute URL.", [nameof(Entra)]);
        }

        for (var i = 0; i < Operator.KeyHashes.Count; i++)
        {
            if (!OperatorOptions.IsKeyHash(Operator.KeyHashes[i]))
            {
                yield return new ValidationResult(
                    $"Operator:KeyHashes:{i} must be the SHA-256 hash of an operator key: 64 hexadecimal characters (ailiteracy operator-key create prints it), never the key itself.",
                    [nameof(Operator)]);
            }
        }

        if (!Entra.Enabled && !ApiKeys.Enabled)
        {
            yield return new ValidationResult("At least one authentication scheme (Entra or ApiKeys) must be enabled.", [nameof(Entra), nameof(ApiKeys)]);
        }
    }
}

/// <summary>Entra ID (Azure AD) bearer token validation.</summary>
public sealed class EntraOptions
{
    /// <summary>The authority host. Default: <c>https://login.microsoftonline.com/</c> (change for sovereign clouds).</summary>
    [Required]
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Accepted audiences (the API's application id URI and client id, e.g. <c>api://…</c>). Empty disables bearer tokens.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>
    /// The OpenID Connect metadata document used to find the signing keys. Default: <c>{Instance}organizations/v2.0/.well-known/openid-configuration</c>
    /// (multi-tenant: every tenant signs with the same keys).
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// Issuer templates accepted, <c>{tenantid}</c> standing for the token's <c>tid</c> claim. Default: the v2.0 and v1.0
    /// issuers of <see cref="Instance"/>.
    /// </summary>
    public List<string> IssuerTemplates { get; set; } = [];

    /// <summary>Clock skew tolerated on token lifetimes. Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether bearer tokens are accepted (an audience is configured).</summary>
    public bool Enabled => Audiences.Count > 0;

    /// <summary>The issuer templates in force.</summary>
    /// <returns>The templates.</returns>
    public IReadOnlyList<string> EffectiveIssuerTemplates()
    {
        if (IssuerTemplates.Count > 0)
        {
            return IssuerTemplates;
        }

        var instance = Instance.TrimEnd('/') + "/";
        return [instance + "{tenantid}/v2.0", "https://sts.windows.net/{tenantid}/"];
    }

    /// <summary>The metadata address in force.</summary>
    /// <returns>The address.</returns>
    public string EffectiveMetadataAddress() =>
        MetadataAddress ?? Instance.TrimEnd('/') + "/organizations/v2.0/.well-known/openid-configuration";
}

/// <summary>Per-tenant API keys.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Whether API keys are accepted. Default: <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a verified key is trusted before it is checked again against the store. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The operator credential: SHA-256 hashes of the operator keys the hosting vendor's back office sends in the
/// <c>X-Operator-Key</c> header. The keys themselves are never in configuration.
/// </summary>
public sealed class OperatorOptions
{
    /// <summary>
    /// SHA-256 hashes (64 hexadecimal characters) of the accepted operator keys, as printed by
    /// <c>ailiteracy operator-key create</c>; several allow a rotation. Empty (the default) turns the operator API off:
    /// its endpoints then answer 404.
    /// </summary>
    public List<string> KeyHashes { get; set; } = [];

    /// <summary>Whether the operator API is on (at least one key hash is configured).</summary>
    public bool Enabled => KeyHashes.Count > 0;

    /// <summary>Whether <paramref name="value"/> is a SHA-256 hash in hexadecimal (64 characters, either case).</summary>
    /// <param name="value">The configured value.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsKeyHash(string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}

/// <summary>Per-tenant rate limiting (token bucket).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether rate limiting is on. Default: <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Burst size: requests a tenant may make at once. Default: 400.</summary>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 400;

    /// <summary>Sustained requests per second per tenant. Default: 200.</summary>
    [Range(1, 1_000_000)]
    public int TokensPerSecond { get; set; } = 200;

    /// <summary>Requests per minute per client address before authentication succeeds (failed or missing credentials). Default: 120.</summary>
    [Range(1, 1_000_000)]
    public int AnonymousPerMinute { get; set; } = 120;
}

/// <summary>Seeding of a fresh database.</summary>
public sealed class SeedOptions
{
    /// <summary>Whether the demo authority (with reference definitions) is created when the database has no tenant. Default: <see langword="false"/> (on in Development).</summary>
    public bool DemoAuthority { get; set; }

    /// <summary>
    /// Staff members of the generated demo authority (elected officials come on top). Default: 1,200, the reference
    /// demo; the load tests seed 100,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int DemoStaffCount { get; set; } = 1200;

    /// <summary>Tenant id of the demo authority. Default: <c>val-de-brume</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string DemoTenantId { get; set; } = "val-de-brume";

    /// <summary>Where the generated development API key is kept (Development only). Default: <c>data/development-api-key.txt</c>.</summary>
    [Required]
    public string DevelopmentKeyFile { get; set; } = "data/development-api-key.txt";
}

/// <summary>Webhook delivery (transactional outbox).</summary>
public sealed class WebhookOptions
{
    /// <summary>Whether this instance runs the delivery worker. Default: <see langword="true"/>.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due events when idle. Default: 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events claimed per batch. Default: 20.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim lasts; must exceed the delivery timeout. Default: 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one delivery. Default: 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether notification URLs may be plain HTTP on a loopback address or resolve to private or link-local addresses.
    /// Default: <see langword="false"/>; always allowed in the Development environment.
    /// </summary>
    public bool AllowPrivateNetworkTargets { get; set; }
}

/// <summary>
/// The retention policy of personal data: the personal data of agents who left more than
/// <see cref="YearsAfterLeaving"/> years ago are erased (pseudonymised) by a background job, at most once per
/// <see cref="Interval"/> and tenant, claimed in the database so that several instances never run it twice.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Whether the background job runs. Default: <see langword="false"/>: erasing records is the authority's decision
    /// (its record of processing sets the period); <c>POST /api/v1/personal-data/retention</c> applies the policy on demand.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Years an agent's personal data are kept after they left. Default: 5.</summary>
    [Range(1, 50)]
    public int YearsAfterLeaving { get; set; } = 5;

    /// <summary>Least time between two runs for a tenant. Default: 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often an instance looks for tenants whose run is due. Default: 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a claim on a tenant's retention run lasts without being renewed: a running job renews it every third of
    /// it, so it only bounds how long the run of a crashed instance blocks the others. Default: 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromHours(1);
}
