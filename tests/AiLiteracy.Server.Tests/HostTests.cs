using System.Net;
using System.Text.Json;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Server.Tests.Infrastructure;

namespace AiLiteracy.Server.Tests;

public sealed class HostTests : IClassFixture<SqliteServerFixture>
{
    private readonly ServerInstance server;

    public HostTests(SqliteServerFixture fixture) => server = fixture.Server;

    [Fact]
    public async Task Health_IsAnonymous_AndChecksTheDatabase()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthLive_RunsNoCheck_AndHealthReady_ChecksTheDatabase()
    {
        using var client = server.CreateClient();
        var live = JsonDocument.Parse(await client.GetStringAsync("/health/live")).RootElement;
        var ready = JsonDocument.Parse(await client.GetStringAsync("/health/ready")).RootElement;

        Assert.Empty(live.GetProperty("checks").EnumerateObject());
        Assert.True(ready.GetProperty("checks").TryGetProperty("database", out _));
    }

    [Fact]
    public async Task Api_Returns401Problem_WithoutCredential()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/api/v1/organization");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Api_Returns401_ForAnUnknownApiKey()
    {
        using var client = server.CreateClient("ail_0000000000000000_notarealsecretnotarealsecretnotareal");
        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_Returns401_ForARevokedApiKey()
    {
        var tenant = await server.CreateTenantAsync("revoked-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = server.CreateClient(tenant.ReadKey);
        using (var before = await client.GetAsync("/api/v1/organization"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await server.InTenantAsync(tenant.Id, async sp =>
        {
            var store = sp.GetRequiredService<AiLiteracy.Ports.IApiKeyStore>();
            foreach (var key in await store.ListAsync())
            {
                await store.RevokeAsync(key.KeyId);
            }

            return 0;
        });

        using var after = await client.GetAsync("/api/v1/organization");
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKey_ActsForItsOwnTenant()
    {
        var a = await server.CreateTenantAsync("host-a-" + Guid.NewGuid().ToString("N")[..8]);
        var b = await server.CreateTenantAsync("host-b-" + Guid.NewGuid().ToString("N")[..8]);

        using var clientA = server.CreateClient(a.ReadKey);
        using var clientB = server.CreateClient(b.ReadKey);
        var orgA = JsonDocument.Parse(await clientA.GetStringAsync("/api/v1/organization")).RootElement;
        var orgB = JsonDocument.Parse(await clientB.GetStringAsync("/api/v1/organization")).RootElement;

        Assert.Equal(a.Id, orgA.GetProperty("id").GetString());
        Assert.Equal(b.Id, orgB.GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var tenant = await server.CreateTenantAsync("nf-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = server.CreateClient(tenant.ReadKey);
        using var response = await client.GetAsync("/api/v1/no-such-thing");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Problems_AreInEnglish_WhenAskedFor()
    {
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        using var response = await client.GetAsync("/api/v1/organization");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication required", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Bearer_ValidToken_OfAMappedEntraTenant_ActsForThatOrganization()
    {
        var entraTid = Guid.NewGuid().ToString();
        var tenant = await server.CreateTenantAsync("entra-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        using var client = server.CreateBearerClient(server.Tokens.Create(entraTid, [AiLiteracyRoles.Read]));

        var org = JsonDocument.Parse(await client.GetStringAsync("/api/v1/organization")).RootElement;

        Assert.Equal(tenant.Id, org.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Bearer_WrongAudience_Returns401()
    {
        var entraTid = Guid.NewGuid().ToString();
        await server.CreateTenantAsync("aud-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        using var client = server.CreateBearerClient(server.Tokens.Create(entraTid, [AiLiteracyRoles.Read], audience: "api://someone-else"));

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_IssuerOfAnotherTenant_Returns401()
    {
        var entraTid = Guid.NewGuid().ToString();
        await server.CreateTenantAsync("iss-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        var foreignIssuer = TestTokens.IssuerOf(Guid.NewGuid().ToString());
        using var client = server.CreateBearerClient(server.Tokens.Create(entraTid, [AiLiteracyRoles.Read], issuer: foreignIssuer));

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_UntrustedIssuerHost_Returns401()
    {
        var entraTid = Guid.NewGuid().ToString();
        await server.CreateTenantAsync("host-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        using var client = server.CreateBearerClient(server.Tokens.Create(entraTid, [AiLiteracyRoles.Read], issuer: $"https://evil.example/{entraTid}/v2.0"));

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_ExpiredToken_Returns401()
    {
        var entraTid = Guid.NewGuid().ToString();
        await server.CreateTenantAsync("exp-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        var token = server.Tokens.Create(entraTid, [AiLiteracyRoles.Read], notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-1));
        using var client = server.CreateBearerClient(token);

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_SignedWithAnotherKey_Returns401()
    {
        var entraTid = Guid.NewGuid().ToString();
        await server.CreateTenantAsync("sig-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        var other = new TestTokens();
        using var client = server.CreateBearerClient(server.Tokens.Create(entraTid, [AiLiteracyRoles.Read], key: other.SigningKey));

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_UnregisteredEntraTenant_Returns401()
    {
        using var client = server.CreateBearerClient(server.Tokens.Create(Guid.NewGuid().ToString(), [AiLiteracyRoles.Admin]));

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_WithoutAppRole_Returns403()
    {
        var entraTid = Guid.NewGuid().ToString();
        await server.CreateTenantAsync("norole-" + Guid.NewGuid().ToString("N")[..8], entraTid);
        using var client = server.CreateBearerClient(server.Tokens.Create(entraTid, []));

        using var response = await client.GetAsync("/api/v1/organization");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
