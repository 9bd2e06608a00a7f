using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AiLiteracy.Entra;
using AiLiteracy.Entra.Configuration;
using AiLiteracy.Model;
using AiLiteracy.Schemas;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// What one authority's sync runs with: its rules file (read and validated), the connection (from the file, else the
/// server's <see cref="EntraSyncServerOptions.Connection"/>, with the secrets of the server configuration) and the sync
/// tuning (the file's <c>sync</c> section without its state and audit files: the server keeps both in its database).
/// </summary>
internal sealed record EntraSyncTenantSetup
{
    public required string ConfigPath { get; init; }

    public required GroupSyncConfiguration Configuration { get; init; }

    public required global::AiLiteracy.Entra.EntraOptions Connection { get; init; }

    public required EntraGroupSyncOptions Sync { get; init; }

    public required bool DryRun { get; init; }

    public required bool Force { get; init; }

    /// <summary>What the Graph client depends on: a client is built again when it changes.</summary>
    public string ClientFingerprint => string.Join(
        '|',
        Connection.Credential,
        Connection.TenantId,
        Connection.ClientId,
        Connection.AuthorityHost,
        Connection.GraphBaseUrl,
        Connection.Scope,
        Connection.ClientSecret?.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture),
        Connection.CertificatePath,
        Connection.CertificatePassword?.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture),
        Connection.CertificateThumbprint,
        Connection.SendCertificateChain,
        Connection.ManagedIdentityClientId,
        Connection.FederatedTokenFile,
        Connection.TokenEnvironmentVariable,
        Connection.InstanceDiscovery,
        Sync.MaxAttempts,
        Sync.RetryDelay,
        Sync.MaxRetryDelay);

    /// <summary>Resolves a rules file path against the content root.</summary>
    public static string ResolvePath(string path, string contentRoot) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));

    /// <summary>Reads and checks the setup of one authority.</summary>
    /// <param name="options">The server's sync options.</param>
    /// <param name="tenant">The authority's options.</param>
    /// <param name="contentRoot">The content root relative paths start from.</param>
    /// <param name="definitions">The authority's definitions, against which module and job family ids are checked; not checked when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="GroupSyncConfigurationException">The file is missing or not valid, or the connection is incomplete.</exception>
    public static async Task<EntraSyncTenantSetup> LoadAsync(
        EntraSyncServerOptions options, EntraSyncTenantOptions tenant, string contentRoot, DefinitionSet? definitions, CancellationToken cancellationToken)
    {
        var path = ResolvePath(tenant.ConfigPath, contentRoot);
        var configuration = await GroupSyncConfigurationLoader.LoadFileAsync(path, definitions, cancellationToken).ConfigureAwait(false);
        var file = Path.GetFileName(path);
        var source = configuration.Connection ?? options.Connection ?? throw new GroupSyncConfigurationException([Error(
            file,
            "La configuration n'a pas de section « connection » et le serveur n'en définit pas (AiLiteracy:Server:EntraSync:Connection).",
            "The configuration has no \"connection\" section and the server defines none (AiLiteracy:Server:EntraSync:Connection).")]);
        var connection = Copy(source);
        connection.ClientSecret = tenant.ClientSecret ?? options.ClientSecret ?? connection.ClientSecret;
        connection.CertificatePassword = tenant.CertificatePassword ?? options.CertificatePassword ?? connection.CertificatePassword;
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(connection, new ValidationContext(connection), problems, validateAllProperties: true))
        {
            throw new GroupSyncConfigurationException([.. problems.Select(p => Error(
                file,
                "Connexion à Entra ID incomplète : " + p.ErrorMessage,
                "Incomplete Entra ID connection: " + p.ErrorMessage))]);
        }

        var sync = configuration.Sync ?? new EntraGroupSyncOptions();
        sync.StatePath = null;
        sync.AuditFilePath = null;
        try
        {
            sync.Validate();
        }
        catch (ValidationException ex)
        {
            throw new GroupSyncConfigurationException([Error(file, "Section « sync » invalide : " + ex.Message, "Invalid \"sync\" section: " + ex.Message)]);
        }

        return new EntraSyncTenantSetup
        {
            ConfigPath = path,
            Configuration = configuration,
            Connection = connection,
            Sync = sync,
            DryRun = tenant.DryRun ?? options.DryRun,
            Force = options.Force,
        };
    }

    private static DefinitionError Error(string file, string fr, string en) => new()
    {
        File = file,
        JsonPath = "$.connection",
        Code = DefinitionErrorCodes.Schema,
        Message = new LocalizedText(fr, en),
    };

    private static global::AiLiteracy.Entra.EntraOptions Copy(global::AiLiteracy.Entra.EntraOptions source) => new()
    {
        TenantId = source.TenantId,
        ClientId = source.ClientId,
        Credential = source.Credential,
        AuthorityHost = source.AuthorityHost,
        GraphBaseUrl = source.GraphBaseUrl,
        Scope = source.Scope,
        ClientSecret = source.ClientSecret,
        CertificatePath = source.CertificatePath,
        CertificatePassword = source.CertificatePassword,
        CertificateThumbprint = source.CertificateThumbprint,
        SendCertificateChain = source.SendCertificateChain,
        ManagedIdentityClientId = source.ManagedIdentityClientId,
        ClientAssertionCallback = source.ClientAssertionCallback,
        FederatedTokenFile = source.FederatedTokenFile,
        TokenEnvironmentVariable = source.TokenEnvironmentVariable,
        InstanceDiscovery = source.InstanceDiscovery,
    };
}
