using System.Net;
using System.Text;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Hr.Xapi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Hr.Tests.Xapi;

/// <summary>The LRS client against a real HTTP server on 127.0.0.1 that pages with <c>more</c> and filters on <c>since</c>.</summary>
public sealed class LrsClientTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private readonly List<(string Query, string? Version, string? Authorization)> requests = [];
    private int failures;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet("/xapi/statements", (HttpContext context) =>
        {
            lock (requests)
            {
                requests.Add((context.Request.QueryString.Value ?? "", context.Request.Headers["X-Experience-API-Version"], context.Request.Headers.Authorization));
            }

            if (failures-- > 0)
            {
                return Results.StatusCode(503);
            }

            var stored = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
            var all = Enumerable.Range(0, 5).Select(i => new XapiStatement
            {
                Id = Guid.Parse($"00000000-0000-4000-8000-{i:D12}").ToString(),
                Stored = stored.AddHours(i),
                Verb = new XapiVerb { Id = XapiVerbs.Completed },
            }).ToArray();
            var since = context.Request.Query["since"].FirstOrDefault() is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
            var page = context.Request.Query["more"].FirstOrDefault() is { } more ? int.Parse(more, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var selected = all.Where(x => x.Stored > since).ToArray();
            var items = selected.Skip(page * 2).Take(2).ToArray();
            var next = (page + 1) * 2 < selected.Length ? $"/xapi/statements?more={page + 1}" + (since == DateTimeOffset.MinValue ? "" : "&since=" + Uri.EscapeDataString(since.ToString("O"))) : "";
            return Results.Json(new XapiStatementResult { Statements = items, More = next });
        });
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private LrsClient Client()
    {
        var services = new ServiceCollection();
        services.AddLrsClient(
            new LrsOptions { Endpoint = new Uri(app.Urls.First() + "/xapi"), Key = "lms", Secret = "s3cret", PageSize = 2 },
            new AiLiteracy.Hr.Bridge.HrBridgeOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(5) });
        return services.BuildServiceProvider().GetRequiredService<LrsClient>();
    }

    [Fact]
    public async Task GetStatements_FollowsMoreUntilTheEnd_WithVersionHeaderAndBasicAuth()
    {
        failures = 1;
        var ids = new List<string>();
        await foreach (var page in Client().GetStatementsAsync(null))
        {
            ids.AddRange(page.Statements.Select(s => s.Id!));
        }

        Assert.Equal(5, ids.Count);
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(4, requests.Count); // one 503 retried, then three pages
        Assert.All(requests, r => Assert.Equal("1.0.3", r.Version));
        Assert.All(requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("lms:s3cret")), r.Authorization));
        Assert.Contains("ascending=true", requests[0].Query, StringComparison.Ordinal);
        Assert.Contains("limit=2", requests[0].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatements_Since_AsksOnlyForLaterStatements()
    {
        var ids = new List<string>();
        await foreach (var page in Client().GetStatementsAsync(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero)))
        {
            ids.AddRange(page.Statements.Select(s => s.Id!));
        }

        Assert.Equal(["00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000004"], ids);
        Assert.Contains("since=2026-10-01T10%3A00%3A00", requests[0].Query, StringComparison.Ordinal);
    }
}
