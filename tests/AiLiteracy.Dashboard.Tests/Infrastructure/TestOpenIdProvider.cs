using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Dashboard.Tests.Infrastructure;

/// <summary>
/// A work account of the test provider: the claims its ID token carries. <paramref name="IssuerTenantId"/> makes the
/// token's issuer another tenant's than its <c>tid</c> (a token the server must refuse).
/// </summary>
public sealed record TestUser(string TenantId, string ObjectId, IReadOnlyList<string> Roles, string Name, string Email, string? IssuerTenantId = null);

/// <summary>
/// A small OpenID Connect provider shaped like Entra ID's multi-tenant endpoints, on Kestrel on a free port of its own
/// loopback address (127.0.0.2: another site than the server's 127.0.0.1, so the browser treats the round trip as
/// cross-site, as with login.microsoftonline.com). It publishes the <c>organizations</c> discovery document and a JWKS
/// with an RSA test key; <c>/authorize</c> signs in <see cref="User"/> at once and redirects back with a one-time code;
/// <c>/token</c> checks the code, its redirect URI, the PKCE verifier (S256), the client id and secret, then returns an
/// ID token signed with the key, issued by the user's own tenant (<c>{instance}{tid}/v2.0</c>) with tid, oid, roles,
/// nonce, name and e-mail.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "7c1d2f60-4b8e-4d51-9a37-2f0e6b8c5a11";
    public const string ClientSecret = "test-client-secret-0f3b9a";

    private readonly WebApplication app;
    private readonly RSA rsa;
    private readonly RsaSecurityKey key;
    private readonly ConcurrentDictionary<string, PendingCode> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> refusals = new();
    private int tokensIssued;

    private TestOpenIdProvider(WebApplication app, RSA rsa, RsaSecurityKey key)
    {
        this.app = app;
        this.rsa = rsa;
        this.key = key;
    }

    /// <summary>The authority host, to configure as the dashboard's <c>Entra:Instance</c>.</summary>
    public Uri Instance { get; private set; } = null!;

    /// <summary>The only redirect URI accepted (the server's callback), set once the server listens.</summary>
    public string? RegisteredRedirectUri { get; set; }

    /// <summary>The user signed in by the next <c>/authorize</c> request.</summary>
    public TestUser User { get; set; } = new("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000", [], "-", "-");

    /// <summary>ID tokens issued so far.</summary>
    public int TokensIssued => Volatile.Read(ref tokensIssued);

    /// <summary>Why requests were refused (empty when every request was well-formed).</summary>
    public IReadOnlyCollection<string> Refusals => refusals;

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Parse("127.0.0.2"), 0));
        var app = builder.Build();
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "test-key-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() };
        var provider = new TestOpenIdProvider(app, rsa, key);
        provider.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Instance = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    private string Base => Instance.ToString().TrimEnd('/');

    private void Map()
    {
        app.MapGet("/organizations/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Base + "/{tenantid}/v2.0",
            ["authorization_endpoint"] = Base + "/organizations/oauth2/v2.0/authorize",
            ["token_endpoint"] = Base + "/organizations/oauth2/v2.0/token",
            ["jwks_uri"] = Base + "/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "nonce", "oid", "tid", "roles", "name", "preferred_username", "email" },
        }));

        app.MapGet("/discovery/v2.0/keys", () =>
        {
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });

        app.MapGet("/organizations/oauth2/v2.0/authorize", (HttpContext http) =>
        {
            var q = http.Request.Query;
            var problem =
                q["client_id"] != ClientId ? "unknown client_id" :
                q["response_type"] != "code" ? "response_type must be code" :
                q["redirect_uri"] != RegisteredRedirectUri ? "redirect_uri not registered: " + q["redirect_uri"] :
                !q["scope"].ToString().Split(' ').Contains("openid") ? "scope must contain openid" :
                q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) ? "PKCE (S256) required" :
                string.IsNullOrEmpty(q["nonce"]) || string.IsNullOrEmpty(q["state"]) ? "nonce and state required" :
                q.ContainsKey("response_mode") && q["response_mode"] != "query" ? "response_mode must be query (the default of the code flow)" :
                null;
            if (problem is not null)
            {
                refusals.Enqueue("authorize: " + problem);
                return Results.BadRequest(problem);
            }

            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            codes[code] = new PendingCode(User, q["nonce"]!, q["code_challenge"]!, q["redirect_uri"]!, DateTimeOffset.UtcNow.AddMinutes(2));
            return Results.Redirect(q["redirect_uri"] + "?code=" + Uri.EscapeDataString(code) + "&state=" + Uri.EscapeDataString(q["state"]!) + "&session_state=" + Guid.NewGuid());
        });

        app.MapPost("/organizations/oauth2/v2.0/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            PendingCode? pending = null;
            var problem =
                form["grant_type"] != "authorization_code" ? "grant_type must be authorization_code" :
                form["client_id"] != ClientId ? "unknown client_id" :
                form["client_secret"] != ClientSecret ? "wrong client secret" :
                !codes.TryRemove(form["code"].ToString(), out pending) || pending.ExpiresAt < DateTimeOffset.UtcNow ? "unknown, used or expired code" :
                form["redirect_uri"] != pending.RedirectUri ? "redirect_uri differs from the authorization request's" :
                string.IsNullOrEmpty(form["code_verifier"]) || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"]!))) != pending.CodeChallenge
                    ? "PKCE verification failed" :
                null;
            if (problem is not null)
            {
                refusals.Enqueue("token: " + problem);
                return Results.Json(new { error = "invalid_grant", error_description = problem }, statusCode: StatusCodes.Status400BadRequest);
            }

            Interlocked.Increment(ref tokensIssued);
            return Results.Json(new
            {
                token_type = "Bearer",
                scope = "openid profile",
                expires_in = 3600,
                access_token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)),
                id_token = IdToken(pending!),
            });
        });
    }

    private string IdToken(PendingCode pending)
    {
        var user = pending.User;
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "pairwise-" + user.ObjectId,
            ["oid"] = user.ObjectId,
            ["tid"] = user.TenantId,
            ["nonce"] = pending.Nonce,
            ["name"] = user.Name,
            ["preferred_username"] = user.Email,
            ["email"] = user.Email,
            ["ver"] = "2.0",
        };
        if (user.Roles.Count > 0)
        {
            claims["roles"] = user.Roles.ToArray();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Base + "/" + (user.IssuerTenantId ?? user.TenantId) + "/v2.0",
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        rsa.Dispose();
    }

    private sealed record PendingCode(TestUser User, string Nonce, string CodeChallenge, string RedirectUri, DateTimeOffset ExpiresAt);
}
