using System.Net;
using System.Text;

namespace AiLiteracy.Client.Tests.Infrastructure;

/// <summary>An inner handler answering from a script of responses, recording every request it receives.</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] responses) : HttpMessageHandler
{
    private int calls;

    public List<(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, DateTimeOffset At)> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add((request.Method, request.RequestUri!, headers, DateTimeOffset.UtcNow));
        var index = Math.Min(calls++, responses.Length - 1);
        var response = responses[index](request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
