using AiLiteracy.Model;

namespace AiLiteracy.Services;

/// <summary>One problem with an input, located by its JSON path (<c>$.completions[3].moduleId</c>) or CSV line.</summary>
/// <param name="Path">The JSON path of the faulty value, <c>$</c> for the whole input.</param>
/// <param name="Code">A stable, machine-readable code, e.g. <c>required</c>, <c>unknown-module</c>.</param>
/// <param name="Message">The message, French first.</param>
public sealed record InputError(string Path, string Code, LocalizedText Message);

/// <summary>The base of the exceptions the use-case services throw for a caller's mistake (never for a bug).</summary>
public abstract class AiLiteracyServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, French first.</param>
    protected AiLiteracyServiceException(LocalizedText message)
        : base(message.En)
    {
        LocalizedMessage = message;
    }

    /// <summary>The message, French first.</summary>
    public LocalizedText LocalizedMessage { get; }
}

/// <summary>The input is well-formed but invalid; <see cref="Errors"/> lists every problem found, not only the first.</summary>
public sealed class InputValidationException : AiLiteracyServiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Every problem found (at least one).</param>
    public InputValidationException(IReadOnlyList<InputError> errors)
        : base(new LocalizedText(
            $"La requête contient {errors.Count} erreur(s) : {string.Join(" ; ", errors.Take(5).Select(e => e.Path + " : " + e.Message.Fr))}",
            $"The request has {errors.Count} error(s): {string.Join("; ", errors.Take(5).Select(e => e.Path + ": " + e.Message.En))}"))
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InputError> Errors { get; }
}

/// <summary>A resource named by the caller does not exist in the current tenant.</summary>
public sealed class ResourceNotFoundException : AiLiteracyServiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="resource">The kind of resource, e.g. <c>agent</c>.</param>
    /// <param name="id">The id asked for.</param>
    public ResourceNotFoundException(string resource, string id)
        : base(new LocalizedText($"{FrenchName(resource)} « {id} » introuvable.", $"{char.ToUpperInvariant(resource[0])}{resource[1..]} '{id}' not found."))
    {
        Resource = resource;
        Id = id;
    }

    /// <summary>The kind of resource.</summary>
    public string Resource { get; }

    /// <summary>The id asked for.</summary>
    public string Id { get; }

    private static string FrenchName(string resource) => resource switch
    {
        "agent" => "Agent",
        "completion" => "Formation suivie",
        "subscription" => "Abonnement",
        "definition" => "Définition",
        "module" => "Module",
        "api-key" => "Clé d'API",
        _ => "Ressource " + resource,
    };
}

/// <summary>The request conflicts with the current state (e.g. the tenant has no definitions yet).</summary>
public sealed class ConflictException : AiLiteracyServiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, French first.</param>
    public ConflictException(LocalizedText message)
        : base(message)
    {
    }
}

/// <summary>Collects <see cref="InputError"/>s while validating an input.</summary>
public sealed class InputErrors
{
    private readonly List<InputError> errors = [];

    /// <summary>Whether no error was added.</summary>
    public bool IsEmpty => errors.Count == 0;

    /// <summary>The errors added.</summary>
    public IReadOnlyList<InputError> Items => errors;

    /// <summary>Adds an error.</summary>
    /// <param name="path">The JSON path.</param>
    /// <param name="code">The code.</param>
    /// <param name="fr">French message.</param>
    /// <param name="en">English message.</param>
    public void Add(string path, string code, string fr, string en) => errors.Add(new InputError(path, code, new LocalizedText(fr, en)));

    /// <summary>Adds a <c>required</c> error when <paramref name="value"/> is null or blank.</summary>
    /// <param name="path">The JSON path.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the value is present.</returns>
    public bool Required(string path, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(path, "required", "Valeur obligatoire.", "Value is required.");
        return false;
    }

    /// <summary>Adds a <c>required</c> error when <paramref name="value"/> is null.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="path">The JSON path.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the value is present.</returns>
    public bool Required<T>(string path, T? value)
        where T : struct
    {
        if (value.HasValue)
        {
            return true;
        }

        Add(path, "required", "Valeur obligatoire.", "Value is required.");
        return false;
    }

    /// <summary>Adds a <c>too-long</c> error when <paramref name="value"/> is longer than <paramref name="max"/>.</summary>
    /// <param name="path">The JSON path.</param>
    /// <param name="value">The value.</param>
    /// <param name="max">The maximum length.</param>
    public void MaxLength(string path, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(path, "too-long", $"Au plus {max} caractères.", $"At most {max} characters.");
        }
    }

    /// <summary>Throws an <see cref="InputValidationException"/> when errors were added.</summary>
    /// <exception cref="InputValidationException">Errors were added.</exception>
    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors.ToArray());
        }
    }
}
