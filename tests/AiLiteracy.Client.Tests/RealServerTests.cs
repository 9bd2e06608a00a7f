using System.Net;
using AiLiteracy.Client.Models;
using AiLiteracy.Client.Tests.Infrastructure;
using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Client.Tests;

/// <summary>The client against the real server over real HTTP: every model deserializes, paging and errors work end to end.</summary>
public sealed class RealServerTests(RealServer server) : IClassFixture<RealServer>
{
    private IAiLiteracyApi Api(string language = "fr") =>
        AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = server.BaseAddress, ApiKey = server.ApiKey, Language = language });

    private async Task<string> EnsureAgentsAsync(IAiLiteracyApi api, string prefix, int count)
    {
        var jobFamily = (await api.ListJobFamiliesAsync()).Items[0].Id;
        for (var i = 1; i <= count; i++)
        {
            await api.UpsertAgentAsync($"{prefix}{i:000}", new AgentInput
            {
                DisplayName = $"Agent {prefix} {i}",
                OrgUnitId = "DRH",
                JobFamilyId = jobFamily,
                StartDate = new DateOnly(2020, 1, 1),
            });
        }

        return prefix;
    }

    [Fact]
    public async Task ListAllAgents_ReadsEveryPage()
    {
        var api = Api();
        var prefix = await EnsureAgentsAsync(api, "P", 5);

        var numbers = new List<string>();
        await foreach (var agent in api.ListAllAgentsAsync(new AgentListQuery { PageSize = 2, OrgUnitId = "DRH" }))
        {
            numbers.Add(agent.EmployeeNumber);
        }

        Assert.Equal(["P001", "P002", "P003", "P004", "P005"], numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        var firstPage = await api.ListAgentsAsync(new AgentListQuery { PageSize = 2 });
        Assert.NotNull(firstPage.NextLink);
    }

    [Fact]
    public async Task CompletionAndAcknowledgement_ShowInTheAgentsStatus()
    {
        var api = Api();
        await EnsureAgentsAsync(api, "S", 1);
        var curriculum = await api.GetCurriculumAsync();
        var commonCore = curriculum.Modules.First(m => m.Track == TrackKind.CommonCore);

        var completion = await api.RecordCompletionAsync(new CompletionInput
        {
            EmployeeNumber = "S001",
            ModuleId = commonCore.Id,
            Date = new DateOnly(2026, 1, 5),
            ExternalId = "lms-42",
        });
        var again = await api.RecordCompletionAsync(new CompletionInput { EmployeeNumber = "S001", ModuleId = commonCore.Id, Date = new DateOnly(2026, 1, 5), ExternalId = "lms-42" });
        var acknowledgement = await api.RecordAcknowledgementAsync(new AcknowledgementInput { EmployeeNumber = "S001" });
        var status = await api.GetAgentStatusAsync("S001");

        Assert.Equal(completion.Id, again.Id);
        Assert.Equal(CompletionSource.Api, completion.Source);
        Assert.True(acknowledgement.CharterVersion >= 1);
        Assert.Equal(acknowledgement.CharterVersion, status.AcknowledgedCharterVersion);
        Assert.Contains(status.Requirements, r => r.ModuleId == commonCore.Id && r.State is RequirementState.Done or RequirementState.ExpiringSoon);
        Assert.False(status.IsCleared);
        Assert.NotEmpty(status.ClearanceReasons);
    }

    [Fact]
    public async Task InvalidCompletion_IsAProblemWithJsonPaths()
    {
        var api = Api("en");
        await EnsureAgentsAsync(api, "E", 1);

        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() =>
            api.RecordCompletionAsync(new CompletionInput { EmployeeNumber = "E001", ModuleId = "NO-SUCH-MODULE", Date = new DateOnly(2026, 1, 5) }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Contains(error.Errors, e => e.Path == "$.moduleId");
        Assert.NotNull(error.Detail);
    }

    [Fact]
    public async Task UnknownAgent_IsA404()
    {
        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() => Api().GetAgentAsync("NOBODY"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task WrongApiKey_IsA401()
    {
        var api = AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = server.BaseAddress, ApiKey = "not-a-key" });

        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() => api.ListTracksAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task UsageCheck_CitesCharterRules()
    {
        var api = Api();
        await EnsureAgentsAsync(api, "U", 1);
        var tools = await api.ListToolsAsync();

        var decision = await api.CheckUsageAsync(new UsageCheckInput
        {
            EmployeeNumber = "U001",
            ToolId = tools.Items[0].Id,
            DataClass = DataClass.Sensitive,
            Purpose = "Rédiger un courrier",
        });

        Assert.False(decision.IsAllowed);
        Assert.Equal(UsageOutcome.Refused, decision.Outcome);
        Assert.NotEmpty(decision.RuleIds);
    }

    [Fact]
    public async Task Reports_Deserialize()
    {
        var api = Api();
        await EnsureAgentsAsync(api, "R", 3);

        var coverage = await api.GetCoverageReportAsync();
        var plan = await api.GetTrainingPlanAsync(new ReportQuery { OrgUnitId = "DRH" });
        var register = await api.GetLiteracyRegisterAsync();
        var expiring = await api.GetExpiringModulesAsync();

        Assert.Equal("Ville d'Exemple", coverage.OrganizationName);
        Assert.True(coverage.Total.ActiveAgents >= 3);
        Assert.True(plan.PeopleToTrain >= 3);
        Assert.NotEmpty(plan.Modules);
        Assert.Contains(register.People, p => p.EmployeeNumber == "R001");
        Assert.True(expiring.WindowDays > 0);
    }

    [Fact]
    public async Task DefinitionsAndLookups_Deserialize()
    {
        var api = Api("en");

        var organization = await api.GetOrganizationAsync();
        var charter = await api.GetCharterAsync();
        var framework = await api.GetCompetencyFrameworkAsync();
        var families = await api.GetJobFamiliesAsync();
        var modules = await api.ListModulesAsync(TrackKind.CommonCore);
        var dataClasses = await api.ListDataClassesAsync();

        Assert.Equal("ville-exemple", organization.Id);
        Assert.NotEmpty(charter.Rules);
        Assert.NotEmpty(framework.Competencies);
        Assert.NotEmpty(families.JobFamilies);
        Assert.NotEmpty(modules.Items);
        Assert.Equal(5, dataClasses.Items.Count);
    }

    [Fact]
    public async Task Subscriptions_CanBeCreatedListedAndDeleted()
    {
        var api = Api();

        var created = await api.CreateSubscriptionAsync(new SubscriptionInput { Event = "completion.recorded", NotificationUrl = "https://127.0.0.1:9/ailiteracy" });
        var listed = await api.ListSubscriptionsAsync();
        await api.DeleteSubscriptionAsync(created.Id);
        var after = await api.ListSubscriptionsAsync();

        Assert.False(string.IsNullOrEmpty(created.Secret));
        Assert.Contains(listed.Items, s => s.Id == created.Id);
        Assert.DoesNotContain(after.Items, s => s.Id == created.Id);
    }

    [Fact]
    public async Task ApiKeys_CanBeCreatedUsedListedAndRevoked()
    {
        var api = Api();

        var created = await api.CreateApiKeyAsync(new ApiKeyInput { Name = "Script DSI", Roles = ["AiLiteracy.Read"] });
        var reader = AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = server.BaseAddress, ApiKey = created.Key });
        var organization = await reader.GetOrganizationAsync();
        var forbidden = await Assert.ThrowsAsync<AiLiteracyApiException>(() => reader.ListApiKeysAsync());
        var listed = await api.ListApiKeysAsync();
        await api.RevokeApiKeyAsync(created.ApiKey.KeyId);
        var after = await api.ListApiKeysAsync();
        var invalid = await Assert.ThrowsAsync<AiLiteracyApiException>(() => api.CreateApiKeyAsync(new ApiKeyInput { Name = "x", Roles = ["Root"] }));

        Assert.StartsWith("ail_" + created.ApiKey.KeyId + "_", created.Key, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, created.ToString(), StringComparison.Ordinal);
        Assert.Equal("ville-exemple", organization.Id);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.True(Assert.Single(listed.Items, k => k.KeyId == created.ApiKey.KeyId).IsActive);
        var revoked = Assert.Single(after.Items, k => k.KeyId == created.ApiKey.KeyId);
        Assert.False(revoked.IsActive);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains(invalid.Errors, e => e.Path == "$.roles[0]");
    }
}
