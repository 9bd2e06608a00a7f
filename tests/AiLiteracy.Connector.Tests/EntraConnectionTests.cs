using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Infrastructure;
using AiLiteracy.Connector.Tests.Rules;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Connector.Tests;

/// <summary>
/// The Entra ID connector (<c>connector/</c>) with the tokens Power Platform sends on an OAuth connection: the server reads
/// the signing keys from the (local) Entra metadata document over HTTP, checks the audience the connector's
/// <c>resourceUri</c> names, the issuer of the token's own tenant and the app roles, and maps <c>tid</c> to the authority.
/// </summary>
public sealed class EntraConnectionTests : IAsyncLifetime
{
    /// <summary>The server's Application ID URI, which the administrator writes in place of the connector's template.</summary>
    private const string ServerApplicationIdUri = "api://ailiteracy-entra-connection-tests";

    private readonly string entraTenantId = Guid.NewGuid().ToString();
    private LocalEntraIssuer issuer = null!;
    private ConnectorServer server = null!;

    private ConnectorPackage Connector { get; } = ConnectorPackage.LoadCommitted(ConnectorVariant.EntraId);

    public async Task InitializeAsync()
    {
        issuer = await LocalEntraIssuer.StartAsync();
        server = await ConnectorServer.StartAsync(
            // The local issuer speaks plain HTTP on loopback; the server requires HTTPS metadata outside Development.
            services => services.Configure<JwtBearerOptions>(AiLiteracyClaims.BearerScheme, o => o.RequireHttpsMetadata = false),
            new Dictionary<string, string?>
            {
                ["AiLiteracy:Server:Entra:Instance"] = issuer.Instance.ToString(),
                ["AiLiteracy:Server:Entra:Audiences:0"] = ServerApplicationIdUri,
            });
        await server.CreateTenantAsync("cc-entra-" + Guid.NewGuid().ToString("N")[..6], entraTenantId);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await issuer.DisposeAsync();
    }

    /// <summary>The resource the connection asks Entra ID a token for, with the template filled in as the readme says.</summary>
    private string ConnectionResource()
    {
        var settings = Connector.ConnectionParameters["token"]!["oAuthSettings"]!;
        var resource = settings["customParameters"]!["resourceUri"]!["value"]!.GetValue<string>();
        Assert.Equal(resource, settings["properties"]!["AzureActiveDirectoryResourceId"]!.GetValue<string>());
        Assert.Equal("aad", settings["identityProvider"]!.GetValue<string>());
        return resource.Replace("{{SERVER_APPLICATION_ID_URI}}", ServerApplicationIdUri, StringComparison.Ordinal);
    }

    private ConnectorClient Connection(string token) => new(Connector, server.BaseAddress, token);

    [Fact]
    public async Task EntraConnection_RunsTheMakersFlow_WithTheTokenPowerPlatformObtains()
    {
        var client = Connection(issuer.CreateToken(entraTenantId, ConnectionResource(), [AiLiteracyRoles.Write]));

        await ConnectorFixture.Expect(201, client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = "E0001" },
            new JsonObject { ["displayName"] = "Léa Durand", ["jobFamilyId"] = "rh", ["orgUnitId"] = "DRH" }));
        var module = (await ConnectorFixture.Expect(200, client.CallAsync("ListModules"))).Body!["items"]![0]!["id"]!.GetValue<string>();
        await ConnectorFixture.Expect(201, client.CallAsync("RecordCompletion", null, new JsonObject
        {
            ["employeeNumber"] = "E0001", ["moduleId"] = module, ["date"] = "2026-03-02", ["outcome"] = "completed", ["externalId"] = "entra-1",
        }));
        var status = await ConnectorFixture.Expect(200, client.CallAsync("GetAgentStatus", new Dictionary<string, object?> { ["employeeNumber"] = "E0001" }));
        var subscribed = await ConnectorFixture.Expect(201, client.CallAsync("WhenAgentAdded", null, new JsonObject { ["notificationUrl"] = "https://flows.example/hook/entra" }));
        var deleted = await client.SendAsync(HttpMethod.Delete, subscribed.Location!);

        Assert.Equal("E0001", status.Body!["employeeNumber"]!.GetValue<string>());
        Assert.Equal(204, deleted.Status);
        Assert.True(issuer.MetadataRequests >= 1, "The server must read the signing keys from the configured Entra metadata document.");
    }

    [Fact]
    public async Task EntraConnection_WithTheReadRoleOnly_ReadsButCannotWrite()
    {
        var client = Connection(issuer.CreateToken(entraTenantId, ConnectionResource(), [AiLiteracyRoles.Read]));

        var read = await client.CallAsync("ListOrgUnits");
        var write = await client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = "E0002" }, new JsonObject { ["displayName"] = "X", ["jobFamilyId"] = "rh" });

        Assert.Equal(200, read.Status);
        Assert.Equal(403, write.Status);
    }

    public static TheoryData<string> RejectedTokens() => new() { "audience", "signature", "tenant", "expired", "roles" };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task EntraConnection_RefusesTokensTheServerMustNotTrust(string flaw)
    {
        var audience = ConnectionResource();
        var token = flaw switch
        {
            "audience" => issuer.CreateToken(entraTenantId, "api://another-application", [AiLiteracyRoles.Write]),
            "signature" => issuer.CreateToken(entraTenantId, audience, [AiLiteracyRoles.Write], signingKey: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "forged" }),
            "tenant" => issuer.CreateToken(Guid.NewGuid().ToString(), audience, [AiLiteracyRoles.Write]),
            "expired" => issuer.CreateToken(entraTenantId, audience, [AiLiteracyRoles.Write], lifetime: TimeSpan.FromMinutes(-4)),
            _ => issuer.CreateToken(entraTenantId, audience, []),
        };

        var result = await Connection(token).CallAsync("ListOrgUnits");

        Assert.True(result.Status == (flaw == "roles" ? 403 : 401), $"{result.Status}: {result.Text}");
    }
}
