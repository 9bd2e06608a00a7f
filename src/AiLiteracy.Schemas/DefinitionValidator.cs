using System.Text.Json;
using AiLiteracy.Model;
using AiLiteracy.Schemas.Validation;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace AiLiteracy.Schemas;

/// <summary>
/// Validates definition files: JSON syntax, kind, JSON Schema, then the checks a schema cannot express (duplicate
/// ids, unknown references across files, prerequisite cycles, levels outside the scale, forbidden tools, validity
/// and versions). Every error is reported, never only the first, and no input makes it throw.
/// </summary>
/// <remarks>
/// Instances are immutable and thread-safe. <see cref="ValidateAsync"/> is virtual so that callers can substitute
/// a fake in their tests.
/// </remarks>
public class DefinitionValidator
{
    private static readonly string KindList = string.Join(", ", DefinitionKinds.All.Select(k => k.ToKindName()));

    /// <summary>
    /// Validates a set of definition files together. Cross-file references are checked only against the kinds
    /// present in the set, so one file can be validated alone.
    /// </summary>
    /// <param name="sources">The files; each kind at most once (a second file of a kind is an error).</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>
    /// The errors, sorted by file then position; each parsed document; and the <see cref="DefinitionSet"/> when the
    /// curriculum, competency framework, job families and charter are all present and no error was found.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> or one of its items is <see langword="null"/>.</exception>
    public virtual async Task<DefinitionValidationResult> ValidateAsync(IEnumerable<DefinitionSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var list = sources.ToList();
        if (list.Any(s => s is null))
        {
            throw new ArgumentNullException(nameof(sources), "A definition source is null.");
        }

        var errors = new List<DefinitionError>();
        var documents = new List<LoadedDocument>();
        var primaries = new Dictionary<DefinitionKind, LoadedDocument>();
        var schemaValidator = new JsonSchemaValidator();
        foreach (var source in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parsed = ParsedJson.Parse(source.Name, source.Content);
            var document = new LoadedDocument(source.Name, parsed);
            documents.Add(document);
            errors.AddRange(parsed.Errors);
            if (parsed.Root is null || DetectKind(document, errors) is not { } kind)
            {
                continue;
            }

            document.Kind = kind;
            if (primaries.TryGetValue(kind, out var first))
            {
                errors.Add(Error(document, document.Root?.Property("kind")?.Value, DefinitionErrorCodes.Kind,
                    $"Un fichier de type « {kind.ToKindName()} » est déjà fourni ({first.File}) : un seul fichier par type.",
                    $"A file of kind \"{kind.ToKindName()}\" is already given ({first.File}): one file per kind."));
            }
            else
            {
                primaries.Add(kind, document);
                document.IsPrimary = true;
            }

            var schema = await DefinitionSchemas.GetSharedSchemaAsync(kind).ConfigureAwait(false);
            var schemaErrors = ValidateSchema(document, schemaValidator, schema);
            errors.AddRange(schemaErrors);
            if (schemaErrors.Count == 0 && parsed.Errors.Count == 0)
            {
                document.Model = Deserialize(document, kind, source.Content, errors);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        errors.AddRange(SemanticChecker.Check(documents));
        return BuildResult(errors, documents.Select(d => (d.File, d.Kind, d.Model)));
    }

    /// <summary>Assembles a result: sorts the errors and builds the definition set when complete and valid.</summary>
    internal static DefinitionValidationResult BuildResult(
        List<DefinitionError> errors, IEnumerable<(string File, DefinitionKind? Kind, object? Model)> documents)
    {
        errors.Sort(CompareErrors);
        var files = errors.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        var result = documents
            .Select(d => new DefinitionDocument { File = d.File, Kind = d.Kind, Value = d.Model, IsValid = !files.Contains(d.File) })
            .ToList();

        DefinitionSet? definitions = null;
        if (errors.Count == 0)
        {
            T? Model<T>()
                where T : class => result.Select(d => d.Value).OfType<T>().FirstOrDefault();
            if (Model<Curriculum>() is { } curriculum && Model<CompetencyFramework>() is { } framework
                && Model<JobFamilyCatalog>() is { } jobFamilies && Model<Charter>() is { } charter)
            {
                if (Model<ToolRegistry>() is { } registry)
                {
                    charter = charter with { Tools = [.. charter.Tools, .. registry.Tools] };
                }

                definitions = new DefinitionSet { Curriculum = curriculum, CompetencyFramework = framework, JobFamilies = jobFamilies, Charter = charter };
            }
        }

        return new DefinitionValidationResult(errors, result, definitions);
    }

    private static int CompareErrors(DefinitionError a, DefinitionError b)
    {
        var order = string.CompareOrdinal(a.File, b.File);
        if (order == 0)
        {
            order = (a.Line ?? 0).CompareTo(b.Line ?? 0);
        }

        if (order == 0)
        {
            order = (a.Column ?? 0).CompareTo(b.Column ?? 0);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.JsonPath, b.JsonPath);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Code, b.Code);
    }

    private static List<DefinitionError> ValidateSchema(LoadedDocument document, JsonSchemaValidator validator, NJsonSchema.JsonSchema schema)
    {
        try
        {
            return SchemaErrorTranslator.Translate(document.Parsed, validator.Validate(document.Parsed.Root!, schema)).ToList();
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException or ArgumentException)
        {
            // A value NJsonSchema cannot handle; report it rather than fail the whole validation.
            return [Error(document, null, DefinitionErrorCodes.Schema,
                $"Le fichier ne peut pas être vérifié par rapport à son schéma : {ex.Message}",
                $"The file cannot be checked against its schema: {ex.Message}")];
        }
    }

    private static DefinitionKind? DetectKind(LoadedDocument document, List<DefinitionError> errors)
    {
        if (document.Root?.Property("kind") is { } property)
        {
            if (property.Value is JValue { Type: JTokenType.String } value && DefinitionKinds.TryParse((string?)value, out var declared))
            {
                return declared;
            }

            var shown = property.Value.Type == JTokenType.String ? (string?)property.Value : property.Value.ToString(Newtonsoft.Json.Formatting.None);
            errors.Add(Error(document, property.Value, DefinitionErrorCodes.Kind,
                $"« {shown} » n'est pas un type de fichier de définition. Types possibles : {KindList}.",
                $"\"{shown}\" is not a kind of definition file. Kinds: {KindList}."));
            return null;
        }

        if (DefinitionKinds.FromFileName(document.File) is { } guessed)
        {
            return guessed;
        }

        errors.Add(Error(document, null, DefinitionErrorCodes.Kind,
            $"Type de fichier inconnu : ajoutez la propriété « kind » ({KindList}) ou nommez le fichier d'après son type (p. ex. curriculum.json).",
            $"Unknown kind of file: add the \"kind\" property ({KindList}) or name the file after its kind (e.g. curriculum.json)."));
        return null;
    }

    private static object? Deserialize(LoadedDocument document, DefinitionKind kind, string content, List<DefinitionError> errors)
    {
        try
        {
            return kind switch
            {
                DefinitionKind.Curriculum => JsonSerializer.Deserialize<Curriculum>(content, AiLiteracyJson.Options),
                DefinitionKind.CompetencyFramework => JsonSerializer.Deserialize<CompetencyFramework>(content, AiLiteracyJson.Options),
                DefinitionKind.JobFamilies => JsonSerializer.Deserialize<JobFamilyCatalog>(content, AiLiteracyJson.Options),
                DefinitionKind.Charter => JsonSerializer.Deserialize<Charter>(content, AiLiteracyJson.Options),
                DefinitionKind.ToolRegistry => JsonSerializer.Deserialize<ToolRegistry>(content, AiLiteracyJson.Options),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            var json = ex as JsonException;
            var path = string.IsNullOrEmpty(json?.Path) ? JsonPaths.Root : json.Path;
            var position = document.Parsed.ValueAt(path);
            errors.Add(new DefinitionError
            {
                File = document.File,
                JsonPath = path,
                Line = position?.Line,
                Column = position?.Column,
                Code = DefinitionErrorCodes.Schema,
                Message = new LocalizedText(
                    $"La valeur de « {JsonPaths.LastName(path)} » ne peut pas être lue (date inexistante, nombre trop grand…) : {ex.Message}",
                    $"The value of \"{JsonPaths.LastName(path)}\" cannot be read (no such date, number too large…): {ex.Message}"),
            });
            return null;
        }
    }

    private static DefinitionError Error(LoadedDocument document, JToken? token, string code, string fr, string en)
    {
        var path = token is null ? JsonPaths.Root : JsonPaths.Of(token);
        var position = document.Parsed.ValueAt(path);
        return new DefinitionError
        {
            File = document.File,
            JsonPath = path,
            Line = position?.Line,
            Column = position?.Column,
            Code = code,
            Message = new LocalizedText(fr, en),
        };
    }
}
