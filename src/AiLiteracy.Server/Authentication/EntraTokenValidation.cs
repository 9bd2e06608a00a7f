using System.Collections.Concurrent;
using System.Security.Claims;
using AiLiteracy.Ports;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Server.Authentication;

/// <summary>
/// Configures the Entra ID bearer scheme: signing keys from the (multi-tenant) metadata document, audience, lifetime and
/// issuer validation (the issuer must be the one of the token's own <c>tid</c>), then maps <c>tid</c> to an organisation
/// through <see cref="ITenantDirectory"/>; a token of an unregistered Entra tenant is refused.
/// </summary>
internal sealed class EntraJwtBearerSetup : IConfigureNamedOptions<JwtBearerOptions>
{
    private readonly IOptions<AiLiteracyServerOptions> serverOptions;
    private readonly IHostEnvironment environment;

    public EntraJwtBearerSetup(IOptions<AiLiteracyServerOptions> serverOptions, IHostEnvironment environment)
    {
        this.serverOptions = serverOptions;
        this.environment = environment;
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (!string.Equals(name, AiLiteracyClaims.BearerScheme, StringComparison.Ordinal))
        {
            return;
        }

        var entra = serverOptions.Value.Entra;
        options.MapInboundClaims = false;
        options.MetadataAddress = entra.EffectiveMetadataAddress();
        options.RequireHttpsMetadata = !environment.IsDevelopment() || options.MetadataAddress.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudiences = entra.Audiences,
            ValidateIssuer = true,
            IssuerValidator = new EntraIssuerValidator(entra.EffectiveIssuerTemplates()).Validate,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = entra.ClockSkew,
            ValidateIssuerSigningKey = true,
            NameClaimType = "oid",
            RoleClaimType = AiLiteracyClaims.Role,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = MapTenantAsync,
            OnAuthenticationFailed = context =>
            {
                ServerTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("scheme", AiLiteracyClaims.BearerScheme));
                return Task.CompletedTask;
            },
        };
    }

    private static async Task MapTenantAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var mapping = await EntraTenantMapping.ResolveAsync(principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (mapping.EntraTenantId is null)
        {
            context.Fail("The token has no tid claim.");
            return;
        }

        if (mapping.TenantId is null)
        {
            context.Fail("The token's Entra tenant is not registered with any organisation.");
            return;
        }

        var actor = principal.FindFirst("oid")?.Value ?? principal.FindFirst("azp")?.Value ?? principal.FindFirst("appid")?.Value ?? "unknown";
        var identity = new ClaimsIdentity(
            [new Claim(AiLiteracyClaims.Tenant, mapping.TenantId), new Claim(AiLiteracyClaims.Actor, "user:" + actor)],
            AiLiteracyClaims.BearerScheme, AiLiteracyClaims.Actor, AiLiteracyClaims.Role);
        principal.AddIdentity(identity);
    }
}

/// <summary>
/// The organisation an Entra ID principal acts for: its <c>tid</c> claim mapped through <see cref="ITenantDirectory"/>
/// (cached by <see cref="EntraTenantCache"/>). Shared by the bearer scheme and the dashboard's Entra ID sign-in.
/// </summary>
/// <param name="EntraTenantId">The <c>tid</c> claim, or <see langword="null"/> when the principal has none.</param>
/// <param name="TenantId">The organisation mapped to it, or <see langword="null"/> when none is registered.</param>
internal readonly record struct EntraTenantMapping(string? EntraTenantId, string? TenantId)
{
    /// <summary>Maps the <c>tid</c> claim of <paramref name="principal"/> to an organisation.</summary>
    public static async Task<EntraTenantMapping> ResolveAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tid = principal.FindFirst("tid")?.Value;
        if (string.IsNullOrEmpty(tid))
        {
            return new EntraTenantMapping(null, null);
        }

        return new EntraTenantMapping(tid, await FindTenantAsync(tid, services, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The organisation mapped to an Entra tenant id, or <see langword="null"/>.</summary>
    public static Task<string?> FindTenantAsync(string entraTenantId, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<EntraTenantCache>().FindTenantAsync(entraTenantId, services.GetRequiredService<ITenantDirectory>(), cancellationToken);
}

/// <summary>Accepts an issuer only when it is one of the templates with <c>{tenantid}</c> replaced by the token's own <c>tid</c>.</summary>
internal sealed class EntraIssuerValidator
{
    private readonly IReadOnlyList<string> templates;

    public EntraIssuerValidator(IReadOnlyList<string> templates) => this.templates = templates;

    public string Validate(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        var tid = token switch
        {
            JsonWebToken jwt when jwt.TryGetPayloadValue<string>("tid", out var value) => value,
            _ => null,
        };
        if (string.IsNullOrEmpty(tid))
        {
            throw new SecurityTokenInvalidIssuerException("The token has no tid claim.") { InvalidIssuer = issuer };
        }

        foreach (var template in templates)
        {
            var expected = template.Replace("{tenantid}", tid, StringComparison.OrdinalIgnoreCase);
            if (string.Equals(expected, issuer, StringComparison.Ordinal))
            {
                return issuer;
            }
        }

        throw new SecurityTokenInvalidIssuerException("The issuer does not match the token's tenant.") { InvalidIssuer = issuer };
    }
}

/// <summary>Caches the mapping of Entra tenant ids to organisations for a minute (positive and negative answers).</summary>
public sealed class EntraTenantCache
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string? TenantId, DateTimeOffset ExpiresAt)> entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the cache.</summary>
    /// <param name="timeProvider">The clock.</param>
    public EntraTenantCache(TimeProvider timeProvider) => this.timeProvider = timeProvider;

    /// <summary>Finds the organisation mapped to an Entra tenant id.</summary>
    /// <param name="entraTenantId">The <c>tid</c> claim.</param>
    /// <param name="directory">The tenant directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The organisation id, or <see langword="null"/>.</returns>
    public async Task<string?> FindTenantAsync(string entraTenantId, ITenantDirectory directory, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (entries.TryGetValue(entraTenantId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.TenantId;
        }

        var tenant = await directory.FindByEntraTenantIdAsync(entraTenantId, cancellationToken).ConfigureAwait(false);
        entries[entraTenantId] = (tenant?.Id, now + Duration);
        return tenant?.Id;
    }

    /// <summary>Forgets every cached mapping (after a tenant's Entra mapping changed).</summary>
    public void Clear() => entries.Clear();
}
