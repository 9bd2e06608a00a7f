using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiLiteracy.Client;

/// <summary>One error of a problem details response: the JSON path of the faulty value, a stable code and a message.</summary>
/// <param name="Path">The JSON path in the request body (<c>$.date</c>, <c>$[3].moduleId</c>) or the query parameter.</param>
/// <param name="Code">A stable code, e.g. <c>unknown-module</c>.</param>
/// <param name="Message">The message, in the language asked for.</param>
public sealed record AiLiteracyApiError(string Path, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path} {Code}: {Message}";
}

/// <summary>
/// The server answered with an error (RFC 7807 problem details): the HTTP status, title, detail and every input error
/// with its JSON path, so a caller can tell which value to fix. Thrown by every <see cref="IAiLiteracyApi"/> method.
/// </summary>
public sealed class AiLiteracyApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail.</param>
    /// <param name="errors">The input errors.</param>
    /// <param name="method">The request method.</param>
    /// <param name="requestUri">The request URL.</param>
    public AiLiteracyApiException(HttpStatusCode statusCode, string? title, string? detail, IReadOnlyList<AiLiteracyApiError>? errors = null, HttpMethod? method = null, Uri? requestUri = null)
        : base(BuildMessage(statusCode, title, detail, errors ?? [], method, requestUri))
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? [];
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>The HTTP status, e.g. 404, 422, 429.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's title (<c>title</c>).</summary>
    public string? Title { get; }

    /// <summary>The problem's detail (<c>detail</c>), in the language asked for.</summary>
    public string? Detail { get; }

    /// <summary>The problem type URI (<c>type</c>).</summary>
    public string? ProblemType { get; init; }

    /// <summary>
    /// The problem's stable code (<c>code</c>) when the server gives one, e.g. <c>import-deactivation-safety-stop</c>
    /// for a full agents import stopped by the deactivation safety threshold (409).
    /// </summary>
    public string? Code { get; init; }

    /// <summary>The server's trace id, to quote to its administrators.</summary>
    public string? TraceId { get; init; }

    /// <summary>The input errors with their JSON paths (422, 400); empty otherwise.</summary>
    public IReadOnlyList<AiLiteracyApiError> Errors { get; }

    /// <summary>How long the server asked to wait (<c>Retry-After</c> of a 429 or 503), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The request method.</summary>
    public HttpMethod? Method { get; }

    /// <summary>The request URL.</summary>
    public Uri? RequestUri { get; }

    /// <summary>The response body when it was not problem details (a proxy's error page, say).</summary>
    public string? Content { get; init; }

    /// <summary>Reads an error response into an exception; <see langword="null"/> for a success status.</summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception, or <see langword="null"/>.</returns>
    public static async Task<AiLiteracyApiException?> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var request = response.RequestMessage;
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
        var mediaType = response.Content?.Headers.ContentType?.MediaType;
        if (body.Length > 0 && (mediaType is "application/problem+json" or "application/json" || body.TrimStart().StartsWith('{')))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    return new AiLiteracyApiException(response.StatusCode, StringOf(root, "title"), StringOf(root, "detail"), ErrorsOf(root), request?.Method, request?.RequestUri)
                    {
                        ProblemType = StringOf(root, "type"),
                        Code = StringOf(root, "code"),
                        TraceId = StringOf(root, "traceId"),
                        RetryAfter = retryAfter ?? SecondsOf(root, "retryAfterSeconds"),
                    };
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: reported as content below.
            }
        }

        return new AiLiteracyApiException(response.StatusCode, response.ReasonPhrase, null, null, request?.Method, request?.RequestUri)
        {
            RetryAfter = retryAfter,
            Content = body.Length > 4096 ? body[..4096] : body,
        };
    }

    internal static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header, DateTimeOffset? now = null)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (now ?? DateTimeOffset.UtcNow);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? SecondsOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static List<AiLiteracyApiError> ErrorsOf(JsonElement root)
    {
        var errors = new List<AiLiteracyApiError>();
        if (!root.TryGetProperty("errors", out var list))
        {
            return errors;
        }

        if (list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    errors.Add(new AiLiteracyApiError(StringOf(item, "path") ?? "$", StringOf(item, "code") ?? "error", StringOf(item, "message") ?? string.Empty));
                }
            }
        }
        else if (list.ValueKind == JsonValueKind.Object)
        {
            // ASP.NET Core's validation problem shape: { "field": ["message", …] }.
            foreach (var property in list.EnumerateObject())
            {
                var messages = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(m => m.ToString())
                    : [property.Value.ToString()];
                errors.AddRange(messages.Select(m => new AiLiteracyApiError(property.Name, "invalid", m)));
            }
        }

        return errors;
    }

    private static string BuildMessage(HttpStatusCode status, string? title, string? detail, IReadOnlyList<AiLiteracyApiError> errors, HttpMethod? method, Uri? uri)
    {
        var text = new StringBuilder();
        if (method is not null && uri is not null)
        {
            text.Append(method.Method).Append(' ').Append(uri.IsAbsoluteUri ? uri.PathAndQuery : uri.ToString()).Append(": ");
        }

        text.Append(((int)status).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(title))
        {
            text.Append(' ').Append(title);
        }

        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(" — ").Append(detail);
        }

        foreach (var error in errors.Take(20))
        {
            text.Append(Environment.NewLine).Append("  ").Append(error);
        }

        if (errors.Count > 20)
        {
            text.Append(Environment.NewLine).Append(CultureInfo.InvariantCulture, $"  … {errors.Count - 20} more");
        }

        return text.ToString();
    }
}
