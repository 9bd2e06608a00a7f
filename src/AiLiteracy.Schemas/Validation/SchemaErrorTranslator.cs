using System.Globalization;
using AiLiteracy.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AiLiteracy.Schemas.Validation;

/// <summary>Turns NJsonSchema validation errors into <see cref="DefinitionError"/>s with a path, a position and a clear message.</summary>
internal static class SchemaErrorTranslator
{
    public const string IdPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public static IEnumerable<DefinitionError> Translate(ParsedJson parsed, IEnumerable<ValidationError> errors)
    {
        var seen = new HashSet<(string, ValidationErrorKind)>();
        foreach (var error in Flatten(errors))
        {
            // NJsonSchema also checks the required properties of a value that is not an object at all; the
            // "object expected" error already says what is wrong.
            if (error.Kind == ValidationErrorKind.PropertyRequired && error.Token is not JObject)
            {
                continue;
            }

            var (path, position) = Locate(parsed, error);
            if (!seen.Add((path, error.Kind)))
            {
                continue;
            }

            yield return new DefinitionError
            {
                File = parsed.File,
                JsonPath = path,
                Line = position?.Line,
                Column = position?.Column,
                Code = DefinitionErrorCodes.Schema,
                Message = Describe(error, path),
            };
        }
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            switch (error)
            {
                case ChildSchemaValidationError child when error.Kind is ValidationErrorKind.ArrayItemNotValid
                    or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid:
                    foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                    {
                        yield return nested;
                    }

                    break;
                default:
                    yield return error;
                    break;
            }
        }
    }

    private static (string Path, TextPosition? Position) Locate(ParsedJson parsed, ValidationError error)
    {
        if (error.Token is null)
        {
            var raw = error.Path ?? "#";
            var path = raw.Length <= 2 ? JsonPaths.Root : "$." + raw[2..];
            return (path, parsed.ValueAt(path));
        }

        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                var parentPath = JsonPaths.Of(error.Token);
                return (JsonPaths.Property(parentPath, error.Property ?? "?"), parsed.ValueAt(parentPath));
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var propertyPath = JsonPaths.Of(error.Token);
                return (propertyPath, parsed.NameAt(propertyPath));
            default:
                var valuePath = JsonPaths.Of(error.Token);
                return (valuePath, parsed.ValueAt(valuePath));
        }
    }

    private static LocalizedText Describe(ValidationError error, string path)
    {
        var schema = error.Schema;
        var name = error.Kind == ValidationErrorKind.PropertyRequired ? error.Property ?? "?" : JsonPaths.LastName(path);
        var token = error.Token;
        var (foundFr, foundEn) = DescribeValue(token);
        var value = token is JValue { Value: { } v } ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

        switch (error.Kind)
        {
            case ValidationErrorKind.StringExpected:
                return TypeMismatch(name, "une chaîne de caractères", "a string", foundFr, foundEn);
            case ValidationErrorKind.NumberExpected:
                return TypeMismatch(name, "un nombre", "a number", foundFr, foundEn);
            case ValidationErrorKind.IntegerExpected:
                return TypeMismatch(name, "un nombre entier", "a whole number", foundFr, foundEn);
            case ValidationErrorKind.BooleanExpected:
                return TypeMismatch(name, "true ou false", "true or false", foundFr, foundEn);
            case ValidationErrorKind.ObjectExpected:
                return TypeMismatch(name, "un objet { … }", "an object { … }", foundFr, foundEn);
            case ValidationErrorKind.ArrayExpected:
                return TypeMismatch(name, "un tableau [ … ]", "an array [ … ]", foundFr, foundEn);
            case ValidationErrorKind.PropertyRequired:
                return new($"La propriété obligatoire « {name} » est absente.", $"Required property \"{name}\" is missing.");
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var allowed = schema.Properties.Keys.Where(k => k != "$schema").ToList();
                var suggestion = Closest(name, allowed);
                return new(
                    $"Propriété inconnue « {name} »{(suggestion is null ? string.Empty : $" : vouliez-vous dire « {suggestion} » ?")} Propriétés possibles : {string.Join(", ", allowed)}.",
                    $"Unknown property \"{name}\"{(suggestion is null ? "." : $": did you mean \"{suggestion}\"?")} Allowed properties: {string.Join(", ", allowed)}.");
            case ValidationErrorKind.DateExpected:
            case ValidationErrorKind.PatternMismatch when schema.Format == "date":
                return new(
                    $"« {value} » n'est pas une date valide pour « {name} » : format AAAA-MM-JJ attendu, p. ex. 2026-01-15.",
                    $"\"{value}\" is not a valid date for \"{name}\": expected YYYY-MM-DD, e.g. 2026-01-15.");
            case ValidationErrorKind.PatternMismatch when schema.Pattern == IdPattern:
                return new(
                    $"« {value} » n'est pas un identifiant valide pour « {name} » : lettres, chiffres, « . », « _ » ou « - », sans espace, en commençant par une lettre ou un chiffre.",
                    $"\"{value}\" is not a valid id for \"{name}\": letters, digits, '.', '_' or '-', no spaces, starting with a letter or a digit.");
            case ValidationErrorKind.PatternMismatch:
                return new(
                    $"« {value} » n'a pas le format attendu pour « {name} » ({schema.Pattern}).",
                    $"\"{value}\" does not have the expected format for \"{name}\" ({schema.Pattern}).");
            case ValidationErrorKind.StringTooShort when schema.MinLength <= 1:
                return new($"« {name} » ne doit pas être vide.", $"\"{name}\" must not be empty.");
            case ValidationErrorKind.StringTooShort:
                return new($"« {name} » doit compter au moins {schema.MinLength} caractères.", $"\"{name}\" must have at least {schema.MinLength} characters.");
            case ValidationErrorKind.StringTooLong:
                return new($"« {name} » doit compter au plus {schema.MaxLength} caractères.", $"\"{name}\" must have at most {schema.MaxLength} characters.");
            case ValidationErrorKind.NumberTooSmall:
                var (min, exclusiveMin) = schema.ExclusiveMinimum is { } em ? (em, true) : (schema.Minimum, schema.IsExclusiveMinimum);
                return exclusiveMin
                    ? new($"« {name} » vaut {value} : il doit être strictement supérieur à {Format(min)}.", $"\"{name}\" is {value}: it must be greater than {Format(min)}.")
                    : new($"« {name} » vaut {value} : il doit être supérieur ou égal à {Format(min)}.", $"\"{name}\" is {value}: it must be at least {Format(min)}.");
            case ValidationErrorKind.NumberTooBig:
                var (max, exclusiveMax) = schema.ExclusiveMaximum is { } ex ? (ex, true) : (schema.Maximum, schema.IsExclusiveMaximum);
                return exclusiveMax
                    ? new($"« {name} » vaut {value} : il doit être strictement inférieur à {Format(max)}.", $"\"{name}\" is {value}: it must be less than {Format(max)}.")
                    : new($"« {name} » vaut {value} : il doit être inférieur ou égal à {Format(max)}.", $"\"{name}\" is {value}: it must be at most {Format(max)}.");
            case ValidationErrorKind.TooFewItems:
                return new($"« {name} » doit contenir au moins {schema.MinItems} élément(s).", $"\"{name}\" must contain at least {schema.MinItems} item(s).");
            case ValidationErrorKind.TooManyItems:
                return new($"« {name} » doit contenir au plus {schema.MaxItems} élément(s).", $"\"{name}\" must contain at most {schema.MaxItems} item(s).");
            case ValidationErrorKind.ItemsNotUnique:
                return new($"« {name} » contient des valeurs en double.", $"\"{name}\" contains duplicate values.");
            case ValidationErrorKind.NotInEnumeration:
                var values = string.Join(", ", schema.Enumeration.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture)));
                return new(
                    $"« {value} » n'est pas une valeur permise pour « {name} ». Valeurs permises : {values}.",
                    $"\"{value}\" is not an allowed value for \"{name}\". Allowed values: {values}.");
            default:
                return new(
                    $"La valeur de « {name} » ne respecte pas le schéma ({error.Kind}).",
                    $"The value of \"{name}\" does not match the schema ({error.Kind}).");
        }
    }

    private static LocalizedText TypeMismatch(string name, string expectedFr, string expectedEn, string foundFr, string foundEn) =>
        new($"« {name} » doit être {expectedFr}, pas {foundFr}.", $"\"{name}\" must be {expectedEn}, not {foundEn}.");

    private static string Format(decimal? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static (string Fr, string En) DescribeValue(JToken? token)
    {
        switch (token?.Type)
        {
            case JTokenType.String:
                var text = (string)token!;
                if (text.Length > 60)
                {
                    text = text[..57] + "…";
                }

                return ($"la chaîne « {text} »", $"the string \"{text}\"");
            case JTokenType.Integer:
            case JTokenType.Float:
                var number = Convert.ToString(((JValue)token!).Value, CultureInfo.InvariantCulture);
                return ($"le nombre {number}", $"the number {number}");
            case JTokenType.Boolean:
                var flag = (bool)token! ? "true" : "false";
                return ($"la valeur {flag}", $"the value {flag}");
            case JTokenType.Null:
                return ("null (omettez plutôt la propriété)", "null (omit the property instead)");
            case JTokenType.Object:
                return ("un objet", "an object");
            case JTokenType.Array:
                return ("un tableau", "an array");
            default:
                return ("une valeur d'un autre type", "a value of another type");
        }
    }

    private static string? Closest(string name, IReadOnlyList<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
