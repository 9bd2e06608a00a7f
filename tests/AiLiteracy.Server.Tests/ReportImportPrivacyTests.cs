using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiLiteracy.Model;
using AiLiteracy.Server.Tests.Infrastructure;

namespace AiLiteracy.Server.Tests;

/// <summary>Reports (JSON and CSV), HR CSV import and GDPR endpoints; run on SQLite and on PostgreSQL.</summary>
public abstract class ReportImportPrivacyTests
{
    private static readonly OrgUnit[] Units =
    [
        new() { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate },
        new() { Id = "DRH-PAIE", Name = "Service paie", Kind = OrgUnitKind.Service, ParentId = "DRH" },
    ];

    protected ReportImportPrivacyTests(ServerInstance server) => Server = server;

    protected ServerInstance Server { get; }

    private async Task<TestTenant> NewTenantAsync() =>
        await Server.CreateTenantAsync("r-" + Guid.NewGuid().ToString("N")[..10], null, Units);

    private static MultipartFormDataContent CsvFile(string csv, Encoding? encoding = null)
    {
        var content = new ByteArrayContent((encoding ?? Encoding.UTF8).GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { content, "file", "agents.csv" } };
    }

    private const string Header = "Matricule;Nom;Prénom;Courriel;Famille de métiers;Code service;Matricule responsable;Rôles;Statut;Date d'entrée;Date de sortie\n";

