using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Connector.Tests.Infrastructure;

/// <summary>
/// A local stand-in for the Entra ID token service, over real HTTP on a loopback port: the multi-tenant OpenID Connect
/// metadata document (<c>organizations/v2.0/.well-known/openid-configuration</c>) and its JWKS, which the server reads
/// exactly as it reads Microsoft's; and access tokens shaped like the ones Power Platform obtains for a connection
/// (<c>aud</c> = the connector's resource URI, <c>tid</c>, <c>oid</c>, app <c>roles</c>, issuer <c>{instance}{tid}/v2.0</c>).
/// </summary>
public sealed class LocalEntraIssuer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new();

    private LocalEntraIssuer(WebApplication app, RsaSecurityKey key, Uri instance)
    {
        this.app = app;
        this.key = key;
        Instance = instance;
    }

    /// <summary>The authority root, like <c>https://login.microsoftonline.com/</c>.</summary>
    public Uri Instance { get; }

    /// <summary>How many times the server fetched the metadata document (it must, to validate a token).</summary>
    public int MetadataRequests { get; private set; }

    public static async Task<LocalEntraIssuer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "local-entra-" + Guid.NewGuid().ToString("N")[..8] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalEntraIssuer? issuer = null;
        app.MapGet("/organizations/v2.0/.well-known/openid-configuration", (HttpContext context) =>
        {
            issuer!.MetadataRequests++;
            var root = issuer.Instance.ToString();
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = root + "{tenantid}/v2.0",
                ["authorization_endpoint"] = root + "organizations/oauth2/v2.0/authorize",
                ["token_endpoint"] = root + "organizations/oauth2/v2.0/token",
                ["jwks_uri"] = root + "organizations/discovery/v2.0/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
                ["subject_types_supported"] = new[] { "pairwise" },
            });
        });
        app.MapGet("/organizations/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(issuer!.key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new LocalEntraIssuer(app, key, new Uri(address.TrimEnd('/') + "/"));
        return issuer;
    }

    /// <summary>An access token as Power Platform would send it for a connection of <paramref name="entraTenantId"/>.</summary>
    public string CreateToken(string entraTenantId, string audience, IEnumerable<string> roles, TimeSpan? lifetime = null, SecurityKey? signingKey = null)
    {
        var now = DateTime.UtcNow;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Instance + entraTenantId + "/v2.0",
            Audience = audience,
            Claims = new Dictionary<string, object>
            {
                ["tid"] = entraTenantId,
                ["oid"] = Guid.NewGuid().ToString(),
                ["roles"] = roles.ToArray(),
                ["ver"] = "2.0",
            },
            IssuedAt = now.AddMinutes(-5),
            NotBefore = now.AddMinutes(-5),
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(signingKey ?? key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
