using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiLiteracy.Entra.Tests.Fakes;

/// <summary>An app registration on the test tenant: the credentials Entra ID would accept for it.</summary>
public sealed class TestApplication(string clientId)
{
    public string ClientId { get; } = clientId;

    /// <summary>Client secrets (passwordCredentials).</summary>
    public List<string> Secrets { get; } = [];

    /// <summary>Uploaded certificates (keyCredentials): only their public part is kept, as in Entra ID.</summary>
    public List<X509Certificate2> Certificates { get; } = [];

    /// <summary>Subject name + issuer trust (the assertion carries its chain in x5c), as for first-party apps.</summary>
    public List<TrustedSubject> TrustedSubjects { get; } = [];

    /// <summary>Federated identity credentials: the external tokens the app accepts in place of a secret.</summary>
    public List<FederatedIdentityCredential> FederatedCredentials { get; } = [];
}

/// <summary>Trusts any certificate with this subject name issued by <paramref name="Issuer"/>.</summary>
public sealed record TrustedSubject(string SubjectName, X509Certificate2 Issuer);

/// <summary>A federated identity credential (issuer, subject and audience matched case-sensitively, as Entra ID does).</summary>
public sealed record FederatedIdentityCredential(string Issuer, string Subject, string Audience = GraphTestServer.TokenExchangeAudience);

/// <summary>A token request the managed identity endpoints received.</summary>
public sealed record ManagedIdentityRequest(string Source, string? Resource, string? ClientId, string? ApiVersion);

/// <summary>
/// The identity side of the test server: the Entra ID token endpoint (client secret, certificate client assertion,
/// federated client assertion, validated as Entra ID validates them and failing with its AADSTS error shapes) and the
/// managed identity endpoints of Azure hosts (IMDS and App Service). Each token issued is opaque and bound to its
/// principal; Graph accepts it and records who called.
/// </summary>
public sealed partial class GraphTestServer
{
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public const string TokenExchangeAudience = "api://AzureADTokenExchange";
    public const string ImdsPath = "/metadata/identity/oauth2/token";
    public const string AppServicePath = "/msi/token";

    /// <summary>The clock skew Entra ID tolerates on assertion times.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, TestApplication> applications = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, AsymmetricAlgorithm>> externalIssuers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> issuedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> graphCallers = new(StringComparer.Ordinal);
    private readonly HashSet<string> userAssignedIdentities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Token requests received: original authority host (before the test redirect), form fields.</summary>
    public ConcurrentQueue<(string? Host, Dictionary<string, string> Form)> TokenRequests { get; } = new();

    /// <summary>The AADSTS codes of the token requests refused, in order.</summary>
    public ConcurrentQueue<int> TokenErrors { get; } = new();

    /// <summary>The client secret the token endpoint accepts for client ids that are not registered with <see cref="RegisterApplication"/>.</summary>
    public string ClientSecret { get; set; } = "s3cret";

    /// <summary>The identity provider's clock (assertion lifetimes, token expiry).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The client id of the host's system-assigned managed identity; <see langword="null"/>: not enabled.</summary>
    public string? SystemAssignedIdentity { get; set; }

