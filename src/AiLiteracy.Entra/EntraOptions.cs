using System.ComponentModel.DataAnnotations;
using Microsoft.Identity.Client;

namespace AiLiteracy.Entra;

/// <summary>How the SDK authenticates to Entra ID.</summary>
public enum EntraCredentialKind
{
    /// <summary>Confidential client with a certificate (preferred): <see cref="EntraOptions.CertificatePath"/> or <see cref="EntraOptions.CertificateThumbprint"/>.</summary>
    Certificate,
    /// <summary>Confidential client with a client secret: <see cref="EntraOptions.ClientSecret"/>.</summary>
    ClientSecret,
    /// <summary>The managed identity of the Azure host (system-assigned, or user-assigned with <see cref="EntraOptions.ManagedIdentityClientId"/>).</summary>
    ManagedIdentity,
    /// <summary>
    /// Federated credential: a client assertion (a token issued by another identity provider, e.g. a CI or Kubernetes
    /// workload identity) from <see cref="EntraOptions.ClientAssertionCallback"/> or <see cref="EntraOptions.FederatedTokenFile"/>.
    /// </summary>
    FederatedCredential,
    /// <summary>A bearer token read from the environment variable <see cref="EntraOptions.TokenEnvironmentVariable"/> (pipelines, tests).</summary>
    EnvironmentToken,
}

/// <summary>
/// The connection to Entra ID and Microsoft Graph. Defaults target the global cloud; for a sovereign cloud set
/// <see cref="AuthorityHost"/> and <see cref="GraphBaseUrl"/> (for example <c>https://login.sovcloud-identity.fr</c>
/// and <c>https://graph.svc.sovcloud.fr/v1.0</c> for Bleu).
/// </summary>
public sealed class EntraOptions : IValidatableObject
{
    /// <summary>The configuration section name: <c>AiLiteracy:Entra</c>.</summary>
    public const string SectionName = "AiLiteracy:Entra";

    /// <summary>The default environment variable holding a bearer token: <c>AILITERACY_GRAPH_TOKEN</c>.</summary>
    public const string DefaultTokenEnvironmentVariable = "AILITERACY_GRAPH_TOKEN";

    /// <summary>The tenant id (GUID) or primary domain. Required except with <see cref="EntraCredentialKind.EnvironmentToken"/> and <see cref="EntraCredentialKind.ManagedIdentity"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the app registration. Required for certificate, secret and federated credentials.</summary>
    public string? ClientId { get; set; }

    /// <summary>The credential used. Default: <see cref="EntraCredentialKind.Certificate"/>.</summary>
    public EntraCredentialKind Credential { get; set; } = EntraCredentialKind.Certificate;

    /// <summary>The authority host. Default: <c>https://login.microsoftonline.com</c>.</summary>
    [Required]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The Microsoft Graph base URL, version included. Default: <c>https://graph.microsoft.com/v1.0</c>.</summary>
    [Required]
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>
    /// The scope requested; default (<see langword="null"/>): the Graph host's <c>/.default</c> scope, e.g.
    /// <c>https://graph.svc.sovcloud.fr/.default</c>.
    /// </summary>
    public string? Scope { get; set; }

    /// <summary>The client secret, for <see cref="EntraCredentialKind.ClientSecret"/>. Keep it out of files: use a secret store or an environment variable.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PFX (PKCS #12) or PEM file with the certificate and its private key, for <see cref="EntraCredentialKind.Certificate"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, when any.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint of a certificate in the current user's or local machine's personal store, instead of <see cref="CertificatePath"/>.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Whether the certificate chain (x5c) is sent, for subject-name/issuer authentication. Default: <see langword="false"/>.</summary>
    public bool SendCertificateChain { get; set; }

    /// <summary>The client id of a user-assigned managed identity; <see langword="null"/> for the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Returns the client assertion of a federated credential (called whenever MSAL needs a new token).</summary>
    public Func<AssertionRequestOptions, Task<string>>? ClientAssertionCallback { get; set; }

    /// <summary>A file holding the federated token (Kubernetes workload identity: <c>AZURE_FEDERATED_TOKEN_FILE</c>), read again at each token request.</summary>
    public string? FederatedTokenFile { get; set; }

    /// <summary>The environment variable read by <see cref="EntraCredentialKind.EnvironmentToken"/>. Default: <c>AILITERACY_GRAPH_TOKEN</c>.</summary>
    public string TokenEnvironmentVariable { get; set; } = DefaultTokenEnvironmentVariable;

    /// <summary>
    /// Whether MSAL validates the authority against the known Microsoft clouds (instance discovery). Default
    /// (<see langword="null"/>): only for the well-known hosts; sovereign clouds such as Bleu skip it.
    /// </summary>
    public bool? InstanceDiscovery { get; set; }

    /// <summary>The Graph base URL as a URI, without a trailing slash.</summary>
    internal Uri GraphBaseUri => new(GraphBaseUrl.TrimEnd('/'), UriKind.Absolute);

    /// <summary>The scope actually requested.</summary>
    internal string EffectiveScope => Scope ?? GraphBaseUri.GetLeftPart(UriPartial.Authority) + "/.default";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(GraphBaseUrl))
        {
            yield return new ValidationResult($"GraphBaseUrl '{GraphBaseUrl}' is not an absolute http(s) URL.", [nameof(GraphBaseUrl)]);
        }

        if (!IsHttpUrl(AuthorityHost))
        {
            yield return new ValidationResult($"AuthorityHost '{AuthorityHost}' is not an absolute http(s) URL.", [nameof(AuthorityHost)]);
        }

        var needsApp = Credential is EntraCredentialKind.Certificate or EntraCredentialKind.ClientSecret or EntraCredentialKind.FederatedCredential;
        if (needsApp && string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult($"TenantId is required for the {Credential} credential.", [nameof(TenantId)]);
        }

        if (needsApp && string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult($"ClientId is required for the {Credential} credential.", [nameof(ClientId)]);
        }

        switch (Credential)
        {
            case EntraCredentialKind.Certificate when string.IsNullOrWhiteSpace(CertificatePath) && string.IsNullOrWhiteSpace(CertificateThumbprint):
                yield return new ValidationResult("The certificate credential needs CertificatePath or CertificateThumbprint.", [nameof(CertificatePath)]);
                break;
            case EntraCredentialKind.ClientSecret when string.IsNullOrWhiteSpace(ClientSecret):
                yield return new ValidationResult("The client secret credential needs ClientSecret.", [nameof(ClientSecret)]);
                break;
            case EntraCredentialKind.FederatedCredential when ClientAssertionCallback is null && string.IsNullOrWhiteSpace(FederatedTokenFile):
                yield return new ValidationResult("The federated credential needs ClientAssertionCallback or FederatedTokenFile.", [nameof(ClientAssertionCallback)]);
                break;
            case EntraCredentialKind.EnvironmentToken when string.IsNullOrWhiteSpace(TokenEnvironmentVariable):
                yield return new ValidationResult("The environment token credential needs TokenEnvironmentVariable.", [nameof(TokenEnvironmentVariable)]);
                break;
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
