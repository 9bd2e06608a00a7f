using System.Net;
using System.Text.Json.Nodes;
using AiLiteracy.Model;
using AiLiteracy.Server.Tests.Infrastructure;

namespace AiLiteracy.Server.Tests;

/// <summary>The agents, completions, status, charter and definitions endpoints; run on SQLite and on PostgreSQL.</summary>
public abstract class ApiTests
{
    private static readonly OrgUnit[] Units =
    [
        new() { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate },
        new() { Id = "DRH-PAIE", Name = "Service paie", Kind = OrgUnitKind.Service, ParentId = "DRH" },
        new() { Id = "DSI", Name = "Direction des systèmes d'information", Kind = OrgUnitKind.Directorate },
    ];

    protected ApiTests(ServerInstance server) => Server = server;

    protected ServerInstance Server { get; }

    protected Task<TestTenant> NewTenantAsync(string? entraTid = null) =>
        Server.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..10], entraTid, Units);

    [Fact]
    public async Task UpsertAgent_Returns201ThenOk_AndGetReturnsTheStoredAgent()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        var body = new { displayName = "Camille Martin", email = "camille.martin@example.fr", jobFamilyId = "rh", orgUnitId = "DRH-PAIE", roles = new[] { "agent", "referent" } };

        using var created = await client.PutAgentAsync("M-001", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/agents/M-001", created.Headers.Location?.OriginalString);
        using var again = await client.PutAgentAsync("M-001", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var agent = await client.GetJsonAsync("/api/v1/agents/M-001");
        Assert.Equal("Camille Martin", agent["displayName"]!.GetValue<string>());
        Assert.Equal("DRH-PAIE", agent["orgUnitId"]!.GetValue<string>());
        Assert.Equal(["agent", "referent"], agent["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("active", agent["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAgent_Returns422_ListingEveryError_AndStoresNothing()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var response = await client.PutAgentAsync("M-002", new { email = "not-an-email", jobFamilyId = "astronaut", orgUnitId = "NOWHERE", roles = new[] { "agent", "king" }, status = "left" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = ProblemAssert.Errors(problem);
        Assert.Contains(("$.email", "invalid-email"), errors);
        Assert.Contains(("$.jobFamilyId", "unknown-job-family"), errors);
        Assert.Contains(("$.orgUnitId", "unknown-org-unit"), errors);
        Assert.Contains(("$.roles[1]", "unknown-role"), errors);
        Assert.Contains(("$.endDate", "required"), errors);
        using var get = await client.GetAsync("/api/v1/agents/M-002");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task UpsertAgent_Returns400WithPath_ForAWrongType()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var response = await client.PutAsync("/api/v1/agents/M-003", Api.Json("""{"displayName":"X","roles":"agent"}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(("$.roles", "invalid-json"), ProblemAssert.Errors(problem));
    }

    [Fact]
    public async Task GetAgent_Returns404Problem_ForAnUnknownEmployeeNumber()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.ReadKey);

        using var response = await client.GetAsync("/api/v1/agents/NOBODY");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("NOBODY", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ListAgents_PagesThroughEveryAgent_WithNextLink()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        for (var i = 1; i <= 5; i++)
        {
            (await writer.PutAgentAsync($"P-{i:000}")).Dispose();
        }

        using var reader = Server.CreateClient(tenant.ReadKey);
        var seen = new List<string>();
        string? url = "/api/v1/agents?pageSize=2";
        var pages = 0;
        while (url is not null)
        {
            var page = await reader.GetJsonAsync(url);
            seen.AddRange(page["items"]!.AsArray().Select(a => a!["employeeNumber"]!.GetValue<string>()));
            url = page["nextLink"]?.GetValue<string>();
            pages++;
        }

        Assert.Equal(["P-001", "P-002", "P-003", "P-004", "P-005"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListAgents_FiltersByJobFamilyRoleAndOrgUnit()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("F-1", new { jobFamilyId = "rh", orgUnitId = "DRH", roles = new[] { "agent" } })).Dispose();
        (await writer.PutAgentAsync("F-2", new { jobFamilyId = "rh", orgUnitId = "DRH", roles = new[] { "agent", "manager" } })).Dispose();
        (await writer.PutAgentAsync("F-3", new { jobFamilyId = "finances", orgUnitId = "DSI", roles = new[] { "agent", "manager" } })).Dispose();

        using var reader = Server.CreateClient(tenant.ReadKey);
        static IEnumerable<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(a => a!["employeeNumber"]!.GetValue<string>());
        Assert.Equal(["F-1", "F-2"], Ids(await reader.GetJsonAsync("/api/v1/agents?jobFamilyId=rh")));
        Assert.Equal(["F-2", "F-3"], Ids(await reader.GetJsonAsync("/api/v1/agents?role=manager")));
        Assert.Equal(["F-3"], Ids(await reader.GetJsonAsync("/api/v1/agents?orgUnitId=DSI")));
    }

    [Fact]
    public async Task ListAgents_Returns422_ForAnUnknownRoleOrPageSize_And400ForANonNumericPageSize()
    {
        var tenant = await NewTenantAsync();
        using var reader = Server.CreateClient(tenant.ReadKey);

        using var role = await reader.GetAsync("/api/v1/agents?role=king");
        using var size = await reader.GetAsync("/api/v1/agents?pageSize=5000");
        using var type = await reader.GetAsync("/api/v1/agents?pageSize=lots");

        await ProblemAssert.IsProblemAsync(role, HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(size, HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(type, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeactivateAgent_MarksTheAgentAsLeft()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("D-1")).Dispose();

        using var response = await writer.PostJsonAsync("/api/v1/agents/D-1/deactivate", new { endDate = "2026-06-30" });
        var agent = await response.ReadJsonAsync();

        Assert.Equal("left", agent["status"]!.GetValue<string>());
        Assert.Equal("2026-06-30", agent["endDate"]!.GetValue<string>());
        using var unknown = await writer.PostJsonAsync("/api/v1/agents/NOBODY/deactivate", new { });
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RecordCompletion_Returns201_ThenTheSameRecordWith200_OnRepeat()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("C-1")).Dispose();
        var body = new { employeeNumber = "C-1", moduleId = "TC-01", date = "2026-10-01", score = 85 };

        using var first = await client.PostCompletionAsync(body);
        using var second = await client.PostCompletionAsync(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.ReadJsonAsync();
        var b = await second.ReadJsonAsync();
        Assert.Equal(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>());
        Assert.Equal("passed", a["outcome"]!.GetValue<string>());
        Assert.Equal($"/api/v1/completions/{a["id"]}", first.Headers.Location?.OriginalString);
        var fetched = await client.GetJsonAsync(first.Headers.Location!.OriginalString);
        Assert.Equal("TC-01", fetched["moduleId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecordCompletion_TwentyConcurrentIdenticalPosts_StoreExactlyOneRow()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("C-20")).Dispose();
        var body = new { employeeNumber = "C-20", moduleId = "TC-02", date = "2026-10-02", outcome = "completed" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostCompletionAsync(body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((await response.ReadJsonAsync())["id"]!.GetValue<string>());
            response.Dispose();
        }

        Assert.Single(ids);
        var list = await client.GetJsonAsync("/api/v1/completions?employeeNumber=C-20");
        Assert.Single(list["items"]!.AsArray());
    }

    [Fact]
    public async Task RecordCompletion_Returns422_ForAnUnknownAgentOrModule_AndEveryInvalidField()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var unknownAgent = await client.PostCompletionAsync(new { employeeNumber = "GHOST", moduleId = "TC-01", date = "2026-10-01" });
        using var invalid = await client.PostCompletionAsync(new { moduleId = "NOPE", date = "2099-01-01", score = 140, evidenceUrl = "ftp://x" });

        var ghost = await ProblemAssert.IsProblemAsync(unknownAgent, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(("$.employeeNumber", "unknown-agent"), ProblemAssert.Errors(ghost));
        var errors = ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity));
        Assert.Contains(("$.employeeNumber", "required"), errors);
        Assert.Contains(("$.moduleId", "unknown-module"), errors);
        Assert.Contains(("$.date", "in-future"), errors);
        Assert.Contains(("$.score", "out-of-range"), errors);
        Assert.Contains(("$.evidenceUrl", "invalid-url"), errors);
    }

    [Theory]
    [InlineData("{\"employeeNumber\": \"C-1\", ", "$")]
    [InlineData("{\"employeeNumber\": \"C-1\", \"moduleId\": \"TC-01\", \"date\": \"01/10/2026\"}", "$.date")]
    [InlineData("{\"employeeNumber\": 12, \"moduleId\": \"TC-01\"}", "$.employeeNumber")]
    [InlineData("{\"employeeNumber\": \"C-1\", \"outcome\": \"aced\"}", "$.outcome")]
    [InlineData("[1, 2]", "$")]
    public async Task RecordCompletion_Returns400WithTheJsonPath_ForMalformedJsonOrWrongTypes(string json, string path)
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var response = await client.PostAsync("/api/v1/completions", Api.Json(json));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(path, ProblemAssert.Errors(problem).Single().Path);
    }

    [Fact]
    public async Task RecordCompletion_Returns400_ForAnEmptyBody_And415_ForAnotherContentType()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var empty = await client.PostAsync("/api/v1/completions", Api.Json(""));
        using var text = await client.PostAsync("/api/v1/completions", new StringContent("employeeNumber=1"));

        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task RecordCompletion_Returns413_ForAnOversizedBody()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        var huge = "{\"employeeNumber\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using var response = await client.PostAsync("/api/v1/completions", Api.Json(huge));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task RecordCompletionBatch_ReturnsAResultPerItem_AndStoresOnlyTheValidOnes()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("B-1")).Dispose();
        (await client.PostCompletionAsync(new { employeeNumber = "B-1", moduleId = "TC-01", date = "2026-09-01" })).Dispose();

        using var response = await client.PostJsonAsync("/api/v1/completions/batch", new object?[]
        {
            new { employeeNumber = "B-1", moduleId = "TC-01", date = "2026-09-01" },
            new { employeeNumber = "B-1", moduleId = "TC-02", date = "2026-09-02" },
            new { employeeNumber = "B-1", moduleId = "NOPE", date = "2026-09-03" },
            new { employeeNumber = "GHOST", moduleId = "TC-03", date = "2026-09-03" },
            null,
        });
        var result = await response.ReadJsonAsync();

        Assert.Equal(1, result["created"]!.GetValue<int>());
        Assert.Equal(1, result["existing"]!.GetValue<int>());
        Assert.Equal(3, result["rejected"]!.GetValue<int>());
        var items = result["items"]!.AsArray();
        Assert.Equal(["existing", "created", "rejected", "rejected", "rejected"], items.Select(i => i!["status"]!.GetValue<string>()));
        Assert.Equal("$[2].moduleId", items[2]!["errors"]![0]!["path"]!.GetValue<string>());
        var stored = await client.GetJsonAsync("/api/v1/completions?employeeNumber=B-1");
        Assert.Equal(["TC-01", "TC-02"], stored["items"]!.AsArray().Select(c => c!["moduleId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task RecordCompletionBatch_Returns422_ForMoreThan1000Items()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        var items = Enumerable.Range(0, 1001).Select(i => new { employeeNumber = "X", moduleId = "TC-01", date = "2026-01-01" }).ToArray();

        using var response = await client.PostJsonAsync("/api/v1/completions/batch", items);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ListCompletions_FiltersBySinceAndModule()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("L-1")).Dispose();
        (await client.PostCompletionAsync(new { employeeNumber = "L-1", moduleId = "TC-01", date = "2026-09-01" })).Dispose();
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        (await client.PostCompletionAsync(new { employeeNumber = "L-1", moduleId = "TC-02", date = "2026-09-02" })).Dispose();
        (await client.PostCompletionAsync(new { employeeNumber = "L-1", moduleId = "TC-03", date = "2026-09-03" })).Dispose();

        var recent = await client.GetJsonAsync("/api/v1/completions?since=" + Uri.EscapeDataString(since.ToString("O")));
        var tc3 = await client.GetJsonAsync("/api/v1/completions?moduleId=TC-03");

        Assert.Equal(["TC-02", "TC-03"], recent["items"]!.AsArray().Select(c => c!["moduleId"]!.GetValue<string>()));
        Assert.Equal(["TC-03"], tc3["items"]!.AsArray().Select(c => c!["moduleId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Status_ListsRequirements_AndClearsTheAgentOnceEveryModuleIsDoneAndTheCharterAcknowledged()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("S-1", new { jobFamilyId = "rh", roles = new[] { "agent" }, startDate = "2020-01-01" })).Dispose();

        var before = await client.GetJsonAsync("/api/v1/agents/S-1/status");
        Assert.False(before["isCleared"]!.GetValue<bool>());
        var required = before["requirements"]!.AsArray().Select(r => r!["moduleId"]!.GetValue<string>()).ToList();
        Assert.Contains("TC-01", required);
        Assert.Contains("METIER-RH-01", required);
        Assert.Contains(before["clearanceReasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "charter-not-acknowledged");

        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10).ToString("yyyy-MM-dd");
        foreach (var module in required)
        {
            using var recorded = await client.PostCompletionAsync(new { employeeNumber = "S-1", moduleId = module, date, outcome = "passed", score = 100 });
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        }

        using var ack = await client.PostJsonAsync("/api/v1/acknowledgements", new { employeeNumber = "S-1" });
        Assert.Equal(HttpStatusCode.Created, ack.StatusCode);
        using var ackAgain = await client.PostJsonAsync("/api/v1/acknowledgements", new { employeeNumber = "S-1" });
        Assert.Equal(HttpStatusCode.OK, ackAgain.StatusCode);

        var after = await client.GetJsonAsync("/api/v1/agents/S-1/status");
        Assert.True(after["isCleared"]!.GetValue<bool>(), after.ToJsonString());
        Assert.Empty(after["clearanceReasons"]!.AsArray());
        Assert.All(after["requirements"]!.AsArray(), r => Assert.Equal("done", r!["state"]!.GetValue<string>()));
        Assert.NotEmpty(after["competencies"]!.AsArray());
    }

    [Fact]
    public async Task Status_Returns404_ForAnUnknownAgent()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.ReadKey);

        using var response = await client.GetAsync("/api/v1/agents/NOBODY/status");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UsageCheck_ReturnsADecisionCitingCharterRules_And422ForAnUnknownTool()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("U-1")).Dispose();
        using var reader = Server.CreateClient(tenant.ReadKey);
        var tools = await reader.GetJsonAsync("/api/v1/tools");
        var toolId = tools["items"]![0]!["id"]!.GetValue<string>();

        using var response = await reader.PostJsonAsync("/api/v1/usage-checks", new { employeeNumber = "U-1", toolId, dataClass = "sensitive", purpose = "Rédiger un courrier", publishedExternally = true });
        var decision = await response.ReadJsonAsync();
        using var unknown = await reader.PostJsonAsync("/api/v1/usage-checks", new { employeeNumber = "U-1", toolId = "skynet", dataClass = "public" });

        Assert.Equal("refused", decision["outcome"]!.GetValue<string>());
        Assert.False(decision["isAllowed"]!.GetValue<bool>());
        Assert.NotEmpty(decision["ruleIds"]!.AsArray());
        Assert.Contains(("$.toolId", "unknown-tool"), ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Lookups_ListModulesJobFamiliesCompetenciesToolsTracksAndOrgUnits()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.ReadKey);

        foreach (var list in new[] { "modules", "job-families", "competencies", "tools", "tracks", "org-units" })
        {
            var items = (await client.GetJsonAsync("/api/v1/" + list))["items"]!.AsArray();
            Assert.NotEmpty(items);
            Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i!["name"]!.GetValue<string>())));
        }

        var commonCore = (await client.GetJsonAsync("/api/v1/modules?track=common-core"))["items"]!.AsArray();
        Assert.All(commonCore, m => Assert.StartsWith("TC-", m!["id"]!.GetValue<string>()));
        Assert.Equal(["DRH", "DRH-PAIE", "DSI"], (await client.GetJsonAsync("/api/v1/org-units"))["items"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Definitions_GetReturnsTheCurriculum_AndPutSavesANewVersion()
    {
        var tenant = await NewTenantAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);
        using var get = await admin.GetAsync("/api/v1/definitions/curriculum");
        var curriculum = await get.ReadJsonAsync();
        Assert.Equal("0", get.Headers.GetValues("X-Definition-Version").Single());
        curriculum["modules"]![0]!["title"]!["fr"] = "Titre modifié par l'autorité";

        using var put = await admin.PutAsync("/api/v1/definitions/curriculum", Api.Json(curriculum.ToJsonString()));
        var saved = await put.ReadJsonAsync();

        Assert.Equal(1, saved["version"]!.GetValue<int>());
        Assert.True(saved["created"]!.GetValue<bool>());
        var modules = await admin.GetJsonAsync("/api/v1/modules");
        Assert.Contains("Titre modifié par l'autorité", modules["items"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Definitions_PutReturns422_ListingEveryErrorWithItsJsonPath_AndSavesNothing()
    {
        var tenant = await NewTenantAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);
        var curriculum = await admin.GetJsonAsync("/api/v1/definitions/curriculum");
        curriculum["modules"]![0]!["durationHours"] = "long";
        curriculum["modules"]![1]!["prerequisites"] = new JsonArray("NO-SUCH-MODULE");
        curriculum["modules"]![2]!.AsObject().Remove("title");

        using var put = await admin.PutAsync("/api/v1/definitions/curriculum", Api.Json(curriculum.ToJsonString()));

        var problem = await ProblemAssert.IsProblemAsync(put, HttpStatusCode.UnprocessableEntity);
        var paths = ProblemAssert.Errors(problem).Select(e => e.Path).ToList();
        Assert.True(paths.Count >= 3, string.Join(", ", paths));
        Assert.Contains(paths, p => p.StartsWith("$.modules[0].durationHours", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("$.modules[1].prerequisites", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("$.modules[2]", StringComparison.Ordinal));
        using var after = await admin.GetAsync("/api/v1/definitions/curriculum");
        Assert.Equal("0", after.Headers.GetValues("X-Definition-Version").Single());
    }

    [Fact]
    public async Task Definitions_PutReturns400_ForMalformedJson_And403_WithoutTheAdminRole()
    {
        var tenant = await NewTenantAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);
        using var writer = Server.CreateClient(tenant.WriteKey);

        using var malformed = await admin.PutAsync("/api/v1/definitions/charter", Api.Json("{\"kind\": \"charter\", "));
        using var forbidden = await writer.PutAsync("/api/v1/definitions/charter", Api.Json("{}"));

        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/agents/R-1")]
    [InlineData("POST", "/api/v1/agents/R-1/deactivate")]
    [InlineData("POST", "/api/v1/completions")]
    [InlineData("POST", "/api/v1/completions/batch")]
    [InlineData("POST", "/api/v1/acknowledgements")]
    public async Task WriteEndpoints_Return403_ForTheReadRole(string method, string url)
    {
        var tenant = await NewTenantAsync();
        using var reader = Server.CreateClient(tenant.ReadKey);

        using var response = await reader.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Api.Json("{}") });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bearer_ReadRoleOnAWrite_Returns403_AndWriteRoleSucceeds()
    {
        var entraTid = Guid.NewGuid().ToString();
        await NewTenantAsync(entraTid);
        using var reader = Server.CreateBearerClient(Server.Tokens.Create(entraTid, ["AiLiteracy.Read"]));
        using var writer = Server.CreateBearerClient(Server.Tokens.Create(entraTid, ["AiLiteracy.Write"]));

        using var denied = await reader.PutAgentAsync("JWT-1");
        using var allowed = await writer.PutAgentAsync("JWT-1");

        await ProblemAssert.IsProblemAsync(denied, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task TenantA_NeverSeesTenantB_OnAnyListOrGetEndpoint()
    {
        var a = await NewTenantAsync();
        var b = await NewTenantAsync();
        using var writerB = Server.CreateClient(b.WriteKey);
        (await writerB.PutAgentAsync("SECRET-B")).Dispose();
        using var recorded = await writerB.PostCompletionAsync(new { employeeNumber = "SECRET-B", moduleId = "TC-01", date = "2026-09-01" });
        var completionId = (await recorded.ReadJsonAsync())["id"]!.GetValue<string>();
        (await writerB.PostJsonAsync("/api/v1/acknowledgements", new { employeeNumber = "SECRET-B" })).Dispose();

        using var readerA = Server.CreateClient(a.AdminKey);
        Assert.Empty((await readerA.GetJsonAsync("/api/v1/agents"))["items"]!.AsArray());
        Assert.Empty((await readerA.GetJsonAsync("/api/v1/completions"))["items"]!.AsArray());
        Assert.Empty((await readerA.GetJsonAsync("/api/v1/completions?employeeNumber=SECRET-B"))["items"]!.AsArray());
        foreach (var url in new[] { "/api/v1/agents/SECRET-B", "/api/v1/agents/SECRET-B/status", "/api/v1/completions/" + completionId })
        {
            using var response = await readerA.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var write = await readerA.PostCompletionAsync(new { employeeNumber = "SECRET-B", moduleId = "TC-02", date = "2026-09-01" });
        await ProblemAssert.IsProblemAsync(write, HttpStatusCode.UnprocessableEntity);
        Assert.Single((await writerB.GetJsonAsync("/api/v1/completions?employeeNumber=SECRET-B"))["items"]!.AsArray());
    }
}

public sealed class ApiTestsOnSqlite : ApiTests, IClassFixture<SqliteServerFixture>
{
    public ApiTestsOnSqlite(SqliteServerFixture fixture)
        : base(fixture.Server)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ApiTestsOnPostgres : ApiTests
{
    public ApiTestsOnPostgres(PostgresFixture fixture)
        : base(fixture.Server)
    {
    }
}
