using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Connector.Tests.Infrastructure;

/// <summary>A local endpoint standing for Power Automate's callback URL: records the notifications it receives, by path.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<(string Path, JsonNode Body)> Notifications { get; } = new();

    /// <summary>A fresh callback URL (one per flow).</summary>
    public Uri NewCallbackUrl() => new(BaseUrl, "/callbacks/" + Guid.NewGuid().ToString("N"));

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/callbacks/{id}", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            receiver!.Notifications.Enqueue((context.Request.Path.Value!, body!));
            return Results.Accepted();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address));
        return receiver;
    }

    public async Task<IReadOnlyList<JsonNode>> WaitForAsync(Uri callbackUrl, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var received = Received(callbackUrl);
            if (received.Count >= count)
            {
                return received;
            }

            await Task.Delay(50);
        }

        return Received(callbackUrl);
    }

    public IReadOnlyList<JsonNode> Received(Uri callbackUrl) =>
        Notifications.Where(n => n.Path == callbackUrl.AbsolutePath).Select(n => n.Body).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
