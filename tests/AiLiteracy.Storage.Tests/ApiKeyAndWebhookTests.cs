using AiLiteracy.Ports;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task ApiKey_VerifiesWithItsPlaintextOnce_AndStoresOnlyAHash()
    {
        await using var harness = await NewHarnessAsync();
        var created = await harness.With<IApiKeyStore, CreatedApiKey>(TenantA, s => s.CreateAsync("Flux Power Automate RH", ["Completions.Write", "Agents.Read"]));

        var verified = await harness.With<IApiKeyStore, ApiKeyInfo?>(null, s => s.VerifyAsync(created.PlaintextKey));
        await using var scope = harness.Scope(TenantA);
        var row = await scope.Db.ApiKeys.SingleAsync();

        Assert.StartsWith($"ail_{created.Key.KeyId}_", created.PlaintextKey, StringComparison.Ordinal);
        Assert.Equal(created.Key.KeyId, verified!.KeyId);
        Assert.Equal("Flux Power Automate RH", verified.Name);
        Assert.Equal(created.Key.CreatedAt, verified.CreatedAt);
        Assert.Equal(TenantA, verified.TenantId);
        Assert.Equal(["Completions.Write", "Agents.Read"], verified.Roles);
        Assert.Equal(32, row.SecretHash.Length);
        // The secret follows "ail_" + the 16-character key id + "_" (it may itself contain '_', being base64url).
        var secret = created.PlaintextKey[$"ail_{created.Key.KeyId}_".Length..];
        Assert.True(secret.Length >= 32, "the secret carries at least 192 bits");
        Assert.DoesNotContain(secret, row.Roles + row.Name + row.KeyId, StringComparison.Ordinal);
        Assert.DoesNotContain(created.PlaintextKey, created.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_IsRejected_WhenItsSecretIsWrongOrMalformedOrItIsRevoked()
    {
        await using var harness = await NewHarnessAsync();
        var created = await harness.With<IApiKeyStore, CreatedApiKey>(TenantA, s => s.CreateAsync("Script", ["Reports.Read"]));
        var wrongSecret = created.PlaintextKey[..^4] + (created.PlaintextKey.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var unknownId = "ail_0000000000000000_" + created.PlaintextKey[(4 + 16 + 1)..];

        Assert.Null(await harness.With<IApiKeyStore, ApiKeyInfo?>(null, s => s.VerifyAsync(wrongSecret)));
        Assert.Null(await harness.With<IApiKeyStore, ApiKeyInfo?>(null, s => s.VerifyAsync(unknownId)));
        Assert.Null(await harness.With<IApiKeyStore, ApiKeyInfo?>(null, s => s.VerifyAsync("Bearer something")));
        Assert.Null(await harness.With<IApiKeyStore, ApiKeyInfo?>(null, s => s.VerifyAsync("")));

        Assert.True(await harness.With<IApiKeyStore, bool>(TenantA, s => s.RevokeAsync(created.Key.KeyId)));
        Assert.False(await harness.With<IApiKeyStore, bool>(TenantA, s => s.RevokeAsync(created.Key.KeyId)));
        Assert.Null(await harness.With<IApiKeyStore, ApiKeyInfo?>(null, s => s.VerifyAsync(created.PlaintextKey)));
        Assert.True((await harness.With<IApiKeyStore, IReadOnlyList<ApiKeyInfo>>(TenantA, s => s.ListAsync())).Single().IsRevoked);
    }

    [Fact]
    public async Task Webhook_KeepsItsSecretForSigning_ButNeverShowsItInListingsOrText()
    {
        await using var harness = await NewHarnessAsync();
        var created = await harness.With<IWebhookSubscriptionRepository, CreatedWebhookSubscription>(
            TenantA, r => r.CreateAsync("completion.recorded", new Uri("https://prod-12.westeurope.logic.azure.com/workflows/abc")));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var given = await harness.With<IWebhookSubscriptionRepository, CreatedWebhookSubscription>(
            TenantA, r => r.CreateAsync("*", new Uri("http://localhost:7071/hook"), "un-secret-partage-suffisamment-long"));

        var secret = await harness.With<IWebhookSubscriptionRepository, string?>(TenantA, r => r.GetSigningSecretAsync(created.Subscription.Id));
        var forEvent = await harness.With<IWebhookSubscriptionRepository, IReadOnlyList<WebhookSubscription>>(TenantA, r => r.ListForEventAsync("completion.recorded"));
        var forOther = await harness.With<IWebhookSubscriptionRepository, IReadOnlyList<WebhookSubscription>>(TenantA, r => r.ListForEventAsync("agent.updated"));

        Assert.True(created.Secret.Length >= 32);
        Assert.Equal(created.Secret, secret);
        Assert.Equal("un-secret-partage-suffisamment-long", given.Secret);
        Assert.DoesNotContain(created.Secret, created.ToString(), StringComparison.Ordinal);
        Assert.Equal([created.Subscription.Id, given.Subscription.Id], forEvent.Select(s => s.Id));
        Assert.Equal([given.Subscription.Id], forOther.Select(s => s.Id));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.With<IWebhookSubscriptionRepository, CreatedWebhookSubscription>(TenantA, r => r.CreateAsync("x", new Uri("http://example.fr/hook"))));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.With<IWebhookSubscriptionRepository, CreatedWebhookSubscription>(TenantA, r => r.CreateAsync("x", new Uri("https://example.fr/hook"), "court")));
    }

    [Fact]
    public async Task Webhook_CountsFailuresInARow_AndResetsThemOnSuccess()
    {
        await using var harness = await NewHarnessAsync();
        var created = await harness.With<IWebhookSubscriptionRepository, CreatedWebhookSubscription>(
            TenantA, r => r.CreateAsync("completion.recorded", new Uri("https://hooks.example.fr/a")));
        var id = created.Subscription.Id;

        var afterFirst = await harness.With<IWebhookSubscriptionRepository, int?>(TenantA, r => r.RecordDeliveryAsync(id, succeeded: false));
        var afterSecond = await harness.With<IWebhookSubscriptionRepository, int?>(TenantA, r => r.RecordDeliveryAsync(id, succeeded: false));
        var afterSuccess = await harness.With<IWebhookSubscriptionRepository, int?>(TenantA, r => r.RecordDeliveryAsync(id, succeeded: true));
        var deleted = await harness.With<IWebhookSubscriptionRepository, bool>(TenantA, r => r.DeleteAsync(id));

        Assert.Equal(1, afterFirst);
        Assert.Equal(2, afterSecond);
        Assert.Equal(0, afterSuccess);
        Assert.True(deleted);
        Assert.Null(await harness.With<IWebhookSubscriptionRepository, WebhookSubscription?>(TenantA, r => r.GetAsync(id)));
    }
}
