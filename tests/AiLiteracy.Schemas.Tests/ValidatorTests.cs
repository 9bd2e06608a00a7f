using AiLiteracy.Model;

namespace AiLiteracy.Schemas.Tests;

public sealed class ValidatorTests
{
    private readonly DefinitionValidator _validator = new();

    [Fact]
    public async Task ValidateAsync_AcceptsMinimalValidSet_AndBuildsDefinitionSet()
    {
        var result = await _validator.ValidateAsync(TestFiles.ValidSet());

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.NotNull(result.Definitions);
        Assert.Equal(4, result.Definitions.Curriculum.Modules.Count);
        Assert.Equal(4, result.Definitions.CompetencyFramework.Scale.MaxLevel);
        Assert.Equal(["rh", "communication"], result.Definitions.JobFamilies.JobFamilies.Select(f => f.Id));
        Assert.All(result.Documents, d => Assert.True(d.IsValid));
    }

    [Fact]
    public async Task ValidateAsync_MergesToolRegistryIntoCharterTools()
    {
        var result = await _validator.ValidateAsync(TestFiles.ValidSet());

        Assert.Equal(["albert", "mistral-le-chat", "chatgpt-free"], result.Definitions!.Charter.Tools.Select(t => t.Id));
        Assert.Equal(["albert"], result.Charter!.Tools.Select(t => t.Id));
        Assert.Equal(ToolStatus.Forbidden, result.ToolRegistry!.Tools[1].Status);
        Assert.Equal(Hosting.OutsideEu, result.ToolRegistry.Tools[1].Hosting);
    }

    [Fact]
    public async Task ValidateAsync_ReadsKebabCaseEnumsIntoTheModel()
    {
        var result = await _validator.ValidateAsync(TestFiles.ValidSet());

        var curriculum = result.Curriculum!;
        Assert.Equal(TrackKind.CommonCore, curriculum.Modules[0].Track);
        Assert.Equal([DeliveryMode.InPerson, DeliveryMode.ELearning], curriculum.Modules[0].DeliveryModes);
        Assert.Equal([AgentRoles.Referent], curriculum.Modules[3].Audience.Roles);
        Assert.Equal(new DateOnly(2026, 1, 15), result.Charter!.EffectiveDate);
        Assert.Equal(CharterRuleKind.ApprovedToolsOnly, result.Charter.Rules[0].Kind);
    }

    [Fact]
    public async Task ValidateAsync_WithoutCharter_GivesNoDefinitionSet_ButValidDocuments()
    {
        var sources = TestFiles.ValidSet().Where(s => s.Name is not "charter.json" and not "tool-registry.json");

        var result = await _validator.ValidateAsync(sources);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Null(result.Definitions);
        Assert.NotNull(result.Curriculum);
        var ex = Assert.Throws<DefinitionValidationException>(() => result.EnsureValid());
        Assert.Equal(DefinitionErrorCodes.Missing, Assert.Single(ex.Errors).Code);
    }

