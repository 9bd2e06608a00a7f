using System.Globalization;
using System.Reflection;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AiLiteracy.Hr.Mapping;

/// <summary>
/// Loads mapping files: checks them against the embedded JSON Schema (NJsonSchema) and against the rules a schema
/// cannot express (fields allowed for the kind, required fields, code-table targets, date formats), then builds the
/// <see cref="HrMapping"/>. Every error is reported with its JSON path and position.
/// </summary>
public static class HrMappingLoader
{
    /// <summary>The logical name of the embedded schema resource.</summary>
    public const string SchemaResourceName = "AiLiteracy.Hr/Mapping/hr-mapping.schema.json";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromJsonAsync(GetSchemaJson()));

    private static readonly IReadOnlySet<string> StatusCodes = new HashSet<string>(["active", "on-leave", "left"], StringComparer.Ordinal);
    private static readonly IReadOnlySet<string> RoleCodes = new HashSet<string>(["agent", "manager", "referent", "elected"], StringComparer.Ordinal);
    private static readonly IReadOnlySet<string> OutcomeCodes = new HashSet<string>(["completed", "passed", "failed"], StringComparer.Ordinal);
    private static readonly IReadOnlySet<string> DeliveryCodes = new HashSet<string>(["in-person", "remote", "e-learning", "workshop"], StringComparer.Ordinal);
    private static readonly IReadOnlySet<string> SourceCodes = new HashSet<string>(["lms", "csv", "xapi", "api", "manual"], StringComparer.Ordinal);

    /// <summary>The JSON Schema of mapping files, as shipped in the package.</summary>
    /// <returns>The schema text.</returns>
    public static string GetSchemaJson()
    {
        using var stream = typeof(HrMappingLoader).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads and validates a mapping file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="HrMappingException">The file is missing or invalid; every error is listed.</exception>
    public static async Task<HrMapping> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HrMappingException([new HrMappingError(path, "$", null, null, new LocalizedText(
                $"Fichier de correspondance illisible : {ex.Message}", $"Cannot read the mapping file: {ex.Message}"))]);
        }

        return await ParseAsync(json, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates a mapping document and builds the mapping.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="HrMappingException">The document is invalid; every error is listed.</exception>
    public static async Task<HrMapping> ParseAsync(string json, string fileName = "mapping.json", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        cancellationToken.ThrowIfCancellationRequested();
        var errors = Validate(json, fileName, await Schema.Value.ConfigureAwait(false), out var root);
        if (errors.Count > 0 || root is null)
        {
            throw new HrMappingException(errors);
        }

        var mapping = Build(root, fileName);
        CheckSemantics(mapping, root, fileName, errors);
        if (errors.Count > 0)
        {
            throw new HrMappingException(errors);
        }

        return mapping;
    }

    private static List<HrMappingError> Validate(string json, string fileName, JsonSchema schema, out JObject? root)
    {
        var errors = new List<HrMappingError>();
        root = null;
        JToken token;
        try
        {
            token = JToken.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonReaderException ex)
        {
            errors.Add(new HrMappingError(fileName, string.IsNullOrEmpty(ex.Path) ? "$" : "$." + ex.Path, ex.LineNumber, ex.LinePosition, new LocalizedText(
                $"JSON invalide : {ex.Message}", $"Invalid JSON: {ex.Message}")));
            return errors;
        }

        foreach (var error in Flatten(schema.Validate(token)))
        {
            errors.Add(Translate(fileName, error));
        }

        root = token as JObject;
        return errors;
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind == ValidationErrorKind.NotAnyOf && error.Token is JObject)
            {
                // A field given as an object: report the object branch's errors, not "not any of".
                var objectBranch = child.Errors.Where(e => e.Value.All(v => v.Kind is not (ValidationErrorKind.ObjectExpected or ValidationErrorKind.StringExpected))).SelectMany(e => e.Value);
                foreach (var nested in Flatten(objectBranch))
                {
                    yield return nested;
                }
            }
            else if (error is ChildSchemaValidationError nestedChild && error.Kind is ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.ArrayItemNotValid)
            {
                foreach (var nested in Flatten(nestedChild.Errors.SelectMany(e => e.Value)))
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

    private static HrMappingError Translate(string fileName, ValidationError error)
    {
        var path = ToJsonPath(error.Path);
        var property = error.Property;
        var message = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => new LocalizedText($"Propriété « {property} » obligatoire.", $"Property '{property}' is required."),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => new LocalizedText($"Propriété « {property} » inconnue.", $"Unknown property '{property}'."),
            ValidationErrorKind.NotInEnumeration => new LocalizedText($"Valeur non autorisée{Allowed(error)}.", $"Value not allowed{Allowed(error)}."),
            ValidationErrorKind.StringExpected => new LocalizedText("Une chaîne de caractères est attendue.", "A string is expected."),
            ValidationErrorKind.ObjectExpected => new LocalizedText("Un objet est attendu.", "An object is expected."),
            ValidationErrorKind.ArrayExpected => new LocalizedText("Un tableau est attendu.", "An array is expected."),
            ValidationErrorKind.BooleanExpected => new LocalizedText("true ou false est attendu.", "true or false is expected."),
            ValidationErrorKind.StringTooShort => new LocalizedText("La valeur est vide.", "The value is empty."),
            ValidationErrorKind.StringTooLong => new LocalizedText("La valeur est trop longue.", "The value is too long."),
            ValidationErrorKind.TooFewItems => new LocalizedText("Le tableau est vide.", "The array is empty."),
            ValidationErrorKind.TooManyItems => new LocalizedText("Le tableau a trop d'éléments.", "The array has too many items."),
            ValidationErrorKind.TooFewProperties => new LocalizedText("L'objet est vide.", "The object is empty."),
            ValidationErrorKind.NotAnyOf => new LocalizedText(
                "Un nom de colonne (chaîne) ou un objet de champ (column, columns, values, unknown, default, optional, formats) est attendu.",
                "A column name (string) or a field object (column, columns, values, unknown, default, optional, formats) is expected."),
            _ => new LocalizedText($"Valeur non conforme au schéma ({error.Kind}).", $"Value does not match the schema ({error.Kind})."),
        };
        if (error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && property is not null)
        {
            path = path.EndsWith("." + property, StringComparison.Ordinal) ? path : path + "." + property;
        }

        return new HrMappingError(fileName, path, error.HasLineInfo ? error.LineNumber : null, error.HasLineInfo ? error.LinePosition : null, message);
    }

    private static string Allowed(ValidationError error) =>
        error.Schema?.Enumeration is { Count: > 0 } values ? " (" + string.Join(", ", values) + ")" : string.Empty;

    private static string ToJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "#")
        {
            return "$";
        }

        return path.StartsWith("#/", StringComparison.Ordinal) ? "$." + path[2..] : path;
    }

    private static HrMapping Build(JObject root, string fileName)
    {
        var kind = (string?)root["kind"] == "completions" ? HrMappingKind.Completions : HrMappingKind.Agents;
        var fields = new Dictionary<string, HrFieldMapping>(StringComparer.Ordinal);
        foreach (var property in (root["fields"] as JObject)?.Properties() ?? [])
        {
            fields[property.Name] = property.Value switch
            {
                JValue { Type: JTokenType.String } value => HrFieldMapping.Column((string)value!),
                JObject spec => BuildField(spec),
                _ => throw new InvalidOperationException("Validated by the schema."),
            };
        }

        var xapi = new Xapi.XapiMappingOptions();
        if (root["xapi"] is JObject xapiSpec)
        {
            xapi = new Xapi.XapiMappingOptions
            {
                AccountHomePages = xapiSpec["accountHomePages"] is JArray pages ? pages.Select(p => (string)p!).ToArray() : [],
                Activities = xapiSpec["activities"] is JObject activities
                    ? activities.Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal),
                ActivityBase = (string?)xapiSpec["activityBase"],
            };
        }

        return new HrMapping
        {
            Xapi = xapi,
            Kind = kind,
            Description = (string?)root["description"],
            DateFormats = root["dateFormats"] is JArray formats ? formats.Select(f => (string)f!).ToArray() : HrMapping.DefaultDateFormats,
            Fields = fields,
            Source = fileName,
        };
    }

    private static HrFieldMapping BuildField(JObject spec)
    {
        IReadOnlyList<string> columns = spec["columns"] is JArray many
            ? many.Select(c => (string)c!).ToArray()
            : spec["column"] is JValue one ? [(string)one!] : [];
        Dictionary<string, string>? values = null;
        if (spec["values"] is JObject table)
        {
            values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in table.Properties())
            {
                values[FrenchHrVocabulary.Fold(entry.Name)] = (string)entry.Value!;
            }
        }

        return new HrFieldMapping
        {
            Columns = columns,
            Separator = (string?)spec["separator"] ?? "/",
            Values = values,
            Unknown = (string?)spec["unknown"] switch
            {
                "keep" => UnknownValuePolicy.Keep,
                "ignore" => UnknownValuePolicy.Ignore,
                _ => UnknownValuePolicy.Reject,
            },
            Default = (string?)spec["default"],
            Optional = (bool?)spec["optional"] ?? false,
            Formats = spec["formats"] is JArray formats ? formats.Select(f => (string)f!).ToArray() : null,
        };
    }

    private static void CheckSemantics(HrMapping mapping, JObject root, string fileName, List<HrMappingError> errors)
    {
        void Add(string path, string fr, string en)
        {
            var token = root.SelectToken(path[1..].TrimStart('.'), errorWhenNoMatch: false) ?? root;
            var info = (IJsonLineInfo)token;
            errors.Add(new HrMappingError(fileName, path, info.HasLineInfo() ? info.LineNumber : null, info.HasLineInfo() ? info.LinePosition : null, new LocalizedText(fr, en)));
        }

        var kindName = mapping.Kind == HrMappingKind.Agents ? "agents" : "completions";
        var allowed = mapping.Kind == HrMappingKind.Agents ? HrMapping.AgentFields : HrMapping.CompletionFields;
        foreach (var (name, field) in mapping.Fields)
        {
            var path = $"$.fields.{name}";
            if (!allowed.Contains(name))
            {
                Add(path,
                    $"Le champ « {name} » ne s'applique pas à un fichier « {kindName} » (champs possibles : {string.Join(", ", allowed)}).",
                    $"Field '{name}' does not apply to a '{kindName}' file (fields: {string.Join(", ", allowed)}).");
                continue;
            }

            if (field.Columns.Count == 0 && field.Default is null)
            {
                Add(path, "Indiquez « column », « columns » ou « default ».", "Give 'column', 'columns' or 'default'.");
            }

            if (root.SelectToken($"fields.{name}.column") is not null && root.SelectToken($"fields.{name}.columns") is not null)
            {
                Add(path + ".columns", "« column » et « columns » s'excluent : gardez-en un.", "'column' and 'columns' exclude each other: keep one.");
            }

            var codes = name switch
            {
                HrFieldNames.Status => StatusCodes,
                HrFieldNames.Outcome => OutcomeCodes,
                HrFieldNames.DeliveryMode => DeliveryCodes,
                HrFieldNames.Source => SourceCodes,
                HrFieldNames.Roles => RoleCodes,
                _ => null,
            };
            if (codes is not null)
            {
                if (field.Values is not null && root.SelectToken($"fields.{name}.values") is JObject table)
                {
                    foreach (var entry in table.Properties())
                    {
                        var targets = name == HrFieldNames.Roles ? ((string?)entry.Value ?? "").Split(['|', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [(string?)entry.Value ?? ""];
                        foreach (var target in targets.Where(t => !codes.Contains(t)))
                        {
                            Add($"{path}.values['{entry.Name}']",
                                $"« {target} » n'est pas une valeur possible de {name} ({string.Join(", ", codes)}).",
                                $"'{target}' is not a value of {name} ({string.Join(", ", codes)}).");
                        }
                    }
                }

                if (field.Unknown == UnknownValuePolicy.Keep)
                {
                    Add(path + ".unknown", $"« keep » n'est pas possible pour {name} : ses valeurs sont fixées ({string.Join(", ", codes)}).",
                        $"'keep' is not possible for {name}: its values are fixed ({string.Join(", ", codes)}).");
                }
            }

            if (field.Formats is { } formats)
            {
                for (var i = 0; i < formats.Count; i++)
                {
                    CheckDateFormat(formats[i], $"{path}.formats[{i}]", Add);
                }
            }
        }

        for (var i = 0; i < mapping.DateFormats.Count; i++)
        {
            CheckDateFormat(mapping.DateFormats[i], $"$.dateFormats[{i}]", Add);
        }

        if (mapping.Kind == HrMappingKind.Agents && root["xapi"] is not null)
        {
            Add("$.xapi", "La section « xapi » ne s'applique qu'à un fichier « completions ».", "The 'xapi' section only applies to a 'completions' file.");
        }

        if (mapping.Fields.Count == 0)
        {
            if (mapping.Kind == HrMappingKind.Agents || root["xapi"] is null)
            {
                Add("$", "Propriété « fields » obligatoire" + (mapping.Kind == HrMappingKind.Completions ? " (ou « xapi »)." : "."),
                    "Property 'fields' is required" + (mapping.Kind == HrMappingKind.Completions ? " (or 'xapi')." : "."));
            }

            return;
        }

        string[] required = mapping.Kind == HrMappingKind.Agents
            ? [HrFieldNames.EmployeeNumber]
            : [HrFieldNames.EmployeeNumber, HrFieldNames.Module, HrFieldNames.Date];
        foreach (var name in required.Where(r => !mapping.Fields.ContainsKey(r)))
        {
            Add("$.fields", $"Le champ « {name} » est obligatoire pour un fichier « {kindName} ».", $"Field '{name}' is required for a '{kindName}' file.");
        }
    }

    private static void CheckDateFormat(string format, string path, Action<string, string, string> add)
    {
        var probe = new DateOnly(1987, 11, 23);
        try
        {
            var text = probe.ToString(format, CultureInfo.InvariantCulture);
            if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == probe)
            {
                return;
            }
        }
        catch (FormatException)
        {
        }

        add(path,
            $"Format de date « {format} » inutilisable : il doit contenir le jour, le mois et l'année (p. ex. dd/MM/yyyy).",
            $"Date format '{format}' cannot be used: it must hold day, month and year (e.g. dd/MM/yyyy).");
    }
}
