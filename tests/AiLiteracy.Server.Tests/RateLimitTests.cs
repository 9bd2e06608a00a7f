using System.Net;
using AiLiteracy.Server.Tests.Infrastructure;

namespace AiLiteracy.Server.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Tenant_OverItsBudget_Gets429WithRetryAfter_WhileAnotherTenantIsServed()
    {
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), new Dictionary<string, string?>
        {
            ["AiLiteracy:Server:RateLimit:TokenLimit"] = "5",
            ["AiLiteracy:Server:RateLimit:TokensPerSecond"] = "1",
        });
        var busy = await server.CreateTenantAsync("busy");
        var calm = await server.CreateTenantAsync("calm");
        using var busyClient = server.CreateClient(busy.ReadKey);
        using var calmClient = server.CreateClient(calm.ReadKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await busyClient.GetAsync("/api/v1/organization");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        limited.Dispose();
        using var other = await calmClient.GetAsync("/api/v1/organization");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var health = await busyClient.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
