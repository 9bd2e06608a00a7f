using AiLiteracy.Entra.Configuration;
using AiLiteracy.Entra.Tests.TestData;
using AiLiteracy.Groups;
using AiLiteracy.Model;
using AiLiteracy.Schemas;

namespace AiLiteracy.Entra.Tests.Configuration;

public sealed class ConfigurationTests
{
    private const string GroupId = "6f1c2a8e-0000-4000-8000-000000000001";

    private static Task<GroupSyncConfiguration> Load(string json) =>
        GroupSyncConfigurationLoader.LoadAsync("entra-groups.json", json, TestWorld.BuildDefinitions());

    [Fact]
    public async Task Load_ReadsRulesThresholdMatchingConnectionAndSync()
    {
        var configuration = await Load($$"""
            {
              "kind": "entra-group-sync",
              // Comments are allowed.
              "safety": { "maxRemovalPercent": 5, "maxRemovals": 100 },
              "matching": { "fallbacks": ["mail"] },
              "connection": { "tenantId": "contoso.fr", "clientId": "app", "credential": "client-secret",
                              "authorityHost": "https://login.sovcloud-identity.fr", "graphBaseUrl": "https://graph.svc.sovcloud.fr/v1.0" },
              "sync": { "membershipRead": "delta", "requestsPerBatch": 10 },
              "groups": [
                { "id": "{{GroupId}}", "name": "Copilot", "mode": "additive", "keepMembers": ["admin"],
                  "select": { "allOf": [ { "cleared": true }, { "jobFamily": ["rh", "communication"] },
                                         { "anyOf": [ { "orgUnit": "DGS/DRH" }, { "role": "referent" } ] },
                                         { "not": { "moduleMissing": "TC-01" } }, { "trackCompleted": "common-core" } ] } }
              ]
            }
            """);

        var rule = Assert.Single(configuration.Rules.Groups);
        Assert.Equal((GroupId, "Copilot", GroupSyncMode.Additive), (rule.GroupId, rule.Name, rule.Mode));
        Assert.Equal(["admin"], rule.KeepMembers);
        Assert.Equal(
            new AllOfSelector([
                new ClearedSelector(), new JobFamilySelector(["rh", "communication"]),
                new AnyOfSelector([new OrgUnitSelector("DGS/DRH"), new RoleSelector(AgentRoles.Referent)]),
                new NotSelector(new ModuleMissingSelector("TC-01")), new TrackCompletedSelector(TrackKind.CommonCore)]),
            rule.Selector);
        Assert.Equal((5m, 100), (configuration.Rules.RemovalThreshold.MaxRemovalPercent, configuration.Rules.RemovalThreshold.MaxRemovals));
        Assert.Equal([UserMatchFallback.Mail], configuration.Rules.Matching.Fallbacks);
        Assert.Equal(EntraCredentialKind.ClientSecret, configuration.Connection!.Credential);
        Assert.Equal("https://graph.svc.sovcloud.fr/.default", configuration.Connection.EffectiveScope);
        Assert.Equal((MembershipReadMode.Delta, 10), (configuration.Sync!.MembershipRead, configuration.Sync.RequestsPerBatch));
    }

    [Theory]
    [InlineData("""{ "groups": [ { "id": "not-a-guid", "select": { "cleared": true } } ] }""", "$.groups[0].id")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "cleared": true, "role": "referent" } } ] }""", "$.groups[0].select")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "role": "boss" } } ] }""", "$.groups[0].select.role")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001" } ] }""", "$.groups[0].select")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "cleared": true } } ], "safety": { "maxRemovalPercent": 150 } }""", "$.safety.maxRemovalPercent")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "cleared": true }, "colour": "red" } ] }""", "$.groups[0].colour")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "moduleCompleted": "NOPE-1" } } ] }""", "$.groups[0].select.moduleCompleted")]
    [InlineData("""{ "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "jobFamily": "astronautes" } } ] }""", "$.groups[0].select.jobFamily")]
    public async Task Load_ReportsErrorsWithTheirJsonPath(string json, string path)
    {
        var ex = await Assert.ThrowsAsync<GroupSyncConfigurationException>(() => Load(json));

        Assert.Contains(ex.Errors, e => e.JsonPath == path);
        Assert.All(ex.Errors, e => Assert.False(string.IsNullOrEmpty(e.Message.Fr)));
    }

    [Fact]
    public async Task Load_RejectsTwoRulesForOneGroup()
    {
        var ex = await Assert.ThrowsAsync<GroupSyncConfigurationException>(() => Load("""
            { "groups": [ { "id": "6f1c2a8e-0000-4000-8000-000000000001", "select": { "cleared": true } },
                          { "id": "6F1C2A8E-0000-4000-8000-000000000001", "select": { "all": true } } ] }
            """));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("$.groups[1].id", DefinitionErrorCodes.UnknownReference), (error.JsonPath, error.Code));
    }

    [Fact]
    public async Task Load_ReportsInvalidJsonWithALine()
    {
        var ex = await Assert.ThrowsAsync<GroupSyncConfigurationException>(() => Load("{\n  \"groups\": [,]\n}"));

        Assert.Equal((DefinitionErrorCodes.Json, 2), (ex.Errors[0].Code, ex.Errors[0].Line));
    }
}