    [Fact]
    public async Task ValidateAsync_SkipsCrossFileChecks_WhenReferencedKindIsAbsent()
    {
        // The curriculum alone refers to competencies, job families and tools that are not in the set.
        var result = await _validator.ValidateAsync([TestFiles.Valid("curriculum.json")]);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public async Task ValidateAsync_FallsBackOnFileName_WhenKindIsMissing_AndReportsTheMissingKind()
    {
        var content = File.ReadAllText(Path.Combine(TestFiles.ValidDirectory, "job-families.json"))
            .Replace("\"kind\": \"job-families\",", string.Empty, StringComparison.Ordinal);

        var result = await _validator.ValidateAsync([new DefinitionSource("my-job-families.json", content)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((DefinitionErrorCodes.Schema, "$.kind"), (error.Code, error.JsonPath));
        Assert.Equal(DefinitionKind.JobFamilies, Assert.Single(result.Documents).Kind);
    }

    [Fact]
    public async Task ValidateAsync_ReportsEveryErrorOfOneFile_SortedByPosition()
    {
        const string content = """
            {
              "kind": "curriculum",
              "id": "bad id",
              "version": "1",
              "title": { "en": "No French" },
              "tracks": [ { "id": "common-core", "title": { "fr": "Tronc commun" } } ],
              "modules": [
                { "id": "A", "track": "common-core", "title": { "fr": "A" }, "durationHours": 0, "prerequisites": ["B"] },
                { "id": "B", "track": "job", "title": { "fr": "B" }, "durationHours": 1, "prerequisites": ["A"], "validityMonths": 0 },
                { "id": "A", "track": "common-core", "title": { "fr": "A bis" }, "durationHours": "2", "deliveryModes": ["visio"] }
              ]
            }
            """;

        var result = await _validator.ValidateAsync([new DefinitionSource("curriculum.json", content)]);

        var found = result.Errors.Select(e => (e.Code, e.JsonPath)).ToList();
        (string, string)[] expected =
        [
            ("AIL-SCHEMA", "$.id"),
            ("AIL-SCHEMA", "$.title.fr"),
            ("AIL-SCHEMA", "$.modules[0].durationHours"),
            ("AIL-CYCLE", "$.modules[0].prerequisites[0]"),
            ("AIL-UNKNOWN-REF", "$.modules[1].track"),
            ("AIL-VALIDITY", "$.modules[1].validityMonths"),
            ("AIL-DUPLICATE-ID", "$.modules[2].id"),
            ("AIL-SCHEMA", "$.modules[2].durationHours"),
            ("AIL-SCHEMA", "$.modules[2].deliveryModes[0]"),
        ];
        Assert.Equal(expected, found);
        Assert.Equal(found.Count, result.Errors.Select(e => (e.Line, e.Column)).Distinct().Count());
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors);
        Assert.Null(result.Curriculum);
    }

    [Fact]
    public async Task ValidateAsync_SortsErrorsByFileThenLine()
    {
        var sources = new[]
        {
            new DefinitionSource("b-charter.json", "{ \"kind\": \"charter\" }"),
            new DefinitionSource("a-curriculum.json", "{\n\"kind\": \"curriculum\",\n\"id\": 5 }"),
        };

        var result = await _validator.ValidateAsync(sources);

        Assert.Equal(["a-curriculum.json", "a-curriculum.json", "a-curriculum.json", "b-charter.json", "b-charter.json", "b-charter.json"], result.Errors.Select(e => e.File));
        Assert.Equal(result.Errors.Where(e => e.File == "a-curriculum.json").OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors.Where(e => e.File == "a-curriculum.json"));
    }

    [Fact]
    public async Task Error_ToString_GivesFileLineColumnPathCodeAndMessage()
    {
        const string content = "{\n  \"kind\": \"curriculum\", \"id\": \"c\", \"version\": \"1\", \"title\": { \"fr\": \"T\" },\n  \"tracks\": [ { \"id\": \"job\", \"title\": { \"fr\": \"J\" } } ],\n  \"modules\": [ { \"id\": \"M\", \"track\": \"job\", \"title\": { \"fr\": \"M\" }, \"durationHours\": 1,\n    \"validityMonths\": -2 } ]\n}";

        var result = await _validator.ValidateAsync([new DefinitionSource("curriculum.json", content)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 23), (error.Line, error.Column));
        Assert.StartsWith("curriculum.json:5:23 $.modules[0].validityMonths AIL-VALIDITY: « validityMonths » vaut -2", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("curriculum.json:5:23 $.modules[0].validityMonths AIL-VALIDITY: \"validityMonths\" is -2", error.ToString("en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ReportsMalformedJsonOnce_WithLineAndColumn()
    {
        const string content = "{\n  \"kind\": \"charter\",\n  \"id\": \"x\"\n  \"version\": 1\n}";

        var result = await _validator.ValidateAsync([new DefinitionSource("charter.json", content)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DefinitionErrorCodes.Json, error.Code);
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Null(Assert.Single(result.Documents).Kind);
    }

    [Fact]
    public async Task ValidateAsync_AcceptsComments_AndByteOrderMark()
    {
        var content = "\uFEFF// job families\n" + File.ReadAllText(Path.Combine(TestFiles.ValidDirectory, "job-families.json"))
            .Replace("\"version\": \"2026.1\",", "\"version\": \"2026.1\", /* label */", StringComparison.Ordinal);

        var result = await _validator.ValidateAsync([new DefinitionSource("job-families.json", content)]);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"curriculum\"")]
    [InlineData("{")]
    [InlineData("{\"kind\": }")]
    [InlineData("{\"kind\": \"curriculum\"} {}")]
    [InlineData("{\"kind\": \"curriculum\", \"modules\": [1, \"a\", null, {\"prerequisites\": {}}, {\"prerequisites\": [1, null]}]}")]
    [InlineData("{\"kind\": \"curriculum\", \"modules\": [{\"id\": \"A\", \"validityMonths\": -99999999999999999999999, \"version\": 1e400}]}")]
    [InlineData("{\"kind\": \"competency-framework\", \"scale\": {\"levels\": [{\"level\": \"x\"}, 7], \"proficientThreshold\": []}, \"roleProfiles\": [{\"requirements\": [{\"level\": 99999999999}]}]}")]
    [InlineData("{\"kind\": \"charter\", \"tools\": [{\"id\": 1}, {\"id\": \"a\", \"status\": 5}], \"rules\": \"none\"}")]
    [InlineData("{\"kind\": [\"curriculum\"]}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("\u0000\u0001garbage")]
    public async Task ValidateAsync_NeverThrows_AndReportsErrors_ForGarbage(string content)
    {
        var sources = TestFiles.ValidSet().Where(s => s.Name != "curriculum.json").Append(new DefinitionSource("curriculum.json", content));

        var result = await _validator.ValidateAsync(sources);

        Assert.False(result.IsValid);
        Assert.Null(result.Definitions);
        Assert.All(result.Errors, e => Assert.StartsWith("AIL-", e.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_HonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _validator.ValidateAsync(TestFiles.ValidSet(), cts.Token));
    }

    [Fact]
    public async Task ValidateAsync_ReportsCycleOnce_WithItsPath()
    {
        var content = File.ReadAllText(Path.Combine(TestFiles.ValidDirectory, "curriculum.json"))
            .Replace("\"validityMonths\": 24,", "\"validityMonths\": 24, \"prerequisites\": [ \"RH-01\" ],", StringComparison.Ordinal);

        var result = await _validator.ValidateAsync([new DefinitionSource("curriculum.json", content)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DefinitionErrorCodes.Cycle, error.Code);
        Assert.Contains("TC-01 → RH-01 → TC-02 → TC-01", error.Message.Fr, StringComparison.Ordinal);
        Assert.Contains("TC-01 → RH-01 → TC-02 → TC-01", error.Message.En, StringComparison.Ordinal);
        Assert.Equal("$.modules[0].prerequisites[0]", error.JsonPath);
    }

    [Fact]
    public async Task ValidateAsync_SuggestsTheClosestProperty_ForATypo()
    {
        var content = File.ReadAllText(Path.Combine(TestFiles.ValidDirectory, "curriculum.json"))
            .Replace("\"prerequisites\": [ \"TC-01\" ]\n    },", "\"prerequisite\": [ \"TC-01\" ]\n    },", StringComparison.Ordinal);

        var result = await _validator.ValidateAsync([new DefinitionSource("curriculum.json", content)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("$.modules[1].prerequisite", DefinitionErrorCodes.Schema), (error.JsonPath, error.Code));
        Assert.Contains("vouliez-vous dire « prerequisites » ?", error.Message.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureValid_ThrowsAnExceptionListingEveryError()
    {
        var result = await _validator.ValidateAsync(TestFiles.ValidSetWith("charter.json", "{ \"kind\": \"charter\", \"id\": \"c\", \"version\": 0 }"));

        var ex = Assert.Throws<DefinitionValidationException>(() => result.EnsureValid());

        Assert.Equal(result.Errors, ex.Errors);
        Assert.All(result.Errors, e => Assert.Contains(e.ToString(), ex.Message, StringComparison.Ordinal));
        Assert.True(result.Errors.Count >= 2);
    }
}
