using AiLiteracy.Hr.Mapping;

namespace AiLiteracy.Hr.Tests;

public sealed class HrMappingLoaderTests
{
    private static async Task<HrMappingException> Invalid(string json) =>
        await Assert.ThrowsAsync<HrMappingException>(() => HrMappingLoader.ParseAsync(json, "map.json"));

    [Fact]
    public async Task Parse_CorpusMapping_BuildsFieldsTablesAndPaths()
    {
        var mapping = await HrMappingLoader.LoadAsync(Path.Combine(AgentCorpusTests.CorpusFolder(), "ciril-export.mapping.json"));

        Assert.Equal(HrMappingKind.Agents, mapping.Kind);
        Assert.Equal(["DIRECTION", "SERVICE"], mapping.Field(HrFieldNames.OrgUnit)!.Columns);
        Assert.Equal("rh", mapping.Field(HrFieldNames.JobFamily)!.Values!["rh01"]);
        Assert.Equal(UnknownValuePolicy.Reject, mapping.Field(HrFieldNames.JobFamily)!.Unknown);
        Assert.Equal(HrMapping.DefaultDateFormats, mapping.DateFormats);
    }

    [Fact]
    public async Task Parse_SchemaViolations_AreEachReportedWithJsonPathAndLine()
    {
        var error = await Invalid("""
            {
              "kind": "agents",
              "fields": {
                "employeeNumber": "Matricule",
                "jobFamily": { "column": "Code emploi", "unknown": "drop" },
                "salary": "Traitement"
              }
            }
            """);

        Assert.Collection(error.Errors.OrderBy(e => e.JsonPath, StringComparer.Ordinal),
            e =>
            {
                Assert.Equal("$.fields.jobFamily.unknown", e.JsonPath);
                Assert.Equal(5, e.Line);
                Assert.Contains("reject, keep, ignore", e.Message.Fr, StringComparison.Ordinal);
            },
            e =>
            {
                Assert.Equal("$.fields.salary", e.JsonPath);
                Assert.Contains("« salary » inconnue", e.Message.Fr, StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task Parse_MissingKind_IsRequired()
    {
        var error = await Invalid("""{ "fields": { "employeeNumber": "Matricule" } }""");

        var single = Assert.Single(error.Errors);
        Assert.Contains("kind", single.JsonPath + single.Message.En, StringComparison.Ordinal);
        Assert.Contains("required", single.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_MalformedJson_GivesLineAndColumn()
    {
        var error = await Invalid("{\n  \"kind\": \"agents\",\n  \"fields\": { \"employeeNumber\": \"Matricule\" \n");

        var single = Assert.Single(error.Errors);
        Assert.Contains("JSON invalide", single.Message.Fr, StringComparison.Ordinal);
        Assert.NotNull(single.Line);
    }

    [Fact]
    public async Task Parse_FieldOfTheOtherKind_AndMissingRequiredField_AreSemanticErrors()
    {
        var error = await Invalid("""
            {
              "kind": "completions",
              "fields": { "employeeNumber": "Matricule", "module": "Code stage", "jobFamily": "Emploi" }
            }
            """);

        Assert.Contains(error.Errors, e => e.JsonPath == "$.fields.jobFamily" && e.Message.En.Contains("does not apply", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.JsonPath == "$.fields" && e.Message.En.Contains("'date' is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parse_CodeTableTargetOutsideTheFixedValues_IsReported()
    {
        var error = await Invalid("""
            {
              "kind": "agents",
              "fields": {
                "employeeNumber": "Matricule",
                "status": { "column": "Position", "values": { "ACT": "active", "RET": "retired" } }
              }
            }
            """);

        var single = Assert.Single(error.Errors);
        Assert.Equal("$.fields.status.values['RET']", single.JsonPath);
        Assert.Contains("retired", single.Message.Fr, StringComparison.Ordinal);
        Assert.Equal(5, single.Line);
    }

    [Fact]
    public async Task Parse_DateFormatWithoutYear_IsReported()
    {
        var error = await Invalid("""{ "kind": "agents", "dateFormats": ["dd/MM"], "fields": { "employeeNumber": "Matricule" } }""");

        Assert.Equal("$.dateFormats[0]", Assert.Single(error.Errors).JsonPath);
    }

    [Fact]
    public async Task Parse_FieldWithNeitherColumnNorDefault_IsReported()
    {
        var error = await Invalid("""{ "kind": "agents", "fields": { "employeeNumber": "Matricule", "roles": { "optional": true } } }""");

        Assert.Equal("$.fields.roles", Assert.Single(error.Errors).JsonPath);
    }

    [Fact]
    public void Schema_IsEmbeddedInThePackage()
    {
        var schema = HrMappingLoader.GetSchemaJson();

        Assert.Contains("\"employeeNumber\"", schema, StringComparison.Ordinal);
        Assert.Contains("draft-07", schema, StringComparison.Ordinal);
    }
}
