using System.Text.Json;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Problems;

/// <summary>
/// Turns every exception into an RFC 7807 problem: the caller's mistakes (bad JSON, wrong types, invalid values,
/// unknown ids, oversized bodies) into 4xx with the JSON path of each error; anything else into a 500 that reveals nothing.
/// </summary>
internal sealed partial class ApiExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService problemDetails;
    private readonly ILogger<ApiExceptionHandler> logger;

    public ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger)
    {
        this.problemDetails = problemDetails;
        this.logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = Map(httpContext, exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    internal static ProblemDetails Map(HttpContext context, Exception exception)
    {
        switch (exception)
        {
            case InputValidationException validation:
                return Problems.Validation(context, validation.Errors);
            case ResourceNotFoundException notFound:
                return Problems.Create(context, StatusCodes.Status404NotFound, ProblemLanguage.Text(context, notFound.LocalizedMessage));
            case ConflictException conflict:
                return Problems.Create(context, StatusCodes.Status409Conflict, ProblemLanguage.Text(context, conflict.LocalizedMessage));
            case BadHttpRequestException badRequest:
                return FromBadRequest(context, badRequest);
            case JsonException json:
                return Problems.InvalidJson(context, json);
            case InvalidDataException invalidData:
                return Problems.Create(context, StatusCodes.Status400BadRequest, invalidData.Message);
            default:
                return Problems.Create(context, StatusCodes.Status500InternalServerError, ProblemLanguage.Text(
                    context,
                    "Erreur inattendue du serveur. Le détail est consigné dans les journaux avec l'identifiant de trace.",
                    "Unexpected server error. The details are logged with the trace id."));
        }
    }

    private static ProblemDetails FromBadRequest(HttpContext context, BadHttpRequestException exception)
    {
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return Problems.InvalidJson(context, json);
            }
        }

        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => Problems.Create(context, StatusCodes.Status413PayloadTooLarge, ProblemLanguage.Text(
                context, "Le corps de la requête dépasse la taille autorisée.", "The request body exceeds the allowed size.")),
            StatusCodes.Status415UnsupportedMediaType => Problems.Create(context, StatusCodes.Status415UnsupportedMediaType, ProblemLanguage.Text(
                context, "Type de contenu non pris en charge : envoyez application/json.", "Unsupported content type: send application/json.")),
            _ => Problems.Create(context, exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : 400, BindingMessage(context, exception.Message)),
        };
    }

    private static string BindingMessage(HttpContext context, string message)
    {
        // Messages of the minimal API binder are technical but carry no personal data: keep them, prefixed in French.
        return ProblemLanguage.Of(context) == "en" ? message : "Requête invalide : " + message;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Endpoint}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string? endpoint);
}
