using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
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
public sealed partial class EntraAccessTokenProvider : IAccessTokenProvider
{
    private const string SettingPrefix = EntraOptions.SectionName + ":";

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
                // PublicationOnly: a failure (certificate file not yet deployed, wrong password) is not cached, the next
                // token request tries again.
                confidential = new Lazy<IConfidentialClientApplication>(BuildConfidentialClient, LazyThreadSafetyMode.PublicationOnly);
                break;
            case EntraCredentialKind.ManagedIdentity:
                managed = new Lazy<IManagedIdentityApplication>(BuildManagedIdentity, LazyThreadSafetyMode.PublicationOnly);
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
                            $"La variable d'environnement {options.TokenEnvironmentVariable} ne contient pas de jeton. / Environment variable {options.TokenEnvironmentVariable} holds no token.")
                        {
                            Setting = nameof(EntraOptions.TokenEnvironmentVariable),
                        };
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
            throw Describe(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // MSAL lets network failures through unwrapped: the authority (or the managed identity endpoint) did not answer.
            var setting = options.Credential == EntraCredentialKind.ManagedIdentity ? nameof(EntraOptions.Credential) : nameof(EntraOptions.AuthorityHost);
            throw new EntraAuthenticationException(
                $"Entra ID injoignable ({options.Credential}, {Where()}), vérifiez {SettingPrefix}{setting} et le réseau : {ex.Message} / "
                + $"Entra ID unreachable ({options.Credential}, {Where()}), check {SettingPrefix}{setting} and the network: {ex.Message}",
                ex)
            {
                Setting = setting,
            };
        }
    }

    /// <summary>Turns an MSAL failure into an error that names the Entra ID error code and the setting to check.</summary>
    private EntraAuthenticationException Describe(MsalException ex)
    {
        var code = AadstsCode().Match(ex.Message) is { Success: true } match ? "AADSTS" + match.Groups[1].Value : null;
        var setting = SettingFor(code, ex);
        var what = code ?? ex.ErrorCode;
        var detail = Whitespace().Replace(ex.Message, " ").Trim(); // one line for logs and the sync audit record
        return new EntraAuthenticationException(
            $"Authentification Entra ID impossible ({options.Credential}, {Where()}) : {what}. Vérifiez le paramètre {SettingPrefix}{setting}. {detail} / "
            + $"Entra ID authentication failed ({options.Credential}, {Where()}): {what}. Check the {SettingPrefix}{setting} setting.",
            ex)
        {
            Setting = setting,
            ErrorCode = what,
        };
    }

    private string Where() => options.Credential == EntraCredentialKind.ManagedIdentity
        ? string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? "system-assigned" : "user-assigned " + options.ManagedIdentityClientId
        : options.AuthorityHost;

    private string SettingFor(string? code, MsalException ex)
    {
        switch (code)
        {
            case "AADSTS700016": // application not found in the directory
                return nameof(EntraOptions.ClientId);
            case "AADSTS90002" or "AADSTS900023" or "AADSTS90013": // tenant not found or malformed
                return nameof(EntraOptions.TenantId);
            case "AADSTS70011" or "AADSTS500011" or "AADSTS1002012": // scope or resource unknown
                return nameof(EntraOptions.Scope);
            case null when ex.ErrorCode is MsalError.ServiceNotAvailable or MsalError.RequestTimeout
                && options.Credential != EntraCredentialKind.ManagedIdentity: // the authority did not answer
                return nameof(EntraOptions.AuthorityHost);
            case null when ex.ErrorCode is MsalError.ManagedIdentityUnreachableNetwork: // no managed identity endpoint on this host
                return nameof(EntraOptions.Credential);
        }

        return options.Credential switch
        {
            EntraCredentialKind.ClientSecret => nameof(EntraOptions.ClientSecret),
            EntraCredentialKind.Certificate => !string.IsNullOrWhiteSpace(options.CertificatePath) ? nameof(EntraOptions.CertificatePath) : nameof(EntraOptions.CertificateThumbprint),
            EntraCredentialKind.FederatedCredential => options.ClientAssertionCallback is not null ? nameof(EntraOptions.ClientAssertionCallback) : nameof(EntraOptions.FederatedTokenFile),
            EntraCredentialKind.ManagedIdentity when ex is MsalServiceException || !string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) => nameof(EntraOptions.ManagedIdentityClientId),
            _ => nameof(EntraOptions.Credential),
        };
    }

    [GeneratedRegex(@"AADSTS(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex AadstsCode();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

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
            EntraCredentialKind.FederatedCredential => builder.WithClientAssertion(options.ClientAssertionCallback is null ? ReadFederatedTokenFile : CallAssertionCallback),
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

    private async Task<string> CallAssertionCallback(AssertionRequestOptions request)
    {
        var assertion = await options.ClientAssertionCallback!(request).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(assertion))
        {
            throw new EntraAuthenticationException(
                "ClientAssertionCallback n'a renvoyé aucune assertion. / ClientAssertionCallback returned no assertion.")
            {
                Setting = nameof(EntraOptions.ClientAssertionCallback),
            };
        }

        return assertion.Trim();
    }

    private async Task<string> ReadFederatedTokenFile(AssertionRequestOptions request)
    {
        var path = options.FederatedTokenFile!;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, request.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EntraAuthenticationException(
                $"Jeton fédéré illisible ({SettingPrefix}FederatedTokenFile = {path}) : {ex.Message} / Cannot read the federated token ({SettingPrefix}FederatedTokenFile = {path}): {ex.Message}",
                ex)
            {
                Setting = nameof(EntraOptions.FederatedTokenFile),
            };
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new EntraAuthenticationException(
                $"Le fichier de jeton fédéré {path} est vide ({SettingPrefix}FederatedTokenFile). / The federated token file {path} is empty ({SettingPrefix}FederatedTokenFile).")
            {
                Setting = nameof(EntraOptions.FederatedTokenFile),
            };
        }

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
        var certificate = string.IsNullOrWhiteSpace(options.CertificatePath) ? FindInStores(options.CertificateThumbprint!) : LoadFromFile(options.CertificatePath);
        if (!certificate.HasPrivateKey)
        {
            var setting = string.IsNullOrWhiteSpace(options.CertificatePath) ? nameof(EntraOptions.CertificateThumbprint) : nameof(EntraOptions.CertificatePath);
            certificate.Dispose();
            throw new EntraAuthenticationException(
                $"Le certificat ({SettingPrefix}{setting}) n'a pas de clé privée : Entra ID exige une assertion signée. / The certificate ({SettingPrefix}{setting}) has no private key: Entra ID needs a signed assertion.")
            {
                Setting = setting,
            };
        }

        return certificate;
    }

    private X509Certificate2 LoadFromFile(string path)
    {
        var isPem = path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (isPem)
            {
                return string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EntraAuthenticationException(
                $"Certificat illisible ({SettingPrefix}CertificatePath = {path}) : {ex.Message} / Cannot read the certificate ({SettingPrefix}CertificatePath = {path}): {ex.Message}",
                ex)
            {
                Setting = nameof(EntraOptions.CertificatePath),
            };
        }
        catch (CryptographicException ex)
        {
            // A well-formed PKCS #12 file that does not open is a password problem; anything else is the file.
            var setting = !isPem && IsPkcs12(path) ? nameof(EntraOptions.CertificatePassword) : nameof(EntraOptions.CertificatePath);
            throw new EntraAuthenticationException(
                $"Certificat {path} impossible à ouvrir, vérifiez {SettingPrefix}{setting} : {ex.Message} / Cannot open the certificate {path}, check {SettingPrefix}{setting}: {ex.Message}",
                ex)
            {
                Setting = setting,
            };
        }
    }

    private static bool IsPkcs12(string path)
    {
        try
        {
            return X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static X509Certificate2 FindInStores(string thumbprint)
    {
        // Thumbprints copied from the portal or certmgr often carry spaces, colons or an invisible left-to-right mark.
        var normalized = string.Concat(thumbprint.Where(char.IsAsciiHexDigit));
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                // The store does not exist or cannot be opened here (LocalMachine\My on Linux and macOS).
                continue;
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, normalized, validOnly: false);
            if (found.Count > 0)
            {
                var certificate = found[0];
                foreach (var other in found.Skip(1))
                {
                    other.Dispose();
                }

                return certificate;
            }
        }

        throw new EntraAuthenticationException(
            $"Certificat {normalized} introuvable dans les magasins personnels ({SettingPrefix}CertificateThumbprint). / Certificate {normalized} not found in the personal stores ({SettingPrefix}CertificateThumbprint).")
        {
            Setting = nameof(EntraOptions.CertificateThumbprint),
        };
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

    /// <summary>
    /// The <see cref="EntraOptions"/> property to check (e.g. <c>CertificatePath</c>, <c>ClientSecret</c>,
    /// <c>FederatedTokenFile</c>, <c>ManagedIdentityClientId</c>), when the failure points to one.
    /// </summary>
    public string? Setting { get; init; }

    /// <summary>The Entra ID error code (e.g. <c>AADSTS700027</c>) or MSAL error code, when the failure came from the identity provider.</summary>
    public string? ErrorCode { get; init; }
}
