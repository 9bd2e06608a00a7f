using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiLiteracy.Ports;
using AiLiteracy.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Tests;

/// <summary>
/// The hosting vendor's back office provisions authorities over HTTP with the operator key; run on SQLite and on
/// PostgreSQL. Each test starts its own server configured with two operator key hashes on the class's database.
/// </summary>
public abstract class OperatorApiTests : IAsyncLifetime
{
    protected const string Tenants = "/api/v1/operator/tenants";

    protected static readonly string OperatorKey = "ailop_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A second configured key (a rotation), its hash written in upper case.</summary>
    protected static readonly string RotatedOperatorKey = "ailop_" + Guid.NewGuid().ToString("N");

    private ServerInstance? server;

    protected OperatorApiTests(TestStorage storage) => Storage = storage;

    protected TestStorage Storage { get; }

    protected ServerInstance Server => server ?? throw new InvalidOperationException("Not started.");

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task InitializeAsync() => server = await ServerInstance.StartAsync(Storage, new Dictionary<string, string?>
    {
        ["AiLiteracy:Server:Operator:KeyHashes:0"] = Hash(OperatorKey),
        ["AiLiteracy:Server:Operator:KeyHashes:1"] = Hash(RotatedOperatorKey).ToUpperInvariant(),
    });

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private HttpClient OperatorClient(string? key = null)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Operator-Key", key ?? OperatorKey);
        return client;
    }

    private static string NewId() => "op-" + Guid.NewGuid().ToString("N")[..10];

    private static object Organization(string id, string? entraTenantId = null) => new
    {
        id,
        name = "Commune de Brume-sur-Loire",
        siren = "213701234",
        kind = "commune",
        orgUnits = new object[]
        {
            new { id = "DGS", name = "Direction générale des services", kind = "general" },
            new { id = "DRH", name = "Direction des ressources humaines", kind = "directorate", parentId = "DGS" },
            new { id = "DRH-PAIE", name = "Service paie", parentId = "DRH" },
        },
        entraTenantId,
    };

    [Fact]
    public async Task CreateTenant_Answers201WithLocation_AndAnAdministratorKeyShownOnce_ThatActsForTheNewAuthority()
    {
        var id = NewId();
        var entraTenantId = Guid.NewGuid().ToString();
        using var operatorClient = OperatorClient();

        using var created = await operatorClient.PostJsonAsync(Tenants, Organization(id, entraTenantId));
        var body = await created.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith(Tenants + "/" + id, created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(id, body["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("Commune de Brume-sur-Loire", body["tenant"]!["name"]!.GetValue<string>());
        Assert.Equal("commune", body["tenant"]!["kind"]!.GetValue<string>());
        Assert.Equal(entraTenantId, body["tenant"]!["entraTenantId"]!.GetValue<string>());
        Assert.Equal(3, body["orgUnitCount"]!.GetValue<int>());
        var key = body["administratorKey"]!["key"]!.GetValue<string>();
        var keyId = body["administratorKey"]!["apiKey"]!["keyId"]!.GetValue<string>();
        Assert.StartsWith("ail_" + keyId + "_", key, StringComparison.Ordinal);
        Assert.Equal(["AiLiteracy.Admin"], body["administratorKey"]!["apiKey"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        using var administrator = Server.CreateClient(key);
        var organization = await administrator.GetJsonAsync("/api/v1/organization");
        Assert.Equal(id, organization["id"]!.GetValue<string>());
        Assert.Equal("213701234", organization["siren"]!.GetValue<string>());
        var units = organization["orgUnits"]!.AsArray();
        Assert.Equal(["DGS", "DRH", "DRH-PAIE"], units.Select(u => u!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("DRH", units.Single(u => u!["id"]!.GetValue<string>() == "DRH-PAIE")!["parentId"]!.GetValue<string>());
        var keys = (await administrator.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray();
        Assert.Equal(keyId, Assert.Single(keys)!["keyId"]!.GetValue<string>());
        Assert.DoesNotContain(key, keys.ToJsonString(), StringComparison.Ordinal);

        var audit = await Server.InTenantAsync(id, async services =>
            await services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(), new PageRequest(100, null)));
        var entry = Assert.Single(audit.Items, e => e.Action == "tenants.create");
        Assert.Equal("operator", entry.Actor);
        Assert.Equal(id, entry.Target);
        Assert.Single(audit.Items, e => e.Action == "api-keys.create" && e.Target == keyId && e.Actor == "operator");
        Assert.DoesNotContain(audit.Items, e => (e.Details ?? string.Empty).Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateTenant_TheSameOrganizationFileAsTheCli_IsAccepted_AndARotatedKeyWorksToo()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("samples", "data", "organization.json")))!.AsObject();
        var id = NewId();
        sample["id"] = id;
        using var operatorClient = OperatorClient(RotatedOperatorKey);

        using var created = await operatorClient.PostAsync(Tenants, Api.Json(sample.ToJsonString()));
        var body = await created.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("epci", body["tenant"]!["kind"]!.GetValue<string>());
        Assert.Equal(sample["orgUnits"]!.AsArray().Count, body["orgUnitCount"]!.GetValue<int>());
        Assert.Null(body["tenant"]!["entraTenantId"]);
    }

    [Fact]
    public async Task CreateTenant_TakenIdOrEntraTenant_Answers409_AndCreatesNothing()
    {
        var id = NewId();
        var entraTenantId = Guid.NewGuid().ToString();
        using var operatorClient = OperatorClient();
        using var first = await operatorClient.PostJsonAsync(Tenants, Organization(id, entraTenantId));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var sameId = await operatorClient.PostJsonAsync(Tenants, Organization(id));
        var otherId = NewId();
        using var sameEntraTenant = await operatorClient.PostJsonAsync(Tenants, Organization(otherId, entraTenantId.ToUpperInvariant()));

        await ProblemAssert.IsProblemAsync(sameId, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(sameEntraTenant, HttpStatusCode.Conflict);
        using var missing = await operatorClient.GetAsync(Tenants + "/" + otherId);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var keys = await Server.InTenantAsync(id, async services => await services.GetRequiredService<IApiKeyStore>().ListAsync());
        Assert.Single(keys);
    }

    [Fact]
    public async Task CreateTenant_ConcurrentRequestsForOneId_CreateOneAuthorityWithOneKey_TheOthersGet409()
    {
        var id = NewId();
        using var operatorClient = OperatorClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => operatorClient.PostJsonAsync(Tenants, Organization(id))));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            var keys = await Server.InTenantAsync(id, async services => await services.GetRequiredService<IApiKeyStore>().ListAsync());
            Assert.Single(keys);
            var audit = await Server.InTenantAsync(id, async services =>
                await services.GetRequiredService<AiLiteracy.Ports.IAuditLog>().ListAsync(new AiLiteracy.Ports.AuditFilter { Action = "tenants.create" }, new AiLiteracy.Ports.PageRequest(10, null)));
            Assert.Single(audit.Items);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task CreateTenant_InvalidInput_Answers422ListingEveryErrorWithItsPath()
    {
        using var operatorClient = OperatorClient();

        using var response = await operatorClient.PostJsonAsync(Tenants, new
        {
            id = "Val de Brume",
            name = " ",
            siren = "12345",
            kind = "metropole",
            orgUnits = new object?[]
            {
                new { id = "DGS", name = "Direction générale", kind = "general" },
                new { id = "DGS", name = "Doublon", kind = "bureau" },
                new { id = "A", name = "A", parentId = "B" },
                new { id = "B", name = "B", parentId = "A" },
                new { id = "C", name = "", parentId = "INCONNUE" },
                null,
            },
            entraTenantId = "contoso.onmicrosoft.com",
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = ProblemAssert.Errors(problem);
        Assert.Equal(
            new[]
            {
                ("$.id", "invalid-tenant-id"),
                ("$.name", "required"),
                ("$.siren", "invalid-siren"),
                ("$.kind", "unknown-kind"),
                ("$.entraTenantId", "invalid-entra-tenant-id"),
                ("$.orgUnits[1].id", "duplicate-id"),
                ("$.orgUnits[1].kind", "unknown-kind"),
                ("$.orgUnits[4].name", "required"),
                ("$.orgUnits[5]", "required"),
                ("$.orgUnits[2].parentId", "cycle"),
                ("$.orgUnits[3].parentId", "cycle"),
                ("$.orgUnits[4].parentId", "unknown-parent"),
            }.Order(),
            errors.Order());
        using var list = await operatorClient.GetAsync(Tenants);
        Assert.DoesNotContain("Val de Brume", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndGetTenants_ShowTheAuthoritiesWithoutPersonalData_AndAnUnknownOneIs404()
    {
        var existing = await Server.CreateTenantAsync(NewId());
        using (var admin = Server.CreateClient(existing.AdminKey))
        {
            using var agent = await admin.PutAgentAsync("OP-1", new { displayName = "Camille Martin", email = "camille.martin@example.fr", jobFamilyId = "rh", roles = new[] { "agent" } });
            Assert.True(agent.IsSuccessStatusCode, await agent.Content.ReadAsStringAsync());
        }

        var id = NewId();
        using var operatorClient = OperatorClient();
        using var created = await operatorClient.PostJsonAsync(Tenants, Organization(id));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var listResponse = await operatorClient.GetAsync(Tenants);
        var listText = await listResponse.Content.ReadAsStringAsync();
        var items = JsonNode.Parse(listText)!["items"]!.AsArray();
        var one = await operatorClient.GetJsonAsync(Tenants + "/" + id);
        using var unknown = await operatorClient.GetAsync(Tenants + "/" + NewId());

        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        var ids = items.Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(existing.Id, ids);
        Assert.Contains(id, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.DoesNotContain("Camille", listText, StringComparison.Ordinal);
        Assert.DoesNotContain("camille.martin", listText, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "createdAt", "id", "kind", "name", "siren" },
            one.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Commune de Brume-sur-Loire", one["name"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OperatorEndpoints_RefuseTenantCredentials_AndWrongOperatorKeys_WhichAreCounted()
    {
        var tenant = await Server.CreateTenantAsync(NewId(), Guid.NewGuid().ToString());
        var failures = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServerTelemetry.Name && instrument.Name == "ailiteracy.server.authentication.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "scheme" && Equals(tag.Value, "OperatorKey"))
                {
                    Interlocked.Add(ref failures, value);
                }
            }
        });
        listener.Start();
        using var tenantAdmin = Server.CreateClient(tenant.AdminKey);
        using var bearer = Server.CreateBearerClient(Server.Tokens.Create(tenant.EntraTenantId!, ["AiLiteracy.Admin"]));
        using var anonymous = Server.CreateClient();
        using var wrongKey = OperatorClient("ailop_" + Guid.NewGuid().ToString("N"));
        using var hashAsKey = OperatorClient(Hash(OperatorKey));

        using var withApiKey = await tenantAdmin.PostJsonAsync(Tenants, Organization(NewId()));
        using var withApiKeyList = await tenantAdmin.GetAsync(Tenants);
        using var withBearer = await bearer.GetAsync(Tenants + "/" + tenant.Id);
        using var withNothing = await anonymous.GetAsync(Tenants);
        using var withWrongKey = await wrongKey.PostJsonAsync(Tenants, Organization(NewId()));
        using var withHash = await hashAsKey.GetAsync(Tenants);

        await ProblemAssert.IsProblemAsync(withApiKey, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(withApiKeyList, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(withBearer, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(withNothing, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(withWrongKey, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(withHash, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Operator-Key", withWrongKey.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.True(Interlocked.Read(ref failures) >= 2, $"Operator key failures counted: {failures}");
    }

    [Fact]
    public async Task TenantEndpoints_RefuseTheOperatorKeyAlone()
    {
        using var operatorClient = OperatorClient();

        using var organization = await operatorClient.GetAsync("/api/v1/organization");
        using var apiKeys = await operatorClient.PostJsonAsync("/api/v1/api-keys", new { name = "intrus", roles = new[] { "AiLiteracy.Admin" } });
        using var agents = await operatorClient.GetAsync("/api/v1/agents");

        Assert.Equal(HttpStatusCode.Unauthorized, organization.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiKeys.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, agents.StatusCode);
    }
}

/// <summary>One SQLite database per test class; every test starts its own server on it.</summary>
public sealed class OperatorSqliteStorage
{
    public TestStorage Storage { get; } = SqliteFiles.NewDatabase();
}

public sealed class OperatorApiTestsOnSqlite : OperatorApiTests, IClassFixture<OperatorSqliteStorage>
{
    public OperatorApiTestsOnSqlite(OperatorSqliteStorage storage)
        : base(storage.Storage)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class OperatorApiTestsOnPostgres : OperatorApiTests
{
    public OperatorApiTestsOnPostgres(PostgresFixture fixture)
        : base(fixture.Storage)
    {
    }
}

/// <summary>The operator API off (no key hash), and the start-up check of the configured hashes.</summary>
public sealed class OperatorConfigurationTests : IClassFixture<SqliteServerFixture>
{
    private readonly ServerInstance server;

    public OperatorConfigurationTests(SqliteServerFixture fixture) => server = fixture.Server;

    [Fact]
    public async Task OperatorApi_WithoutKeyHashes_Answers404_EvenToAKeyThatWouldMatchElsewhere()
    {
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Operator-Key", "ailop_" + Guid.NewGuid().ToString("N"));

        using var list = await client.GetAsync("/api/v1/operator/tenants");
        using var create = await client.PostAsync("/api/v1/operator/tenants", Api.Json(new { id = "jamais", name = "Jamais créée" }));

        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.NotFound);
        Assert.Null(await server.InTenantAsync(null, services => services.GetRequiredService<ITenantDirectory>().GetAsync("jamais")));
    }

    [Theory]
    [InlineData("ailop_a-plaintext-key-is-refused")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    public async Task StartUp_RefusesAnOperatorKeyHashThatIsNot64HexCharacters(string configured)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var refused = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), new Dictionary<string, string?>
            {
                ["AiLiteracy:Server:Operator:KeyHashes:0"] = OperatorApiTests.Hash("valid"),
                ["AiLiteracy:Server:Operator:KeyHashes:1"] = configured,
            });
        });

        Assert.Contains("Operator:KeyHashes:1", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KeyHashes:0", exception.Message, StringComparison.Ordinal);
    }
}
