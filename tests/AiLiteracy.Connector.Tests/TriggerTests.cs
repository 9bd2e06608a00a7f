using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Infrastructure;
using AiLiteracy.Connector.Tests.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Connector.Tests;

/// <summary>The connector's triggers against the real server over real HTTP, driven by the definition.</summary>
public sealed class TriggerTests : IClassFixture<ConnectorFixture>
{
    private readonly ConnectorFixture fixture;

    public TriggerTests(ConnectorFixture fixture) => this.fixture = fixture;

    [Fact]
    public async Task WebhookTrigger_RoundTrip_SubscribesNotifiesAndDeletesWithTheConnectionAlone()
    {
        var client = fixture.Client;
        var callback = fixture.Receiver.NewCallbackUrl();
        var subscribed = await ConnectorFixture.Expect(201, client.CallAsync("WhenCompletionRecorded", null, new JsonObject { ["notificationUrl"] = callback.AbsoluteUri }));
        Assert.NotNull(subscribed.Location);
        Assert.True(subscribed.Location!.IsAbsoluteUri, "Location must be absolute: Power Automate calls it as is.");
        Assert.Equal(fixture.Server.BaseAddress.Authority, subscribed.Location.Authority);

        var module = (await client.CallAsync("ListModules")).Body!["items"]![1]!["id"]!.GetValue<string>();
        await ConnectorFixture.Expect(201, client.CallAsync("RecordCompletion", null, new JsonObject
        {
            ["employeeNumber"] = ConnectorFixture.AgentNumber, ["moduleId"] = module, ["date"] = "2025-04-02", ["outcome"] = "completed", ["externalId"] = "webhook-" + Guid.NewGuid().ToString("N"),
        }));

        var received = await fixture.Receiver.WaitForAsync(callback, 1);
        var notification = Assert.Single(received);
        var content = client.Connector.Operation("WhenCompletionRecorded").PathItem["x-ms-notification-content"]!["schema"]!.AsObject();
        var errors = await ConnectorClient.ValidateAsync(content, notification);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors) + Environment.NewLine + notification.ToJsonString());
        Assert.Equal("completion.recorded", notification["type"]!.GetValue<string>());
        Assert.Equal(module, notification["data"]!["completion"]!["moduleId"]!.GetValue<string>());

        // Power Automate deletes with the Location URL and the connection's credentials, nothing else.
        var deleted = await client.SendAsync(HttpMethod.Delete, subscribed.Location);
        Assert.Equal(204, deleted.Status);
        var again = await client.SendAsync(HttpMethod.Delete, subscribed.Location);
        Assert.Equal(404, again.Status);

        await ConnectorFixture.Expect(201, client.CallAsync("RecordCompletion", null, new JsonObject
        {
            ["employeeNumber"] = ConnectorFixture.AgentNumber, ["moduleId"] = module, ["date"] = "2025-04-03", ["outcome"] = "completed", ["externalId"] = "webhook-" + Guid.NewGuid().ToString("N"),
        }));
        await Task.Delay(1000);
        Assert.Single(fixture.Receiver.Received(callback));
    }

    [Fact]
    public async Task WebhookDelete_WithoutCredentials_IsRefused()
    {
        var subscribed = await ConnectorFixture.Expect(201, fixture.Client.CallAsync("WhenAgentAdded", null,
            new JsonObject { ["notificationUrl"] = fixture.Receiver.NewCallbackUrl().AbsoluteUri }));
        using var anonymous = new HttpClient();
        using var response = await anonymous.DeleteAsync(subscribed.Location);
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(204, (await fixture.Client.SendAsync(HttpMethod.Delete, subscribed.Location!)).Status);
    }

    [Fact]
    public async Task AgentAddedTrigger_NotifiesWithThePayloadTheDefinitionDeclares()
    {
        var client = fixture.Client;
        var callback = fixture.Receiver.NewCallbackUrl();
        var subscribed = await ConnectorFixture.Expect(201, client.CallAsync("WhenAgentAdded", null, new JsonObject { ["notificationUrl"] = callback.AbsoluteUri }));
        var number = "N" + Guid.NewGuid().ToString("N")[..7];
        await ConnectorFixture.Expect(201, client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = number },
            new JsonObject { ["displayName"] = "Nadia Roux", ["jobFamilyId"] = "rh", ["orgUnitId"] = "DRH" }));

        var notification = Assert.Single(await fixture.Receiver.WaitForAsync(callback, 1));
        var content = client.Connector.Operation("WhenAgentAdded").PathItem["x-ms-notification-content"]!["schema"]!.AsObject();
        Assert.Empty(await ConnectorClient.ValidateAsync(content, notification));
        Assert.Equal(number, notification["data"]!["employeeNumber"]!.GetValue<string>());
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, subscribed.Location!)).Status);
    }

    [Fact]
    public async Task PollingTrigger_ReturnsNewestFirst_AndTheWatermarkMovesPastWhatWasReturned()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await ConnectorServer.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var client = new ConnectorClient(ConnectorPackage.LoadCommitted(ConnectorVariant.ApiKey), server.BaseAddress, await server.CreateTenantAsync("poll"));
        await ConnectorFixture.Expect(201, client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = "P001" },
            new JsonObject { ["displayName"] = "Paul Leroy", ["jobFamilyId"] = "rh" }));
        var modules = (await client.CallAsync("ListModules")).Body!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Take(3).ToArray();
        var trigger = "WhenCompletionRecordedPolling";

        // The first poll establishes the state: nothing recorded before the flow existed starts it.
        var first = await ConnectorFixture.Expect(200, client.CallAsync(trigger));
        Assert.Empty(first.Body!["value"]!.AsArray());
        var watermark = first.Body!["watermark"]!.GetValue<DateTimeOffset>();

        foreach (var module in modules)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await ConnectorFixture.Expect(201, client.CallAsync("RecordCompletion", null, new JsonObject
            {
                ["employeeNumber"] = "P001", ["moduleId"] = module, ["date"] = "2025-09-01", ["outcome"] = "completed",
            }));
        }

        // Two per check: the two oldest first (nothing is skipped), newest first within the batch.
        var second = await ConnectorFixture.Expect(200, client.CallAsync(trigger, new Dictionary<string, object?> { ["since"] = watermark, ["pageSize"] = 2 }));
        var batch = second.Body!["value"]!.AsArray();
        Assert.Equal([modules[1], modules[0]], batch.Select(c => c!["moduleId"]!.GetValue<string>()));
        Assert.True(batch[0]!["recordedAt"]!.GetValue<DateTimeOffset>() > batch[1]!["recordedAt"]!.GetValue<DateTimeOffset>());
        watermark = second.Body!["watermark"]!.GetValue<DateTimeOffset>();
        Assert.Equal(batch[0]!["recordedAt"]!.GetValue<DateTimeOffset>(), watermark);

        var third = await ConnectorFixture.Expect(200, client.CallAsync(trigger, new Dictionary<string, object?> { ["since"] = watermark, ["pageSize"] = 2 }));
        Assert.Equal([modules[2]], third.Body!["value"]!.AsArray().Select(c => c!["moduleId"]!.GetValue<string>()));
        watermark = third.Body!["watermark"]!.GetValue<DateTimeOffset>();

        var idle = await ConnectorFixture.Expect(200, client.CallAsync(trigger, new Dictionary<string, object?> { ["since"] = watermark }));
        Assert.Empty(idle.Body!["value"]!.AsArray());
        Assert.Equal(watermark, idle.Body!["watermark"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task PollingTrigger_ReturnsEveryCompletionOfABusyPeriod_NewestFirst()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await ConnectorServer.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var client = new ConnectorClient(ConnectorPackage.LoadCommitted(ConnectorVariant.ApiKey), server.BaseAddress, await server.CreateTenantAsync("busy"));
        await ConnectorFixture.Expect(201, client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = "P002" },
            new JsonObject { ["displayName"] = "Léa Morel", ["jobFamilyId"] = "rh" }));
        var module = (await client.CallAsync("ListModules")).Body!["items"]![0]!["id"]!.GetValue<string>();
        var since = clock.GetUtcNow();
        for (var day = 1; day <= 12; day++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await ConnectorFixture.Expect(201, client.CallAsync("RecordCompletion", null, new JsonObject
            {
                ["employeeNumber"] = "P002", ["moduleId"] = module, ["date"] = $"2025-08-{day:00}", ["outcome"] = "completed",
            }));
        }

        var result = await ConnectorFixture.Expect(200, client.CallAsync("WhenCompletionRecordedPolling", new Dictionary<string, object?> { ["since"] = since }));
        var dates = result.Body!["value"]!.AsArray().Select(c => c!["date"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Reverse().Select(d => $"2025-08-{d:00}"), dates);
    }
}
