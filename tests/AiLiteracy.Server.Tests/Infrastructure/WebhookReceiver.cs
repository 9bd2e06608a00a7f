using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>A local HTTP endpoint that records the webhook deliveries it receives; it can fail the first N of them.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public int Attempts => attempts;

    private int attempts;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { failuresLeft = failFirst };
        app.MapPost("/hook", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver.attempts);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref receiver.failuresLeft) >= 0)
            {
                return Results.StatusCode(500);
            }

            receiver.Deliveries.Enqueue(new Delivery(
                body,
                context.Request.Headers["X-AiLiteracy-Signature"].ToString(),
                context.Request.Headers["X-AiLiteracy-Timestamp"].ToString(),
                context.Request.Headers["X-AiLiteracy-Event-Id"].ToString(),
                context.Request.Headers["X-AiLiteracy-Event-Type"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Deliveries.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Deliveries.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One delivery received.</summary>
public sealed record Delivery(string Body, string Signature, string Timestamp, string EventId, string EventType)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
