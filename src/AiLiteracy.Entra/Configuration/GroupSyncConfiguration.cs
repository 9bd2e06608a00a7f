using System.Globalization;
using System.Reflection;
using System.Text.Json;
using AiLiteracy.Groups;
using AiLiteracy.Model;
using AiLiteracy.Schemas;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AiLiteracy.Entra.Configuration;

/// <summary>
/// A group sync configuration file (<c>kind: entra-group-sync</c>): the group rules with the threshold and matching,
/// and optionally the connection and the sync tuning. Secrets (client secret, certificate password) never go in the
/// file.
/// </summary>
public sealed record GroupSyncConfiguration
{
    /// <summary>The rules.</summary>
    public required GroupSyncRules Rules { get; init; }

    /// <summary>The <c>connection</c> section, when present (secrets left empty).</summary>
    public EntraOptions? Connection { get; init; }

    /// <summary>The <c>sync</c> section, when present.</summary>
    public EntraGroupSyncOptions? Sync { get; init; }
}

/// <summary>Thrown when a group sync configuration file is not valid; <see cref="Errors"/> lists every problem with its JSON path.</summary>
public sealed class GroupSyncConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The errors.</param>
    public GroupSyncConfigurationException(IReadOnlyList<DefinitionError> errors)
        : base("La configuration de synchronisation n'est pas valide / The sync configuration is not valid:" + Environment.NewLine
            + string.Join(Environment.NewLine, errors.Select(e => "  " + e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>The errors.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }
}

/// <summary>
/// Reads and validates group sync configuration files: JSON Schema (<c>entra-group-sync.schema.json</c>, validated
/// with NJsonSchema), then the checks a schema cannot express — one rule per group, module and job family ids known
/// to the definitions. Every error carries its JSON path and position.
/// </summary>
public static class GroupSyncConfigurationLoader
{
    /// <summary>Error code: a module, job family or group id the definitions do not know, or a group given twice.</summary>
    public const string ReferenceErrorCode = DefinitionErrorCodes.UnknownReference;

    /// <summary>The JSON Schema of the file.</summary>
    public static string SchemaJson { get; } = ReadSchema();

    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromJsonAsync(ReadSchema()));

    /// <summary>Reads and validates a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="definitions">The definitions module and job family ids are checked against; not checked when <see langword="null"/>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="GroupSyncConfigurationException">The file is missing or not valid.</exception>
    public static async Task<GroupSyncConfiguration> LoadFileAsync(string path, DefinitionSet? definitions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GroupSyncConfigurationException([Error(path, "$", null, DefinitionErrorCodes.Io,
                $"Lecture impossible : {ex.Message}", $"Cannot read the file: {ex.Message}")]);
        }

        return await LoadAsync(Path.GetFileName(path), text, definitions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates a configuration given as text.</summary>
    /// <param name="fileName">The name shown in errors.</param>
    /// <param name="json">The content.</param>
    /// <param name="definitions">The definitions to check ids against; not checked when <see langword="null"/>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="GroupSyncConfigurationException">The content is not valid.</exception>
    public static async Task<GroupSyncConfiguration> LoadAsync(string fileName, string json, DefinitionSet? definitions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);
        cancellationToken.ThrowIfCancellationRequested();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new GroupSyncConfigurationException([Error(fileName, "$", ex.LineNumber + 1, DefinitionErrorCodes.Json,
                $"JSON invalide : {ex.Message}", $"Invalid JSON: {ex.Message}")]);
        }

        using (document)
        {
            var schema = await Schema.Value.ConfigureAwait(false);
            var errors = new List<DefinitionError>();
            foreach (var error in Flatten(schema.Validate(json)))
            {
                errors.Add(Translate(fileName, error));
            }

            if (errors.Count > 0)
            {
                throw new GroupSyncConfigurationException([.. errors.DistinctBy(e => (e.JsonPath, e.Message.En)).OrderBy(e => e.Line ?? 0)]);
            }

            var configuration = Read(fileName, document.RootElement, definitions, errors);
            if (errors.Count > 0)
            {
                throw new GroupSyncConfigurationException(errors);
            }

            return configuration;
        }
    }

    private static GroupSyncConfiguration Read(string file, JsonElement root, DefinitionSet? definitions, List<DefinitionError> errors)
    {
        var modules = definitions?.Curriculum.Modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var families = definitions?.JobFamilies.JobFamilies.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var groups = new List<GroupRule>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in root.GetProperty("groups").EnumerateArray())
        {
            var path = $"$.groups[{index++}]";
            var id = item.GetProperty("id").GetString()!;
            if (!seen.Add(id))
            {
                errors.Add(Error(file, path + ".id", null, ReferenceErrorCode,
                    $"Le groupe {id} a déjà une règle : une seule règle par groupe.", $"Group {id} already has a rule: one rule per group."));
            }

            groups.Add(new GroupRule
            {
                GroupId = id,
                Name = item.TryGetProperty("name", out var name) ? name.GetString() : null,
                Mode = item.TryGetProperty("mode", out var mode) && mode.GetString() == "additive" ? GroupSyncMode.Additive : GroupSyncMode.Managed,
                IncludeInactiveAgents = item.TryGetProperty("includeInactiveAgents", out var inactive) && inactive.GetBoolean(),
                KeepMembers = item.TryGetProperty("keepMembers", out var keep) ? [.. keep.EnumerateArray().Select(k => k.GetString()!)] : [],
                RemovalThreshold = item.TryGetProperty("safety", out var safety) ? Threshold(safety) : null,
                Selector = Selector(file, path + ".select", item.GetProperty("select"), modules, families, errors),
            });
        }

        var rules = new GroupSyncRules
        {
            Groups = groups,
            RemovalThreshold = root.TryGetProperty("safety", out var global) ? Threshold(global) : RemovalThreshold.Default,
            Matching = root.TryGetProperty("matching", out var matching) ? Matching(matching) : new UserMatchingOptions(),
        };
        return new GroupSyncConfiguration
        {
            Rules = rules,
            Connection = root.TryGetProperty("connection", out var connection) ? Connection(connection) : null,
            Sync = root.TryGetProperty("sync", out var sync) ? Sync(sync) : null,
        };
    }

    private static GroupSelector Selector(
        string file, string path, JsonElement element, HashSet<string>? modules, HashSet<string>? families, List<DefinitionError> errors)
    {
        var property = element.EnumerateObject().First();
        var value = property.Value;
        var at = path + "." + property.Name;
        switch (property.Name)
        {
            case "all":
                return new AllAgentsSelector();
            case "cleared":
                return new ClearedSelector(value.GetBoolean());
            case "role":
                return new RoleSelector(Enum.Parse<AgentRoles>(value.GetString()!, ignoreCase: true));
            case "trackCompleted":
                return new TrackCompletedSelector(JsonSerializer.Deserialize<TrackKind>(value.GetRawText(), AiLiteracyJson.Options));
            case "moduleCompleted":
            case "moduleMissing":
                var moduleId = value.GetString()!;
                if (modules is not null && !modules.Contains(moduleId))
                {
                    errors.Add(Error(file, at, null, ReferenceErrorCode,
                        $"Le module « {moduleId} » n'existe pas dans le référentiel de formation.", $"Module \"{moduleId}\" is not in the curriculum."));
                }

                return property.Name == "moduleCompleted" ? new ModuleCompletedSelector(moduleId) : new ModuleMissingSelector(moduleId);
            case "orgUnit":
                return new OrgUnitSelector(value.GetString()!);
            case "jobFamily":
                var ids = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [value.GetString()!];
                foreach (var family in ids.Where(f => families is not null && !families.Contains(f)))
                {
                    errors.Add(Error(file, at, null, ReferenceErrorCode,
                        $"La famille de métiers « {family} » n'existe pas.", $"Job family \"{family}\" does not exist."));
                }

                return new JobFamilySelector(ids);
            case "allOf":
            case "anyOf":
                var children = value.EnumerateArray().Select((child, i) => Selector(file, $"{at}[{i}]", child, modules, families, errors)).ToList();
                return property.Name == "allOf" ? new AllOfSelector(children) : new AnyOfSelector(children);
            default:
                return new NotSelector(Selector(file, at, value, modules, families, errors));
        }
    }

    private static RemovalThreshold Threshold(JsonElement element) => new()
    {
        MaxRemovalPercent = element.TryGetProperty("maxRemovalPercent", out var percent) ? percent.GetDecimal() : RemovalThreshold.Default.MaxRemovalPercent,
        MaxRemovals = element.TryGetProperty("maxRemovals", out var count) ? count.GetInt32() : RemovalThreshold.Default.MaxRemovals,
    };

    private static UserMatchingOptions Matching(JsonElement element) => new()
    {
        UseEntraObjectId = !element.TryGetProperty("useEntraObjectId", out var useId) || useId.GetBoolean(),
        Fallbacks = element.TryGetProperty("fallbacks", out var fallbacks)
            ? [.. fallbacks.EnumerateArray().Select(f => f.GetString() == "mail" ? UserMatchFallback.Mail : UserMatchFallback.UserPrincipalName)]
            : new UserMatchingOptions().Fallbacks,
    };

    private static EntraOptions Connection(JsonElement element)
    {
        var options = new EntraOptions();
        string? Text(string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
        options.TenantId = Text("tenantId");
        options.ClientId = Text("clientId");
        options.Credential = Text("credential") switch
        {
            "client-secret" => EntraCredentialKind.ClientSecret,
            "managed-identity" => EntraCredentialKind.ManagedIdentity,
            "federated-credential" => EntraCredentialKind.FederatedCredential,
            "environment-token" => EntraCredentialKind.EnvironmentToken,
            _ => EntraCredentialKind.Certificate,
        };
        options.AuthorityHost = Text("authorityHost") ?? options.AuthorityHost;
        options.GraphBaseUrl = Text("graphBaseUrl") ?? options.GraphBaseUrl;
        options.Scope = Text("scope");
        options.CertificatePath = Text("certificatePath");
        options.CertificateThumbprint = Text("certificateThumbprint");
        options.SendCertificateChain = element.TryGetProperty("sendCertificateChain", out var chain) && chain.GetBoolean();
        options.ManagedIdentityClientId = Text("managedIdentityClientId");
        options.FederatedTokenFile = Text("federatedTokenFile");
        options.TokenEnvironmentVariable = Text("tokenEnvironmentVariable") ?? options.TokenEnvironmentVariable;
        options.InstanceDiscovery = element.TryGetProperty("instanceDiscovery", out var discovery) ? discovery.GetBoolean() : null;
        return options;
    }

    private static EntraGroupSyncOptions Sync(JsonElement element)
    {
        var options = new EntraGroupSyncOptions();
        int? Number(string name) => element.TryGetProperty(name, out var value) ? value.GetInt32() : null;
        options.MembershipRead = element.TryGetProperty("membershipRead", out var read) && read.GetString() == "delta" ? MembershipReadMode.Delta : MembershipReadMode.Members;
        options.RequestsPerBatch = Number("requestsPerBatch") ?? options.RequestsPerBatch;
        options.MembersPerRequest = Number("membersPerRequest") ?? options.MembersPerRequest;
        options.PageSize = Number("pageSize") ?? options.PageSize;
        options.MaxAttempts = Number("maxAttempts") ?? options.MaxAttempts;
        options.StatePath = element.TryGetProperty("statePath", out var state) ? state.GetString() : null;
        options.AuditFilePath = element.TryGetProperty("auditFile", out var audit) ? audit.GetString() : null;
        return options;
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind != ValidationErrorKind.NotOneOf)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static DefinitionError Translate(string file, ValidationError error)
    {
        var raw = error.Path ?? "#";
        var path = raw.Length <= 2 ? "$" : "$." + raw[2..];
        var name = error.Property ?? path[(path.LastIndexOf('.') + 1)..];
        var (fr, en) = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => ($"La propriété obligatoire « {name} » est absente.", $"Required property \"{name}\" is missing."),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => ($"Propriété inconnue « {name} ».", $"Unknown property \"{name}\"."),
            ValidationErrorKind.NotInEnumeration => ($"Valeur non permise pour « {name} ».", $"Value not allowed for \"{name}\"."),
            ValidationErrorKind.PatternMismatch when name == "id" => ($"« {name} » doit être l'identifiant d'objet (GUID) du groupe Entra ID.", $"\"{name}\" must be the object id (GUID) of the Entra ID group."),
            ValidationErrorKind.PatternMismatch => ($"« {name} » n'a pas le format attendu.", $"\"{name}\" does not have the expected format."),
            ValidationErrorKind.TooManyProperties or ValidationErrorKind.TooFewProperties =>
                ("Un sélecteur contient exactement une condition (cleared, role, trackCompleted, moduleCompleted, moduleMissing, orgUnit, jobFamily, allOf, anyOf, not, all).",
                 "A selector holds exactly one condition (cleared, role, trackCompleted, moduleCompleted, moduleMissing, orgUnit, jobFamily, allOf, anyOf, not, all)."),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall =>
                ($"« {name} » est hors des limites permises.", $"\"{name}\" is out of the allowed range."),
            ValidationErrorKind.TooFewItems => ($"« {name} » ne doit pas être vide.", $"\"{name}\" must not be empty."),
            _ => ($"« {name} » ne respecte pas le schéma ({error.Kind}).", $"\"{name}\" does not match the schema ({error.Kind})."),
        };
        return Error(file, path, error.HasLineInfo ? error.LineNumber : null, DefinitionErrorCodes.Schema, fr, en, error.HasLineInfo ? error.LinePosition : null);
    }

    private static DefinitionError Error(string file, string path, long? line, string code, string fr, string en, int? column = null) => new()
    {
        File = file,
        JsonPath = path,
        Line = line is null ? null : (int)line,
        Column = column,
        Code = code,
        Message = new LocalizedText(fr, en),
    };

    private static string ReadSchema()
    {
        using var stream = typeof(GroupSyncConfigurationLoader).Assembly.GetManifestResourceStream("AiLiteracy.Entra/Schemas/entra-group-sync.schema.json")
            ?? throw new InvalidOperationException("The embedded schema entra-group-sync.schema.json is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