    [Fact]
    public async Task ImportAgents_CreatesAndUpdates_AndReportsRejectedLinesWithTheirNumbers()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("I-2", new { displayName = "Ancien nom", jobFamilyId = "rh" })).Dispose();

        var csv = Header
            + "I-1;Martin;Alice;alice@example.fr;rh;DRH;;agent;actif;01/02/2020;\n"
            + "I-2;Petit;Bruno;bruno@example.fr;rh;DRH-PAIE;;agent;actif;01/02/2019;\n"
            + "I-3;Roux;Chloé;chloe@example.fr;astronaute;DRH;;agent;actif;01/02/2021;\n"
            + "I-4;Blanc;Denis;denis@example.fr;rh;DRH;;agent;actif;31/02/2021;\n";
        using var response = await client.PostAsync("/api/v1/imports/agents", CsvFile(csv));
        var report = await response.ReadJsonAsync();

        Assert.Equal(1, report["created"]!.GetValue<int>());
        Assert.Equal(1, report["updated"]!.GetValue<int>());
        var lines = report["rejected"]!.AsArray().Select(r => r!["line"]!.GetValue<int>()).Distinct().Order().ToArray();
        Assert.Equal([4, 5], lines);
        Assert.Equal("DRH-PAIE", (await client.GetJsonAsync("/api/v1/agents/I-2"))["orgUnitId"]!.GetValue<string>());
        using var rejected = await client.GetAsync("/api/v1/agents/I-3");
        Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);
    }

    [Fact]
    public async Task ImportAgents_FullExportWithForce_DeactivatesAgentsAbsentFromTheFile()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("GONE-1")).Dispose();

        using var response = await client.PostAsync("/api/v1/imports/agents?full=true&force=true", CsvFile(Header + "K-1;Haddad;Karim;karim@example.fr;rh;DRH;;agent;actif;01/02/2020;\n"));
        var report = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, report["created"]!.GetValue<int>());
        Assert.Equal(1, report["deactivated"]!.GetValue<int>());
        Assert.Equal("left", (await client.GetJsonAsync("/api/v1/agents/GONE-1"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportAgents_FullExportAboveTheDeactivationThreshold_Answers409AndAppliesNothing()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("STAY-1")).Dispose();

        using var response = await client.PostAsync("/api/v1/imports/agents?full=true", CsvFile(Header + "K-2;Haddad;Karim;karim@example.fr;rh;DRH;;agent;actif;01/02/2020;\n"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);

        Assert.Equal("import-deactivation-safety-stop", problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("wouldDeactivate").GetInt32());
        Assert.Equal(1, problem.GetProperty("activeAgents").GetInt32());
        Assert.Contains("force=true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("left", (await client.GetJsonAsync("/api/v1/agents/STAY-1"))["status"]!.GetValue<string>());
        using var notCreated = await client.GetAsync("/api/v1/agents/K-2");
        Assert.Equal(HttpStatusCode.NotFound, notCreated.StatusCode);
    }

    [Fact]
    public async Task ImportAgentsCsvContent_FullExport_StopsAt409_AndAppliesWithTheForceFlag()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("GONE-2")).Dispose();
        var body = new { content = Encoding.UTF8.GetBytes(Header + "K-3;Haddad;Karim;karim@example.fr;rh;DRH;;agent;actif;01/02/2020;\n"), fileName = "rh.csv", full = true };

        using var stopped = await client.PostAsync("/api/v1/imports/agents/csv-content", Api.Json(body));
        var problem = await ProblemAssert.IsProblemAsync(stopped, HttpStatusCode.Conflict);
        Assert.Equal("import-deactivation-safety-stop", problem.GetProperty("code").GetString());

        using var forced = await client.PostAsync("/api/v1/imports/agents/csv-content?force=true", Api.Json(body));
        var report = await forced.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(1, report["created"]!.GetValue<int>());
        Assert.Equal(1, report["deactivated"]!.GetValue<int>());
        Assert.Equal("left", (await client.GetJsonAsync("/api/v1/agents/GONE-2"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportAgents_Returns4xx_ForAMissingFileOrANonMultipartBody()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var json = await client.PostAsync("/api/v1/imports/agents", Api.Json("{}"));
        using var empty = await client.PostAsync("/api/v1/imports/agents", new MultipartFormDataContent { { new StringContent("x"), "other" } });

        await ProblemAssert.IsProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ImportAgents_BrokenCsv_RejectsLinesAndStoresNothingFromThem()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);

        using var response = await client.PostAsync("/api/v1/imports/agents", CsvFile("this is;not\n\"an;hr\nexport"));
        var report = await response.ReadJsonAsync();

        Assert.Equal(0, report["created"]!.GetValue<int>());
        Assert.NotEmpty(report["rejected"]!.AsArray());
        Assert.Empty((await client.GetJsonAsync("/api/v1/agents"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Reports_AreJson_AndCsvWhenAskedFor()
    {
        var tenant = await NewTenantAsync();
        using var client = Server.CreateClient(tenant.WriteKey);
        (await client.PutAgentAsync("REP-1", new { displayName = "Rita Perrin", jobFamilyId = "rh", orgUnitId = "DRH-PAIE", roles = new[] { "agent" } })).Dispose();
        (await client.PostCompletionAsync(new { employeeNumber = "REP-1", moduleId = "TC-01", date = "2026-10-01", outcome = "passed", score = 90 })).Dispose();

        var coverage = await client.GetJsonAsync("/api/v1/reports/coverage");
        Assert.Equal(1, coverage["total"]!["activeAgents"]!.GetValue<int>());
        Assert.Contains(coverage["byJobFamily"]!.AsArray(), l => l!["id"]!.GetValue<string>() == "rh");
        var plan = await client.GetJsonAsync("/api/v1/reports/training-plan");
        Assert.True(plan["peopleToTrain"]!.GetValue<int>() >= 1);
        var register = await client.GetJsonAsync("/api/v1/reports/literacy-register");
        Assert.Equal("REP-1", register["people"]![0]!["employeeNumber"]!.GetValue<string>());

        foreach (var (url, header) in new[] { ("coverage", "Code;Nom;Agents en poste;"), ("training-plan", "Direction (code);Direction;Unité (code);"), ("literacy-register", "Matricule;Nom;") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/" + url);
            request.Headers.Accept.ParseAdd("text/csv");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
            Assert.StartsWith(header, text);
        }
    }

    [Fact]
    public async Task Export_ReturnsEverythingHeldAboutAnAgent_AndRequiresAdmin()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("G-1", new { displayName = "Gaëlle Simon", email = "gaelle@example.fr" })).Dispose();
        (await writer.PostCompletionAsync(new { employeeNumber = "G-1", moduleId = "TC-01", date = "2026-10-01" })).Dispose();
        (await writer.PostJsonAsync("/api/v1/acknowledgements", new { employeeNumber = "G-1" })).Dispose();
        using var admin = Server.CreateClient(tenant.AdminKey);

        var export = await admin.GetJsonAsync("/api/v1/agents/G-1/export");
        using var forbidden = await writer.GetAsync("/api/v1/agents/G-1/export");

        Assert.Equal("Gaëlle Simon", export["agent"]!["displayName"]!.GetValue<string>());
        Assert.Single(export["completions"]!.AsArray());
        Assert.Single(export["acknowledgements"]!.AsArray());
        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Erase_RemovesIdentifyingFields_AndTheRegisterKeepsTheCounts()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("E-1", new { displayName = "Éloi Garnier", email = "eloi@example.fr", entraObjectId = Guid.NewGuid().ToString(), jobFamilyId = "rh", orgUnitId = "DRH" })).Dispose();
        (await writer.PostCompletionAsync(new { employeeNumber = "E-1", moduleId = "TC-01", date = "2026-10-01" })).Dispose();
        using var admin = Server.CreateClient(tenant.AdminKey);

        using var response = await admin.PostAsync("/api/v1/agents/E-1/erase", null);
        var erased = await response.ReadJsonAsync();

        Assert.Null(erased["displayName"]);
        Assert.Null(erased["email"]);
        Assert.Null(erased["entraObjectId"]);
        Assert.Equal("left", erased["status"]!.GetValue<string>());
        var register = await admin.GetJsonAsync("/api/v1/reports/literacy-register");
        var person = register["people"]!.AsArray().Single();
        Assert.Null(person!["displayName"]);
        Assert.StartsWith("ANON-", person["employeeNumber"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(person["measures"]!.AsArray());
    }

    [Fact]
    public async Task Reports_ShowTheCallersOwnWrites_AtOnce_WellBeforeTheSnapshotsMaxAge()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        await (await writer.PutAgentAsync("F-1")).ReadJsonAsync();
        var before = await writer.GetJsonAsync("/api/v1/reports/coverage");

        await (await writer.PutAgentAsync("F-2")).ReadJsonAsync();
        var after = await writer.GetJsonAsync("/api/v1/reports/coverage");
        var register = await writer.GetJsonAsync("/api/v1/reports/literacy-register");

        Assert.Equal(1, before["total"]!["activeAgents"]!.GetValue<int>());
        Assert.Equal(2, after["total"]!["activeAgents"]!.GetValue<int>());
        Assert.Equal(2, register["people"]!.AsArray().Count);
    }

    [Fact]
    public async Task Erase_AfterTheReportsWereRead_TheRegisterAndDashboardDataNoLongerShowThePerson()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        await (await writer.PutAgentAsync("E-2", new { displayName = "Romane Lefort", email = "romane@example.fr", jobFamilyId = "rh", orgUnitId = "DRH" })).ReadJsonAsync();
        await (await writer.PostCompletionAsync(new { employeeNumber = "E-2", moduleId = "TC-01", date = "2026-10-01" })).ReadJsonAsync();
        using var admin = Server.CreateClient(tenant.AdminKey);
        var before = await admin.GetJsonAsync("/api/v1/reports/literacy-register");

        (await (await admin.PostAsync("/api/v1/agents/E-2/erase", null)).ReadJsonAsync()).AsObject();
        using var after = await admin.GetAsync("/api/v1/reports/literacy-register");
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/literacy-register");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await admin.SendAsync(csvRequest);
        var afterText = await after.Content.ReadAsStringAsync();
        var csvText = await csv.Content.ReadAsStringAsync();

        Assert.Contains("Romane Lefort", before["people"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(after.IsSuccessStatusCode, afterText);
        Assert.DoesNotContain("Romane Lefort", afterText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"E-2\"", afterText, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Romane Lefort", csvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_ReplacesTheEmployeeNumberByARandomPseudonym_InEveryRecord()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("BOSS-1", new { displayName = "Bérénice Roy", jobFamilyId = "rh", roles = new[] { "agent", "manager" } })).Dispose();
        (await writer.PutAgentAsync("STAFF-1", new { displayName = "Sacha Morel", jobFamilyId = "rh", managerEmployeeNumber = "BOSS-1" })).Dispose();
        (await writer.PostCompletionAsync(new { employeeNumber = "BOSS-1", moduleId = "TC-01", date = "2026-10-01", evidenceUrl = "https://lms.example.fr/attestations/berenice-roy.pdf" })).Dispose();
        (await writer.PostJsonAsync("/api/v1/acknowledgements", new { employeeNumber = "BOSS-1" })).Dispose();
        using var admin = Server.CreateClient(tenant.AdminKey);

        var erased = await (await admin.PostAsync("/api/v1/agents/BOSS-1/erase", null)).ReadJsonAsync();
        var pseudonym = erased["employeeNumber"]!.GetValue<string>();
        var export = await admin.GetJsonAsync($"/api/v1/agents/{pseudonym}/export");
        using var gone = await admin.GetAsync("/api/v1/agents/BOSS-1");
        var staff = await admin.GetJsonAsync("/api/v1/agents/STAFF-1");
        var again = await (await admin.PostAsync($"/api/v1/agents/{pseudonym}/erase", null)).ReadJsonAsync();
        using var reuse = await writer.PutAgentAsync(pseudonym, new { displayName = "Bérénice Roy" });

        Assert.Matches("^ANON-[0-9A-F]{24}$", pseudonym);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(staff["managerEmployeeNumber"]);
        var completion = Assert.Single(export["completions"]!.AsArray());
        Assert.Equal(pseudonym, completion!["employeeNumber"]!.GetValue<string>());
        Assert.Null(completion["evidenceUrl"]);
        Assert.Equal(pseudonym, Assert.Single(export["acknowledgements"]!.AsArray())!["employeeNumber"]!.GetValue<string>());
        Assert.Equal(pseudonym, again["employeeNumber"]!.GetValue<string>());
        var problem = await ProblemAssert.IsProblemAsync(reuse, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(("employeeNumber", "reserved-employee-number"), ProblemAssert.Errors(problem));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/literacy-register");
        request.Headers.Accept.ParseAdd("text/csv");
        using var register = await admin.SendAsync(request);
        var csv = await register.Content.ReadAsStringAsync();
        Assert.Contains(pseudonym, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("BOSS-1", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Roy", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_ErasesOnlyAgentsWhoLeftLongerAgoThanThePeriod()
    {
        var tenant = await NewTenantAsync();
        using var writer = Server.CreateClient(tenant.WriteKey);
        (await writer.PutAgentAsync("OLD-1", new { displayName = "Parti depuis longtemps", status = "left", endDate = "2015-01-31" })).Dispose();
        (await writer.PutAgentAsync("NEW-1", new { displayName = "Parti récemment", status = "left", endDate = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1).ToString("yyyy-MM-dd") })).Dispose();
        using var admin = Server.CreateClient(tenant.AdminKey);

        using var response = await admin.PostJsonAsync("/api/v1/personal-data/retention", new { retentionYears = 5 });
        var result = await response.ReadJsonAsync();
        using var invalid = await admin.PostJsonAsync("/api/v1/personal-data/retention", new { retentionYears = 0 });

        using var again = await admin.PostJsonAsync("/api/v1/personal-data/retention", new { retentionYears = 5 });
        using var old = await admin.GetAsync("/api/v1/agents/OLD-1");
        var left = (await admin.GetJsonAsync("/api/v1/agents?status=left"))["items"]!.AsArray();

        Assert.Equal(1, result["erased"]!.GetValue<int>());
        Assert.Equal(0, (await again.ReadJsonAsync())["erased"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(2, left.Count);
        var erased = Assert.Single(left, a => a!["employeeNumber"]!.GetValue<string>().StartsWith("ANON-", StringComparison.Ordinal));
        Assert.Null(erased!["displayName"]);
        Assert.Equal("2015-01-31", erased["endDate"]!.GetValue<string>());
        Assert.Equal("Parti récemment", (await admin.GetJsonAsync("/api/v1/agents/NEW-1"))["displayName"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class ReportImportPrivacyTestsOnSqlite : ReportImportPrivacyTests, IClassFixture<SqliteServerFixture>
{
    public ReportImportPrivacyTestsOnSqlite(SqliteServerFixture fixture)
        : base(fixture.Server)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ReportImportPrivacyTestsOnPostgres : ReportImportPrivacyTests
{
    public ReportImportPrivacyTestsOnPostgres(PostgresFixture fixture)
        : base(fixture.Server)
    {
    }
}