    /// <summary>The secret App Service hands the process in IDENTITY_HEADER.</summary>
    public string IdentityHeader { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The App Service managed identity endpoint (IDENTITY_ENDPOINT).</summary>
    public string AppServiceIdentityEndpoint => BaseUrl + AppServicePath;

    public ConcurrentQueue<ManagedIdentityRequest> ManagedIdentityRequests { get; } = new();

    /// <summary>The principals whose tokens Graph accepted (<c>app:{clientId}</c>, <c>mi:{clientId}</c>, <c>environment</c>).</summary>
    public IReadOnlyCollection<string> GraphCallers => graphCallers.Keys.ToList();

    /// <summary>The Graph resource of this server, as a managed identity requests it.</summary>
    public string GraphResource => BaseUrl;

    public TestApplication RegisterApplication(string clientId) => applications.GetOrAdd(clientId, id => new TestApplication(id));

    /// <summary>Publishes a signing key of an external identity provider (its JWKS), as Entra ID fetches it from the issuer's metadata.</summary>
    public void RegisterExternalIssuer(string issuer, string keyId, AsymmetricAlgorithm publicKey) =>
        externalIssuers.GetOrAdd(issuer, _ => new ConcurrentDictionary<string, AsymmetricAlgorithm>(StringComparer.Ordinal))[keyId] = publicKey;

    public void AddUserAssignedIdentity(string clientId)
    {
        lock (gate)
        {
            userAssignedIdentities.Add(clientId);
        }
    }

    private static bool IsIdentityPath(string path) =>
        path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) || path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal)
        || path == ImdsPath || path == AppServicePath;

    private Task HandleIdentityAsync(HttpContext context, string path) => path switch
    {
        ImdsPath => ImdsAsync(context),
        AppServicePath => AppServiceAsync(context),
        _ => IdentityAsync(context, path),
    };

    /// <summary>Whether a Graph request carries a token this server issued (or the shared test token); records its principal.</summary>
    private bool Authorize(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var token = header["Bearer ".Length..];
        string? principal = token == Token ? "environment" : issuedTokens.TryGetValue(token, out var known) ? known : null;
        if (principal is null)
        {
            return false;
        }

        graphCallers.AddOrUpdate(principal, 1, (_, n) => n + 1);
        return true;
    }

    private async Task IdentityAsync(HttpContext context, string path)
    {
        var tenant = path.Trim('/').Split('/')[0];
        var host = context.Request.Headers["X-Original-Host"].ToString() is { Length: > 0 } original ? original : context.Request.Host.Host;
        var issuer = $"https://{host}/{tenant}/v2.0";
        var tokenEndpoint = $"https://{host}/{tenant}/oauth2/v2.0/token";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await WriteAsync(context, new GraphResult(System.Net.HttpStatusCode.OK, new JsonObject
            {
                ["token_endpoint"] = tokenEndpoint,
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"https://{host}/{tenant}/oauth2/v2.0/authorize",
            }));
            return;
        }

        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue((host, form));
        var outcome = Authenticate(form, tenant, tokenEndpoint);
        if (outcome.Error is { } error)
        {
            TokenErrors.Enqueue(error.Code);
            await WriteAsync(context, AadError(host, error));
            return;
        }

        var expiresIn = 3599;
        await WriteAsync(context, new GraphResult(System.Net.HttpStatusCode.OK, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = expiresIn,
            ["ext_expires_in"] = expiresIn,
            ["access_token"] = outcome.Token,
        }));
    }

    private (string? Token, AadFailure? Error) Authenticate(Dictionary<string, string> form, string tenant, string tokenEndpoint)
    {
        if (form.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return (null, new AadFailure(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type."));
        }

        if (!form.TryGetValue("scope", out var scope) || string.IsNullOrWhiteSpace(scope))
        {
            return (null, new AadFailure(400, "invalid_request", 900144, "The request body must contain the following parameter: 'scope'."));
        }

        var clientId = form.GetValueOrDefault("client_id") ?? string.Empty;
        applications.TryGetValue(clientId, out var app);
        if (form.TryGetValue("client_secret", out var secret))
        {
            var accepted = app is null ? secret == ClientSecret : app.Secrets.Contains(secret, StringComparer.Ordinal);
            return accepted
                ? (app is null ? Token : Issue("app:" + clientId), null)
                : (null, new AadFailure(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'."));
        }

        if (!form.TryGetValue("client_assertion", out var assertion))
        {
            return (null, new AadFailure(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
        }

        if (form.GetValueOrDefault("client_assertion_type") != JwtBearerAssertionType)
        {
            return (null, new AadFailure(400, "invalid_request", 700009, "The client assertion type is not supported: 'client_assertion_type' must be '" + JwtBearerAssertionType + "'."));
        }

        if (app is null)
        {
            return (null, new AadFailure(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."));
        }

        if (!TestJwt.TryParse(assertion, out var jwt))
        {
            return (null, new AadFailure(401, "invalid_client", 50027, "JWT token is invalid or malformed."));
        }

        var failure = jwt.Issuer == clientId
            ? ValidateCertificateAssertion(app, jwt, tokenEndpoint)
            : ValidateFederatedAssertion(app, jwt);
        return failure is null ? (Issue("app:" + clientId), null) : (null, failure);
    }

    /// <summary>A client assertion the app signed with one of its certificates (private_key_jwt).</summary>
    private AadFailure? ValidateCertificateAssertion(TestApplication app, TestJwt jwt, string tokenEndpoint)
    {
        if (jwt.Subject != app.ClientId)
        {
            return new AadFailure(401, "invalid_client", 700021, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .");
        }

        var v1Endpoint = tokenEndpoint.Replace("/oauth2/v2.0/token", "/oauth2/token", StringComparison.Ordinal);
        if (!jwt.Audiences.Any(a => a == tokenEndpoint || a == v1Endpoint))
        {
            return new AadFailure(401, "invalid_client", 700023, "Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .");
        }

        var certificate = FindCertificate(app, jwt);
        if (certificate is null)
        {
            var presented = jwt.Header["x5t#S256"]?.GetValue<string>() ?? jwt.Header["x5t"]?.GetValue<string>() ?? "(none)";
            return new AadFailure(401, "invalid_client", 700027, $"Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '{presented}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{app.ClientId}'.]");
        }

        using var key = (AsymmetricAlgorithm?)certificate.GetRSAPublicKey() ?? certificate.GetECDsaPublicKey();
        if (key is null || !jwt.VerifySignature(key))
        {
            return new AadFailure(401, "invalid_client", 700027, $"Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '{certificate.Thumbprint}', Found key 'Start=..., End=...']");
        }

        return ValidateLifetime(jwt);
    }

    private static X509Certificate2? FindCertificate(TestApplication app, TestJwt jwt)
    {
        var sha256 = jwt.Header["x5t#S256"]?.GetValue<string>();
        var sha1 = jwt.Header["x5t"]?.GetValue<string>();
        foreach (var registered in app.Certificates)
        {
            if ((sha256 is not null && sha256 == Base64UrlThumbprint(registered, HashAlgorithmName.SHA256))
                || (sha1 is not null && sha1 == Base64UrlThumbprint(registered, HashAlgorithmName.SHA1)))
            {
                return registered;
            }
        }

        // Subject name + issuer: the chain comes with the assertion (x5c); its leaf must be the thumbprint presented.
        var chain = jwt.CertificateChain();
        if (chain.Count == 0 || app.TrustedSubjects.Count == 0)
        {
            return null;
        }

        var leaf = chain[0];
        if ((sha256 is not null && sha256 != Base64UrlThumbprint(leaf, HashAlgorithmName.SHA256))
            || (sha256 is null && sha1 != Base64UrlThumbprint(leaf, HashAlgorithmName.SHA1)))
        {
            return null;
        }

        foreach (var trust in app.TrustedSubjects.Where(t => leaf.GetNameInfo(X509NameType.SimpleName, false) == t.SubjectName))
        {
            using var builder = new X509Chain();
            builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            builder.ChainPolicy.CustomTrustStore.Add(trust.Issuer);
            builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
            if (builder.Build(leaf))
            {
                return leaf;
            }
        }

        return null;
    }

    /// <summary>A token from an external identity provider (workload identity federation).</summary>
    private AadFailure? ValidateFederatedAssertion(TestApplication app, TestJwt jwt)
    {
        const string Advice = "Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation";
        var byIssuer = app.FederatedCredentials.Where(f => f.Issuer == jwt.Issuer).ToList();
        if (byIssuer.Count == 0)
        {
            return new AadFailure(401, "invalid_client", 700211, $"No matching federated identity record found for presented assertion issuer '{jwt.Issuer}'. {Advice}");
        }

        var bySubject = byIssuer.Where(f => f.Subject == jwt.Subject).ToList();
        if (bySubject.Count == 0)
        {
            return new AadFailure(401, "invalid_client", 700213, $"No matching federated identity record found for presented assertion subject '{jwt.Subject}'. {Advice}");
        }

        if (!bySubject.Any(f => jwt.Audiences.Contains(f.Audience, StringComparer.Ordinal)))
        {
            return new AadFailure(401, "invalid_client", 700212, $"No matching federated identity record found for presented assertion audience '{string.Join(",", jwt.Audiences)}'. {Advice}");
        }

        var keyId = jwt.Header["kid"]?.GetValue<string>();
        if (!externalIssuers.TryGetValue(jwt.Issuer ?? string.Empty, out var keys) || keyId is null || !keys.TryGetValue(keyId, out var key))
        {
            return new AadFailure(401, "invalid_client", 700027, $"Client assertion failed signature validation. [Reason - The key was not found., Key id used by the issuer: '{keyId}', Issuer: '{jwt.Issuer}']");
        }

        if (!jwt.VerifySignature(key))
        {
            return new AadFailure(401, "invalid_client", 700027, "Client assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value.]");
        }

        return ValidateLifetime(jwt);
    }

    private AadFailure? ValidateLifetime(TestJwt jwt)
    {
        var now = Clock.GetUtcNow();
        if (jwt.Expires is not { } expires || now > expires + ClockSkew || (jwt.NotBefore is { } notBefore && notBefore > now + ClockSkew))
        {
            return new AadFailure(401, "invalid_client", 700024, string.Create(CultureInfo.InvariantCulture,
                $"Client assertion is not within its valid time range. Current time: {now:yyyy-MM-ddTHH:mm:ss.fffffffZ}, assertion valid from {jwt.NotBefore:yyyy-MM-ddTHH:mm:ss.fffffffZ}, expiry time of assertion {jwt.Expires:yyyy-MM-ddTHH:mm:ss.fffffffZ}."));
        }

        return null;
    }

    private string Issue(string principal)
    {
        var token = "at." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        issuedTokens[token] = principal;
        return token;
    }

    /// <summary>Azure Instance Metadata Service: <c>GET /metadata/identity/oauth2/token</c> with <c>Metadata: true</c>.</summary>
    private async Task ImdsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var request = new ManagedIdentityRequest("IMDS", query["resource"].FirstOrDefault(), query["client_id"].FirstOrDefault(), query["api-version"].FirstOrDefault());
        ManagedIdentityRequests.Enqueue(request);
        if (context.Request.Headers["Metadata"].ToString() != "true")
        {
            await WriteAsync(context, ImdsError(400, "invalid_request", "Required metadata header not specified"));
            return;
        }

        if (request.ApiVersion is null)
        {
            await WriteAsync(context, ImdsError(400, "invalid_request", "Required query variable 'api-version' is missing"));
            return;
        }

        if (ManagedIdentityFailure(request) is { } failure)
        {
            await WriteAsync(context, ImdsError(400, failure.Error, failure.Description));
            return;
        }

        var clientId = request.ClientId ?? SystemAssignedIdentity!;
        var now = Clock.GetUtcNow();
        var expiresIn = 86399;
        await WriteAsync(context, new GraphResult(System.Net.HttpStatusCode.OK, new JsonObject
        {
            ["access_token"] = Issue("mi:" + clientId),
            ["client_id"] = clientId,
            ["expires_in"] = expiresIn.ToString(CultureInfo.InvariantCulture),
            ["expires_on"] = now.AddSeconds(expiresIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["ext_expires_in"] = expiresIn.ToString(CultureInfo.InvariantCulture),
            ["not_before"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = request.Resource,
            ["token_type"] = "Bearer",
        }));
    }

    /// <summary>App Service / Functions: <c>GET {IDENTITY_ENDPOINT}?api-version=2019-08-01</c> with <c>X-IDENTITY-HEADER</c>.</summary>
    private async Task AppServiceAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var request = new ManagedIdentityRequest("AppService", query["resource"].FirstOrDefault(), query["client_id"].FirstOrDefault(), query["api-version"].FirstOrDefault());
        ManagedIdentityRequests.Enqueue(request);
        if (context.Request.Headers["X-IDENTITY-HEADER"].ToString() != IdentityHeader)
        {
            await WriteAsync(context, AppServiceError(401, "The X-IDENTITY-HEADER header is missing or not valid."));
            return;
        }

        if (request.ApiVersion != "2019-08-01")
        {
            await WriteAsync(context, AppServiceError(400, "Unsupported api-version: use 2019-08-01."));
            return;
        }

        if (ManagedIdentityFailure(request) is { } failure)
        {
            await WriteAsync(context, AppServiceError(400, failure.Error == "invalid_resource" ? failure.Description : "Unable to load the proper Managed Identity."));
            return;
        }

        var clientId = request.ClientId ?? SystemAssignedIdentity!;
        await WriteAsync(context, new GraphResult(System.Net.HttpStatusCode.OK, new JsonObject
        {
            ["access_token"] = Issue("mi:" + clientId),
            ["expires_on"] = Clock.GetUtcNow().AddHours(24).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = request.Resource,
            ["token_type"] = "Bearer",
            ["client_id"] = clientId,
        }));
    }

    private (string Error, string Description)? ManagedIdentityFailure(ManagedIdentityRequest request)
    {
        if (string.IsNullOrEmpty(request.Resource))
        {
            return ("invalid_request", "Required audience parameter not specified");
        }

        if (request.Resource.TrimEnd('/') != GraphResource)
        {
            return ("invalid_resource", $"AADSTS500011: The resource principal named {request.Resource} was not found in the tenant.");
        }

        bool known;
        lock (gate)
        {
            known = request.ClientId is null ? SystemAssignedIdentity is not null : userAssignedIdentities.Contains(request.ClientId);
        }

        return known ? null : ("invalid_request", "Identity not found");
    }

    private static GraphResult ImdsError(int status, string error, string description) =>
        new((System.Net.HttpStatusCode)status, new JsonObject { ["error"] = error, ["error_description"] = description });

    private static GraphResult AppServiceError(int status, string message) =>
        new((System.Net.HttpStatusCode)status, new JsonObject { ["statusCode"] = status, ["message"] = message, ["correlationId"] = Guid.NewGuid().ToString() });

    private GraphResult AadError(string host, AadFailure failure)
    {
        var now = Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var trace = Guid.NewGuid().ToString();
        var correlation = Guid.NewGuid().ToString();
        return new GraphResult((System.Net.HttpStatusCode)failure.Status, new JsonObject
        {
            ["error"] = failure.Error,
            ["error_description"] = $"AADSTS{failure.Code}: {failure.Description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {now}",
            ["error_codes"] = new JsonArray(failure.Code),
            ["timestamp"] = now,
            ["trace_id"] = trace,
            ["correlation_id"] = correlation,
            ["error_uri"] = $"https://{host}/error?code={failure.Code}",
        });
    }

    private static string Base64UrlThumbprint(X509Certificate2 certificate, HashAlgorithmName hash) =>
        Base64Url.EncodeToString(certificate.GetCertHash(hash));

    private sealed record AadFailure(int Status, string Error, int Code, string Description);
}
