using System.Net;
using AiLiteracy.Server.Tests.Infrastructure;
using AiLiteracy.Server.Webhooks;
using AiLiteracy.Services;

namespace AiLiteracy.Server.Tests;

/// <summary>Webhook subscriptions and signed delivery through the outbox; run on SQLite and on PostgreSQL.</summary>
public abstract class WebhookTests
{
    protected WebhookTests(ServerInstance server) => Server = server;

    protected ServerInstance Server { get; }

    protected async Task<(TestTenant Tenant, HttpClient Client)> TenantWithAgentAsync(string employeeNumber)
    {
        var tenant = await Server.CreateTenantAsync("wh-" + Guid.NewGuid().ToString("N")[..10]);
        var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync(employeeNumber)).Dispose();
        return (tenant, client);
    }

    protected static async Task<(string Id, string Secret, Uri Location)> SubscribeAsync(HttpClient client, Uri url, string eventType)
    {
        using var response = await client.PostJsonAsync("/api/v1/subscriptions", new { notificationUrl = url.ToString(), @event = eventType });
        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (body["id"]!.GetValue<string>(), body["secret"]!.GetValue<string>(), response.Headers.Location!);
    }

    [Fact]
    public async Task Subscribe_Returns201WithLocation_AndDeleteOnThatLocationReturns204ThenNotFound()
    {
        var (_, client) = await TenantWithAgentAsync("W-0");
        using (client)
        {
            var (id, secret, location) = await SubscribeAsync(client, new Uri("https://hooks.example.org/flow/1"), WebhookEvents.AgentCreated);

            Assert.Equal($"/api/v1/subscriptions/{id}", location.OriginalString);
            Assert.True(secret.Length >= 32);
            var list = await client.GetJsonAsync("/api/v1/subscriptions");
            Assert.Null(list["items"]![0]!["secret"]);
            using var deleted = await client.DeleteAsync(location);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            using var again = await client.DeleteAsync(location);
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("http://hooks.example.org/flow", "completion.recorded")]
    [InlineData("not a url", "completion.recorded")]
    [InlineData("https://hooks.example.org/flow", "agent.deleted")]
    public async Task Subscribe_Returns422_ForAnInsecureUrlOrUnknownEvent(string url, string eventType)
    {
        var (_, client) = await TenantWithAgentAsync("W-1");
        using (client)
        {
            using var response = await client.PostJsonAsync("/api/v1/subscriptions", new { notificationUrl = url, @event = eventType });

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        }
    }

    [Fact]
    public async Task CompletionRecorded_IsDeliveredOnce_WithAValidSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, client) = await TenantWithAgentAsync("W-2");
        using (client)
        {
            var (id, secret, _) = await SubscribeAsync(client, receiver.Url, WebhookEvents.CompletionRecorded);
            var body = new { employeeNumber = "W-2", moduleId = "TC-01", date = "2026-10-01" };
            (await client.PostCompletionAsync(body)).Dispose();
            (await client.PostCompletionAsync(body)).Dispose(); // a repeat publishes nothing

            var deliveries = await receiver.WaitForAsync(1);
            await Task.Delay(500);

            var delivery = Assert.Single(receiver.Deliveries);
            Assert.Equal(WebhookDeliveryWorker.Sign(secret, delivery.Timestamp, delivery.Body), delivery.Signature);
            Assert.NotEqual(WebhookDeliveryWorker.Sign(secret + "x", delivery.Timestamp, delivery.Body), delivery.Signature);
            var json = delivery.Json;
            Assert.Equal("completion.recorded", json["type"]!.GetValue<string>());
            Assert.Equal(id, json["subscriptionId"]!.GetValue<string>());
            Assert.Equal(tenant.Id, json["tenantId"]!.GetValue<string>());
            Assert.Equal(delivery.EventId, json["id"]!.GetValue<string>());
            Assert.Equal("TC-01", json["data"]!["completion"]!["moduleId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Delivery_IsRetried_AfterTheReceiverAnswers500()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var (_, client) = await TenantWithAgentAsync("W-3");
        using (client)
        {
            await SubscribeAsync(client, receiver.Url, WebhookEvents.AgentCreated);
            (await client.PutAgentAsync("W-3-NEW")).Dispose();

            var deliveries = await receiver.WaitForAsync(1);

            var delivery = Assert.Single(deliveries);
            Assert.Equal("W-3-NEW", delivery.Json["data"]!["employeeNumber"]!.GetValue<string>());
            Assert.Equal(3, receiver.Attempts);
        }
    }

    [Fact]
    public async Task DeletedSubscription_ReceivesNothingMore()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, client) = await TenantWithAgentAsync("W-4");
        using (client)
        {
            var (_, _, location) = await SubscribeAsync(client, receiver.Url, WebhookEvents.AgentCreated);
            (await client.DeleteAsync(location)).Dispose();
            (await client.PutAgentAsync("W-4-NEW")).Dispose();

            await Task.Delay(1000);

            Assert.Empty(receiver.Deliveries);
        }
    }
}

public sealed class WebhookTestsOnSqlite : WebhookTests, IClassFixture<SqliteServerFixture>
{
    public WebhookTestsOnSqlite(SqliteServerFixture fixture)
        : base(fixture.Server)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class WebhookTestsOnPostgres : WebhookTests
{
    private readonly PostgresFixture fixture;

    public WebhookTestsOnPostgres(PostgresFixture fixture)
        : base(fixture.Server) => this.fixture = fixture;

    [Fact]
    public async Task TwoServerInstancesSharingPostgres_NeverDeliverAnEventTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var second = await ServerInstance.StartAsync(fixture.Storage);
        var tenant = await Server.CreateTenantAsync("dup-" + Guid.NewGuid().ToString("N")[..10]);
        using var client = Server.CreateClient(tenant.WriteKey);
        await SubscribeAsync(client, receiver.Url, WebhookEvents.AgentCreated);

        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            (await client.PutAgentAsync($"DUP-{i:000}")).Dispose();
        }

        var deliveries = await receiver.WaitForAsync(count, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);

        Assert.Equal(count, receiver.Deliveries.Count);
        Assert.Equal(count, receiver.Deliveries.Select(d => d.EventId).Distinct().Count());
        Assert.Equal(count, receiver.Deliveries.Select(d => d.Json["data"]!["employeeNumber"]!.GetValue<string>()).Distinct().Count());
    }
}
