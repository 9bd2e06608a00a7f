using System.Text;
using AiLiteracy.Hr.Xapi;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Tests.Xapi;

/// <summary>Statements shaped like the examples of the ADL xAPI specification, mapped to completions.</summary>
public sealed class XapiCompletionMapperTests
{
    private const string HomePage = "https://sirh.ville.example";

    private static readonly XapiCompletionMapper Mapper = new(new XapiMappingOptions
    {
        AccountHomePages = [HomePage],
        Activities = new Dictionary<string, string>(StringComparer.Ordinal) { ["http://example.adlnet.gov/xapi/example/activity"] = "TC-01" },
        ActivityBase = "https://lms.ville.example/modules/",
    });

    private static async Task<XapiStatement> Parse(string json)
    {
        var entries = await XapiStatementFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        return Assert.Single(entries).Statement!;
    }

    [Fact]
    public async Task Completed_WithSuccessAndScaledScore_IsAPassWithScoreOutOf100()
    {
        var statement = await Parse("""
            {
              "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
              "timestamp": "2015-11-18T12:17:00+01:00",
              "actor": { "objectType": "Agent", "name": "Project Tin Can API", "account": { "homePage": "https://sirh.ville.example/", "name": "M001" } },
              "verb": { "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en-US": "completed" } },
              "object": { "id": "http://example.adlnet.gov/xapi/example/activity", "objectType": "Activity" },
              "result": { "completion": true, "success": true, "score": { "scaled": 0.95 } }
            }
            """);

        var mapped = Mapper.Map(statement);

        Assert.Equal(XapiStatementKind.Completion, mapped.Kind);
        var completion = mapped.Completion!;
        Assert.Equal(("M001", "TC-01", CompletionOutcome.Passed, 95m), (completion.EmployeeNumber, completion.ModuleId, completion.Outcome, completion.Score));
        Assert.Equal(new DateOnly(2015, 11, 18), completion.Date);
        Assert.Equal(CompletionSource.Xapi, completion.Source);
        Assert.Equal("fd41c918-b88b-4b20-a0a5-a4c32391aaa0", completion.ExternalId);
    }

    [Theory]
    [InlineData("http://adlnet.gov/expapi/verbs/passed", null, CompletionOutcome.Passed)]
    [InlineData("http://adlnet.gov/expapi/verbs/failed", null, CompletionOutcome.Failed)]
    [InlineData("http://adlnet.gov/expapi/verbs/completed", "false", CompletionOutcome.Failed)]
    [InlineData("http://adlnet.gov/expapi/verbs/completed", null, CompletionOutcome.Completed)]
    public async Task Verb_AndSuccess_GiveTheOutcome(string verb, string? success, CompletionOutcome expected)
    {
        var result = success is null ? "" : $", \"result\": {{ \"success\": {success} }}";
        var statement = await Parse($$"""
            { "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "timestamp": "2026-10-01T09:00:00Z",
              "actor": { "mbox": "mailto:agent@ville.example" }, "verb": { "id": "{{verb}}" },
              "object": { "id": "https://lms.ville.example/modules/TC-02" }{{result}} }
            """);

        var mapped = Mapper.Map(statement);

        Assert.Equal(expected, mapped.Completion!.Outcome);
        Assert.Equal("TC-02", mapped.Completion.ModuleId);
        Assert.Equal("agent@ville.example", mapped.Email);
    }

    [Fact]
    public async Task RawScore_IsScaledBetweenMinAndMax()
    {
        var statement = await Parse("""
            { "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "timestamp": "2026-10-01T09:00:00Z",
              "actor": { "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" },
              "object": { "id": "https://lms.ville.example/modules/TC-02" }, "result": { "score": { "raw": 30, "min": 10, "max": 50 } } }
            """);

        var mapped = Mapper.Map(statement);

        Assert.Equal(50m, mapped.Completion!.Score);
        Assert.Equal("ebd31e95054c018b10727ccffd2ef2ec3a016ee9", mapped.MboxSha1Sum);
    }

    [Fact]
    public void MboxSha1_IsTheSha1OfTheMailtoIri() =>
        Assert.Equal("53d04bc579b8b4d082ca4a530642845e2c0bfe74", XapiCompletionMapper.MboxSha1(" Test@Example.com "));

