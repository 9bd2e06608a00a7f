using System.Net;
using AiLiteracy.Server.Tests.Infrastructure;

namespace AiLiteracy.Server.Tests;

/// <summary>The authority's administrators manage its API keys over HTTP; run on SQLite and on PostgreSQL.</summary>
public abstract class ApiKeyManagementTests
{
    protected ApiKeyManagementTests(ServerInstance server) => Server = server;

    protected ServerInstance Server { get; }

    private async Task<TestTenant> NewTenantAsync() => await Server.CreateTenantAsync("k-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task CreateApiKey_Answers201WithTheSecretOnce_AndTheNewKeyWorksWithItsRolesOnly()
    {
        var tenant = await NewTenantAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);

        using var created = await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Flux Power Automate RH", roles = new[] { "AiLiteracy.Read" } });
        var body = await created.ReadJsonAsync();
        var key = body["key"]!.GetValue<string>();
        var keyId = body["apiKey"]!["keyId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/api/v1/api-keys/" + keyId, created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("ail_" + keyId + "_", key, StringComparison.Ordinal);
        Assert.Equal(["AiLiteracy.Read"], body["apiKey"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True(body["apiKey"]!["isActive"]!.GetValue<bool>());

        using var reader = Server.CreateClient(key);
        using var read = await reader.GetAsync("/api/v1/organization");
        using var write = await reader.PutAgentAsync("KEY-1");
        using var manage = await reader.GetAsync("/api/v1/api-keys");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, manage.StatusCode);

        var listed = (await admin.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray();
        var item = Assert.Single(listed, k => k!["keyId"]!.GetValue<string>() == keyId);
        Assert.Equal("Flux Power Automate RH", item!["name"]!.GetValue<string>());
        Assert.DoesNotContain(key, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.All(listed, k => Assert.Null(k!["key"]));
    }

    [Fact]
    public async Task RevokeApiKey_StopsTheKeyAtOnce_KeepsItListed_AndIsAudited()
    {
        var tenant = await NewTenantAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);
        using var created = await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Connecteur", roles = new[] { "AiLiteracy.Write" } });
        var body = await created.ReadJsonAsync();
        var key = body["key"]!.GetValue<string>();
        var keyId = body["apiKey"]!["keyId"]!.GetValue<string>();
        using var user = Server.CreateClient(key);
        using var before = await user.GetAsync("/api/v1/organization");

        using var revoked = await admin.DeleteAsync("/api/v1/api-keys/" + keyId);
        using var after = await user.GetAsync("/api/v1/organization");
        using var again = await admin.DeleteAsync("/api/v1/api-keys/" + keyId);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var item = Assert.Single((await admin.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray(), k => k!["keyId"]!.GetValue<string>() == keyId);
        Assert.False(item!["isActive"]!.GetValue<bool>());
        Assert.NotNull(item["revokedAt"]);

        var audit = await Server.InTenantAsync(tenant.Id, async services =>
            await services.GetRequiredService<AiLiteracy.Ports.IAuditLog>().ListAsync(new AiLiteracy.Ports.AuditFilter(), new AiLiteracy.Ports.PageRequest(100, null)));
        Assert.Single(audit.Items, e => e.Action == "api-keys.create" && e.Target == keyId);
        Assert.Single(audit.Items, e => e.Action == "api-keys.revoke" && e.Target == keyId);
        Assert.DoesNotContain(audit.Items, e => (e.Details ?? string.Empty).Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiKeys_AreScopedToTheTenant_AnotherTenantsKeyIsNeitherListedNorRevocable()
    {
        var first = await NewTenantAsync();
        var second = await NewTenantAsync();
        using var firstAdmin = Server.CreateClient(first.AdminKey);
        using var secondAdmin = Server.CreateClient(second.AdminKey);
        var keyId = (await (await firstAdmin.PostJsonAsync("/api/v1/api-keys", new { name = "A", roles = new[] { "AiLiteracy.Read" } })).ReadJsonAsync())["apiKey"]!["keyId"]!.GetValue<string>();

        var secondList = (await secondAdmin.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray();
        using var crossRevoke = await secondAdmin.DeleteAsync("/api/v1/api-keys/" + keyId);

        Assert.DoesNotContain(secondList, k => k!["keyId"]!.GetValue<string>() == keyId);
        await ProblemAssert.IsProblemAsync(crossRevoke, HttpStatusCode.NotFound);
        var still = Assert.Single((await firstAdmin.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray(), k => k!["keyId"]!.GetValue<string>() == keyId);
        Assert.True(still!["isActive"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CreateApiKey_WithoutNameOrWithUnknownRoles_Answers422ListingEveryError()
    {
        var tenant = await NewTenantAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);

        using var invalid = await admin.PostJsonAsync("/api/v1/api-keys", new { name = " ", roles = new[] { "AiLiteracy.Read", "Superuser" } });
        using var noRoles = await admin.PostJsonAsync("/api/v1/api-keys", new { name = new string('x', 201), roles = Array.Empty<string>() });

        var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
        Assert.Equal([("$.name", "required"), ("$.roles[1]", "unknown-role")], ProblemAssert.Errors(problem));
        var second = await ProblemAssert.IsProblemAsync(noRoles, HttpStatusCode.UnprocessableEntity);
        Assert.Equal([("$.name", "too-long"), ("$.roles", "required")], ProblemAssert.Errors(second));
    }

    [Fact]
    public async Task ApiKeys_NeedTheAdminRole_AndAuthentication()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        using var anonymous = Server.CreateClient();

        using var list = await writer.GetAsync("/api/v1/api-keys");
        using var create = await writer.PostJsonAsync("/api/v1/api-keys", new { name = "Escalade", roles = new[] { "AiLiteracy.Admin" } });
        using var unauthenticated = await anonymous.GetAsync("/api/v1/api-keys");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }
}

public sealed class ApiKeyManagementTestsOnSqlite : ApiKeyManagementTests, IClassFixture<SqliteServerFixture>
{
    public ApiKeyManagementTestsOnSqlite(SqliteServerFixture fixture)
        : base(fixture.Server)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ApiKeyManagementTestsOnPostgres : ApiKeyManagementTests
{
    public ApiKeyManagementTestsOnPostgres(PostgresFixture fixture)
        : base(fixture.Server)
    {
    }
}
