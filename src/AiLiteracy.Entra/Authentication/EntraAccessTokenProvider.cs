using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using Microsoft.Kiota.Abstractions.Authentication;

namespace AiLiteracy.Entra.Authentication;

/// <summary>
/// Gives Microsoft Graph requests their bearer token: MSAL confidential client (certificate, secret or federated
/// client assertion), managed identity, or a token from the environment. MSAL's in-memory token cache is kept for the
/// life of the provider, so a token is requested again only when it nears expiry. Tokens are sent to the Graph host
/// only, and only over HTTPS (loopback addresses excepted, for local test servers).
/// </summary>
public sealed class EntraAccessTokenProvider : IAccessTokenProvider
{
    private readonly EntraOptions options;
    private readonly IMsalHttpClientFactory? httpClientFactory;
    private readonly Lazy<IConfidentialClientApplication>? confidential;
    private readonly Lazy<IManagedIdentityApplication>? managed;

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The connection options (validated).</param>
    /// <param name="httpClientFactory">The HTTP client MSAL uses; MSAL's own when <see langword="null"/>.</param>
    public EntraAccessTokenProvider(EntraOptions options, IMsalHttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.httpClientFactory = httpClientFactory;
        AllowedHostsValidator = new AllowedHostsValidator([options.GraphBaseUri.Host]);
        switch (options.Credential)
        {
            case EntraCredentialKind.Certificate:
            case EntraCredentialKind.ClientSecret:
            case EntraCredentialKind.FederatedCredential:
                confidential = new Lazy<IConfidentialClientApplication>(BuildConfidentialClient);
                break;
            case EntraCredentialKind.ManagedIdentity:
                managed = new Lazy<IManagedIdentityApplication>(BuildManagedIdentity);
                break;
        }
    }

    /// <inheritdoc />
    public AllowedHostsValidator AllowedHostsValidator { get; }

    /// <summary>The scope requested for Graph, e.g. <c>https://graph.microsoft.com/.default</c>.</summary>
    public string Scope => options.EffectiveScope;

    /// <inheritdoc />
    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            return string.Empty;
        }

        return await AcquireTokenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Acquires a token for <see cref="Scope"/> (from the cache when still valid).</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="EntraAuthenticationException">No token could be obtained.</exception>
    public async Task<string> AcquireTokenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            switch (options.Credential)
            {
                case EntraCredentialKind.EnvironmentToken:
                    var token = Environment.GetEnvironmentVariable(options.TokenEnvironmentVariable);
                    if (string.IsNullOrWhiteSpace(token))
                    {
                        throw new EntraAuthenticationException(
                            $"La variable d'environnement {options.TokenEnvironmentVariable} ne contient pas de jeton. / Environment variable {options.TokenEnvironmentVariable} holds no token.");
                    }

                    return token.Trim();
                case EntraCredentialKind.ManagedIdentity:
                    var resource = Scope.EndsWith("/.default", StringComparison.Ordinal) ? Scope[..^"/.default".Length] : Scope;
                    var identity = await managed!.Value.AcquireTokenForManagedIdentity(resource).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return identity.AccessToken;
                default:
                    var result = await confidential!.Value.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return result.AccessToken;
            }
        }
        catch (MsalException ex)
        {
            throw new EntraAuthenticationException(
                $"Authentification Entra ID impossible ({options.Credential}, {options.AuthorityHost}) : {ex.Message} / Entra ID authentication failed ({options.Credential}, {options.AuthorityHost}): {ex.Message}", ex);
        }
    }

    private IConfidentialClientApplication BuildConfidentialClient()
    {
        var authority = options.AuthorityHost.TrimEnd('/') + "/" + options.TenantId;
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId)
            .WithAuthority(authority, validateAuthority: UseInstanceDiscovery())
            .WithInstanceDiscovery(UseInstanceDiscovery());
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        builder = options.Credential switch
        {
            EntraCredentialKind.ClientSecret => builder.WithClientSecret(options.ClientSecret),
            EntraCredentialKind.FederatedCredential => builder.WithClientAssertion(options.ClientAssertionCallback ?? ReadFederatedTokenFile),
            _ => builder.WithCertificate(LoadCertificate(), options.SendCertificateChain),
        };
        return builder.Build();
    }

    private IManagedIdentityApplication BuildManagedIdentity()
    {
        var id = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.WithUserAssignedClientId(options.ManagedIdentityClientId);
        var builder = ManagedIdentityApplicationBuilder.Create(id);
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        return builder.Build();
    }

    private async Task<string> ReadFederatedTokenFile(AssertionRequestOptions request)
    {
        var text = await File.ReadAllTextAsync(options.FederatedTokenFile!, request.CancellationToken).ConfigureAwait(false);
        return text.Trim();
    }

    private bool UseInstanceDiscovery()
    {
        if (options.InstanceDiscovery is { } explicitChoice)
        {
            return explicitChoice;
        }

        var host = new Uri(options.AuthorityHost).Host;
        return host is "login.microsoftonline.com" or "login.microsoftonline.us" or "login.partner.microsoftonline.cn" or "login.microsoftonline.de";
    }

    private X509Certificate2 LoadCertificate()
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var path = options.CertificatePath;
            if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
            {
                return string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.CertificateThumbprint!, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new EntraAuthenticationException(
            $"Certificat {options.CertificateThumbprint} introuvable dans les magasins personnels. / Certificate {options.CertificateThumbprint} not found in the personal stores.");
    }
}

/// <summary>Thrown when no Entra ID token can be obtained (bad credential, missing certificate, unreachable authority).</summary>
public sealed class EntraAuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, French then English.</param>
    /// <param name="innerException">The cause.</param>
    public EntraAuthenticationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