    [Fact]
    public async Task VoidingStatement_OfTheAdlSpecification_NamesTheVoidedStatement()
    {
        var statement = await Parse("""
            {
              "id": "a7b1c2d3-1111-4111-8111-111111111111",
              "actor": { "objectType": "Agent", "name": "Example Admin", "mbox": "mailto:admin@example.adlnet.gov" },
              "verb": { "id": "http://adlnet.gov/expapi/verbs/voided", "display": { "en-US": "voided" } },
              "object": { "objectType": "StatementRef", "id": "E05AA883-ACAF-40AD-BF54-02C8CE485FB0" }
            }
            """);

        var mapped = Mapper.Map(statement);

        Assert.Equal(XapiStatementKind.Void, mapped.Kind);
        Assert.Equal("e05aa883-acaf-40ad-bf54-02c8ce485fb0", mapped.VoidedStatementId);
    }

    [Theory]
    [InlineData("""{ "timestamp": "2026-10-01T09:00:00Z", "actor": { "mbox": "mailto:a@b.fr" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "https://lms.ville.example/modules/TC-02" } }""", "id")]
    [InlineData("""{ "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "timestamp": "2026-10-01T09:00:00Z", "actor": { "account": { "homePage": "https://autre.example", "name": "M001" } }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "https://lms.ville.example/modules/TC-02" } }""", "actor.account.homePage")]
    [InlineData("""{ "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "timestamp": "2026-10-01T09:00:00Z", "actor": { "openid": "http://openid.example.org/12345" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "https://lms.ville.example/modules/TC-02" } }""", "actor")]
    [InlineData("""{ "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "timestamp": "2026-10-01T09:00:00Z", "actor": { "mbox": "mailto:a@b.fr" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "https://autre-lms.example/course/42" } }""", "object.id")]
    [InlineData("""{ "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "actor": { "mbox": "mailto:a@b.fr" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "https://lms.ville.example/modules/TC-02" } }""", "timestamp")]
    [InlineData("""{ "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "timestamp": "2026-10-01T09:00:00Z", "actor": { "mbox": "mailto:a@b.fr" }, "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "https://lms.ville.example/modules/TC-02" }, "result": { "score": { "scaled": 1.5 } } }""", "result.score.scaled")]
    public async Task UnusableStatement_IsRejected_WithThePathAtFault(string json, string path)
    {
        var mapped = Mapper.Map(await Parse(json));

        Assert.Equal(XapiStatementKind.Rejected, mapped.Kind);
        Assert.Equal(path, mapped.ErrorPath);
    }

    [Fact]
    public async Task OtherVerb_IsIgnored()
    {
        var statement = await Parse("""
            { "id": "7ccd3322-e1a5-411a-a67d-6a735c76f119", "actor": { "mbox": "mailto:a@b.fr" },
              "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced" }, "object": { "id": "https://lms.ville.example/modules/TC-02" } }
            """);

        Assert.Equal(XapiStatementKind.Ignored, Mapper.Map(statement).Kind);
    }

    [Fact]
    public async Task File_ReadsArraysSingleStatementsAndStatementResults_AndLocatesBrokenEntries()
    {
        var array = await XapiStatementFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""[{ "id": "x" }, 42]""")));
        var result = await XapiStatementFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""{ "statements": [{ "id": "x" }], "more": "" }""")));
        var broken = await XapiStatementFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""[{ "id": "x", """)));

        Assert.Equal(["$[0]", "$[1]"], array.Select(e => e.Path));
        Assert.NotNull(array[1].Error);
        Assert.Equal("$.statements[0]", Assert.Single(result).Path);
        Assert.Null(Assert.Single(broken).Statement);
    }

    [Fact]
    public void Writer_RoundTripsThroughTheMapper()
    {
        var completion = new Completion { EmployeeNumber = "M001", ModuleId = "TC-02", Date = new DateOnly(2026, 10, 1), Outcome = CompletionOutcome.Failed, Score = 40 };
        var id = Guid.Parse("fd41c918-b88b-4b20-a0a5-a4c32391aaa0");

        var statement = XapiStatementWriter.FromCompletion(id, completion, HomePage, "https://lms.ville.example/modules/", new LocalizedText("Risques", "Risks"));
        var back = Mapper.Map(statement).Completion!;
        var voiding = Mapper.Map(XapiStatementWriter.Voiding(id, HomePage, "ville", DateTimeOffset.UnixEpoch));

        Assert.Equal(completion with { DeliveryMode = DeliveryMode.ELearning, Source = CompletionSource.Xapi, ExternalId = id.ToString() }, back);
        Assert.Equal(id.ToString(), voiding.VoidedStatementId);
        Assert.Equal(XapiStatementWriter.Voiding(id, HomePage, "ville", DateTimeOffset.UnixEpoch).Id, XapiStatementWriter.Voiding(id, HomePage, "other", DateTimeOffset.UtcNow).Id);
    }
}
