using System.Text.Json;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Problems;

/// <summary>An error item of a problem: where (JSON path or CSV line), a stable code and a message.</summary>
/// <param name="Path">The JSON path (<c>$.moduleId</c>) or <c>line 12</c>.</param>
/// <param name="Code">A stable code, e.g. <c>required</c>.</param>
/// <param name="Message">The message in the caller's language (French by default).</param>
public sealed record ProblemError(string Path, string Code, string Message);

/// <summary>Builds the RFC 7807 problems the API returns.</summary>
public static class Problems
{
    /// <summary>Creates a problem with the standard type and title of <paramref name="status"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="detail">The detail.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails Create(HttpContext context, int status, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProblemDetails
        {
            Status = status,
            Title = Title(context, status),
            Detail = detail,
            Type = TypeOf(status),
        };
    }

    /// <summary>A 422 listing every input error.</summary>
    /// <param name="context">The request.</param>
    /// <param name="errors">The errors.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails Validation(HttpContext context, IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var language = ProblemLanguage.Of(context);
        var problem = Create(context, StatusCodes.Status422UnprocessableEntity, language == "en"
            ? $"The request has {errors.Count} error(s)."
            : $"La requête contient {errors.Count} erreur(s).");
        problem.Extensions["errors"] = errors.Select(e => new ProblemError(e.Path, e.Code, e.Message.Get(language))).ToArray();
        return problem;
    }

    /// <summary>A 400 for a body that is not valid JSON or does not have the expected types, with the JSON path.</summary>
    /// <param name="context">The request.</param>
    /// <param name="exception">The parser's exception.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails InvalidJson(HttpContext context, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var line = exception.LineNumber is { } l ? l + 1 : (long?)null;
        var position = line is null ? string.Empty : $" (ligne {line}, position {exception.BytePositionInLine + 1})";
        var positionEn = line is null ? string.Empty : $" (line {line}, position {exception.BytePositionInLine + 1})";
        var problem = Create(context, StatusCodes.Status400BadRequest, ProblemLanguage.Text(
            context,
            $"Corps JSON invalide en {path}{position} : JSON mal formé ou valeur du mauvais type.",
            $"Invalid JSON body at {path}{positionEn}: malformed JSON or a value of the wrong type."));
        problem.Extensions["errors"] = new[]
        {
            new ProblemError(path, "invalid-json", ProblemLanguage.Text(
                context,
                "JSON mal formé ou valeur du mauvais type" + position + ".",
                "Malformed JSON or a value of the wrong type" + positionEn + ".")),
        };
        return problem;
    }

    /// <summary>Writes <paramref name="problem"/> as the response (results of endpoints).</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The result.</returns>
    public static IResult ToResult(this ProblemDetails problem) =>
        TypedResults.Problem(problem);

    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    private static string Title(HttpContext context, int status)
    {
        var (fr, en) = status switch
        {
            400 => ("Requête invalide", "Bad request"),
            401 => ("Authentification requise", "Authentication required"),
            403 => ("Accès refusé", "Forbidden"),
            404 => ("Introuvable", "Not found"),
            405 => ("Méthode non autorisée", "Method not allowed"),
            406 => ("Format de réponse non disponible", "Not acceptable"),
            409 => ("Conflit", "Conflict"),
            413 => ("Requête trop volumineuse", "Payload too large"),
            415 => ("Type de contenu non pris en charge", "Unsupported media type"),
            422 => ("Données invalides", "Unprocessable entity"),
            429 => ("Trop de requêtes", "Too many requests"),
            503 => ("Service indisponible", "Service unavailable"),
            _ when status >= 500 => ("Erreur du serveur", "Server error"),
            _ => ("Erreur", "Error"),
        };
        return ProblemLanguage.Text(context, fr, en);
    }
}
