using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Rules;

namespace AiLiteracy.Connector.Tests;

/// <summary>
/// Each rule of CONNECTOR.md holds for both committed connectors, and each rule catches a violation: every negative test
/// breaks one thing in a copy of the committed connector and expects the rule to report it.
/// </summary>
public sealed class RuleTests
{
    public static TheoryData<string, ConnectorVariant> RulesAndVariants()
    {
        var data = new TheoryData<string, ConnectorVariant>();
        foreach (var rule in ConnectorRules.All.Keys)
        {
            foreach (var variant in Enum.GetValues<ConnectorVariant>())
            {
                data.Add(rule, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RulesAndVariants))]
    public void CommittedConnector_FollowsRule(string rule, ConnectorVariant variant)
    {
        var violations = ConnectorRules.All[rule](ConnectorPackage.LoadCommitted(variant));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void EveryRule_HasANegativeTest()
    {
        var tested = typeof(RuleTests).GetMethods()
            .Where(m => m.Name.StartsWith("Rule_", StringComparison.Ordinal))
            .Select(m => m.Name["Rule_".Length..].Split("_Catches", 2)[0])
            .ToHashSet(StringComparer.Ordinal);
        var untested = ConnectorRules.All.Keys.Where(k => !tested.Contains(k)).ToList();
        Assert.True(untested.Count == 0, "Rules without a negative test: " + string.Join(", ", untested));
    }

    [Fact]
    public void Rule_SwaggerIsVersion2UnderOneMegabyte_CatchesOpenApi3() =>
        AssertCaught(nameof(ConnectorRules.SwaggerIsVersion2UnderOneMegabyte), p => p.Definition["swagger"] = "3.0");

    [Fact]
    public void Rule_SwaggerIsVersion2UnderOneMegabyte_CatchesOversizedDefinition() =>
        AssertCaught(nameof(ConnectorRules.SwaggerIsVersion2UnderOneMegabyte), p => p.Definition["info"]!["x-padding"] = new string('x', ConnectorRules.MaxDefinitionBytes));

    [Theory]
    [InlineData("AI Literacy API")]
    [InlineData("AI Literacy Connector")]
    [InlineData("AI Literacy for Power Automate")]
    [InlineData("AI Literacy training and charter governance")]
    [InlineData("AI Literacy!")]
    public void Rule_TitleIsShortWithoutForbiddenWords_CatchesBadTitle(string title) =>
        AssertCaught(nameof(ConnectorRules.TitleIsShortWithoutForbiddenWords), p => p.Definition["info"]!["title"] = title);

    [Theory]
    [InlineData(29)]
    [InlineData(501)]
    public void Rule_DescriptionHasAllowedLength_CatchesLength(int length) =>
        AssertCaught(nameof(ConnectorRules.DescriptionHasAllowedLength), p => p.Definition["info"]!["description"] = new string('a', length));

    [Theory]
    [InlineData("name")]
    [InlineData("url")]
    [InlineData("email")]
    public void Rule_ContactIsComplete_CatchesMissingField(string field) =>
        AssertCaught(nameof(ConnectorRules.ContactIsComplete), p => p.Definition["info"]!["contact"]!.AsObject().Remove(field));

    [Fact]
    public void Rule_ConnectorMetadataIsComplete_CatchesMissingPrivacyPolicy() =>
        AssertCaught(nameof(ConnectorRules.ConnectorMetadataIsComplete), p =>
        {
            var list = p.Definition["x-ms-connector-metadata"]!.AsArray();
            list.Remove(list.First(e => e!["propertyName"]!.GetValue<string>() == "Privacy policy"));
        });

    [Theory]
    [InlineData("Human Resources;AI;Data")]
    [InlineData("Human Resources;Training")]
    public void Rule_ConnectorMetadataIsComplete_CatchesBadCategories(string categories) =>
        AssertCaught(nameof(ConnectorRules.ConnectorMetadataIsComplete), p =>
            p.Definition["x-ms-connector-metadata"]!.AsArray().First(e => e!["propertyName"]!.GetValue<string>() == "Categories")!["propertyValue"] = categories);

    [Theory]
    [InlineData("host", "https://ailiteracy.example.org")]
    [InlineData("host", "ailiteracy.example.org/api")]
    [InlineData("basePath", "api/v1")]
    public void Rule_HostAndBasePathAreWellFormed_CatchesBadValue(string field, string value) =>
        AssertCaught(nameof(ConnectorRules.HostAndBasePathAreWellFormed), p => p.Definition[field] = value);

    [Theory]
    [InlineData("getAgentStatus")]
    [InlineData("Get_Agent_Status")]
    [InlineData("RecordCompletion")]
    public void Rule_OperationIdsArePascalCaseAndUnique_CatchesBadOrDuplicateId(string id) =>
        AssertCaught(nameof(ConnectorRules.OperationIdsArePascalCaseAndUnique), p => p.Operation("GetAgentStatus").Operation["operationId"] = id);

    [Theory]
    [InlineData("GetAgentStatus", "Get The Training Status Of An Agent")]
    [InlineData("GetAgentStatus", "Get the training status of an agent.")]
    [InlineData("GetAgentStatus", "Get an agent's training status")]
    [InlineData("GetAgentStatus", "get the training status of an agent")]
    [InlineData("GetAgentStatus", "Get the training status of an agent ")]
    [InlineData("GetAgentStatus", "Get the training status of an agent, with every module, competency and charter acknowledgement")]
    [InlineData("WhenCompletionRecorded", "A completion is recorded")]
    public void Rule_SummariesAreSentenceCase_CatchesBadSummary(string operationId, string summary) =>
        AssertCaught(nameof(ConnectorRules.SummariesAreSentenceCase), p => p.Operation(operationId).Operation["summary"] = summary);

    [Theory]
    [InlineData("Get the training status of an agent")]
    [InlineData("returns the status.")]
    [InlineData("Returns the status")]
    public void Rule_DescriptionsAreFullSentences_CatchesBadDescription(string description) =>
        AssertCaught(nameof(ConnectorRules.DescriptionsAreFullSentences), p => p.Operation("GetAgentStatus").Operation["description"] = description);

    [Theory]
    [InlineData("employee number")]
    [InlineData("Employee number")]
    [InlineData(null)]
    public void Rule_ParametersHaveTitleCaseSummaries_CatchesPathParameter(string? summary) =>
        AssertCaught(nameof(ConnectorRules.ParametersHaveTitleCaseSummaries), p =>
        {
            var parameter = p.Operation("GetAgentStatus").Parameters.Single(x => x["name"]!.GetValue<string>() == "employeeNumber");
            parameter["x-ms-summary"] = summary;
            if (summary is null)
            {
                parameter.Remove("x-ms-summary");
            }
        });

    [Fact]
    public void Rule_ParametersHaveTitleCaseSummaries_CatchesBodyPropertyWithoutDescription() =>
        AssertCaught(nameof(ConnectorRules.ParametersHaveTitleCaseSummaries), p =>
            p.Operation("RecordCompletion").BodySchema!["properties"]!["moduleId"]!.AsObject().Remove("description"));

    [Fact]
    public void Rule_ResponsePropertiesHaveTitleCaseSummaries_CatchesNestedProperty() =>
        AssertCaught(nameof(ConnectorRules.ResponsePropertiesHaveTitleCaseSummaries), p =>
            SchemaWalk.SuccessSchema(p.Operation("GetAgentStatus").Operation)!["properties"]!["requirements"]!["items"]!["properties"]!["moduleId"]!["x-ms-summary"] = "module id");

    [Fact]
    public void Rule_ResponsePropertiesHaveTitleCaseSummaries_CatchesNotificationProperty() =>
        AssertCaught(nameof(ConnectorRules.ResponsePropertiesHaveTitleCaseSummaries), p =>
            p.Operation("WhenCompletionRecorded").PathItem["x-ms-notification-content"]!["schema"]!["properties"]!["occurredAt"]!.AsObject().Remove("x-ms-summary"));

    [Fact]
    public void Rule_VisibilityIsValidAndInternalRequiredHaveDefaults_CatchesUnknownVisibility() =>
        AssertCaught(nameof(ConnectorRules.VisibilityIsValidAndInternalRequiredHaveDefaults), p => p.Operation("GetAgentStatus").Operation["x-ms-visibility"] = "hidden");

    [Fact]
    public void Rule_VisibilityIsValidAndInternalRequiredHaveDefaults_CatchesInternalRequiredWithoutDefault() =>
        AssertCaught(nameof(ConnectorRules.VisibilityIsValidAndInternalRequiredHaveDefaults), p =>
        {
            var parameter = p.Operation("ListAgents").Parameters.Single(x => x["name"]!.GetValue<string>() == "continuationToken");
            parameter["required"] = true;
        });

    [Fact]
    public void Rule_PathParametersAreRequiredAndSingleEncoded_CatchesMissingEncoding() =>
        AssertCaught(nameof(ConnectorRules.PathParametersAreRequiredAndSingleEncoded), p =>
            p.Operation("GetAgentStatus").Parameters.Single(x => x["in"]!.GetValue<string>() == "path").Remove("x-ms-url-encoding"));

    [Fact]
    public void Rule_PathParametersAreRequiredAndSingleEncoded_CatchesOptionalPathParameter() =>
        AssertCaught(nameof(ConnectorRules.PathParametersAreRequiredAndSingleEncoded), p =>
            p.Operation("ListRequiredModules").Parameters.Single(x => x["in"]!.GetValue<string>() == "path")["required"] = false);

    [Fact]
    public void Rule_GetOperationsHaveNoBody_CatchesBodyOnGet() =>
        AssertCaught(nameof(ConnectorRules.GetOperationsHaveNoBody), p =>
            p.Operation("GetCoverageReport").Operation["parameters"]!.AsArray().Add(new JsonObject
            {
                ["name"] = "body", ["in"] = "body", ["schema"] = new JsonObject { ["type"] = "object" },
            }));

    [Fact]
    public void Rule_MimeTypesAreSupported_CatchesProblemJson() =>
        AssertCaught(nameof(ConnectorRules.MimeTypesAreSupported), p => p.Operation("RecordCompletion").Operation["produces"]!.AsArray().Add("application/problem+json"));

    [Fact]
    public void Rule_SuccessResponsesHaveExactSchemas_CatchesEmptySchema() =>
        AssertCaught(nameof(ConnectorRules.SuccessResponsesHaveExactSchemas), p =>
            p.Operation("GetAgentStatus").Operation["responses"]!["200"]!["schema"] = new JsonObject { ["type"] = "object" });

    [Fact]
    public void Rule_SuccessResponsesHaveExactSchemas_CatchesMissingSchema() =>
        AssertCaught(nameof(ConnectorRules.SuccessResponsesHaveExactSchemas), p =>
            p.Operation("FindAgent").Operation["responses"]!["200"]!.AsObject().Remove("schema"));

    [Fact]
    public void Rule_DefaultResponsesHaveNoSchema_CatchesSchemaOnDefault() =>
        AssertCaught(nameof(ConnectorRules.DefaultResponsesHaveNoSchema), p =>
            p.Operation("CheckUsage").Operation["responses"]!["default"]!["schema"] = new JsonObject { ["type"] = "object" });

    [Fact]
    public void Rule_PageableOperationsUseNextLink_CatchesOtherLinkName() =>
        AssertCaught(nameof(ConnectorRules.PageableOperationsUseNextLink), p => p.Operation("ListAgents").Operation["x-ms-pageable"]!["nextLinkName"] = "next");

    [Fact]
    public void Rule_PageableOperationsUseNextLink_CatchesResponseWithoutLink() =>
        AssertCaught(nameof(ConnectorRules.PageableOperationsUseNextLink), p =>
            SchemaWalk.SuccessSchema(p.Operation("ListAgents").Operation)!["properties"]!.AsObject().Remove("nextLink"));

    [Fact]
    public void Rule_DynamicValuesTargetInternalLookups_CatchesUnknownTarget() =>
        AssertCaught(nameof(ConnectorRules.DynamicValuesTargetInternalLookups), p =>
        {
            var module = p.Operation("RecordCompletion").BodySchema!["properties"]!["moduleId"]!;
            module["x-ms-dynamic-values"]!["operationId"] = "ListCourses";
            module["x-ms-dynamic-list"]!["operationId"] = "ListCourses";
        });

    [Fact]
    public void Rule_DynamicValuesTargetInternalLookups_CatchesVisibleLookup() =>
        AssertCaught(nameof(ConnectorRules.DynamicValuesTargetInternalLookups), p => p.Operation("ListTools").Operation["x-ms-visibility"] = "advanced");

    [Fact]
    public void Rule_DynamicValuesTargetInternalLookups_CatchesPathTheLookupDoesNotReturn() =>
        AssertCaught(nameof(ConnectorRules.DynamicValuesTargetInternalLookups), p =>
            p.Operation("CheckUsage").BodySchema!["properties"]!["toolId"]!["x-ms-dynamic-values"]!["value-title"] = "title");

    [Fact]
    public void Rule_DynamicValuesTargetInternalLookups_CatchesValuesWithoutList() =>
        AssertCaught(nameof(ConnectorRules.DynamicValuesTargetInternalLookups), p =>
            p.Operation("CheckUsage").BodySchema!["properties"]!["dataClass"]!.AsObject().Remove("x-ms-dynamic-list"));

    [Fact]
    public void Rule_WebhookTriggersFollowTheNotificationContract_CatchesVisibleNotificationUrl() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersFollowTheNotificationContract), p =>
            p.Operation("WhenAgentAdded").BodySchema!["properties"]!["notificationUrl"]!["x-ms-visibility"] = "advanced");

    [Fact]
    public void Rule_WebhookTriggersFollowTheNotificationContract_CatchesOptionalNotificationUrl() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersFollowTheNotificationContract), p =>
            p.Operation("WhenAgentAdded").BodySchema!.Remove("required"));

    [Fact]
    public void Rule_WebhookTriggersFollowTheNotificationContract_CatchesMissingNotificationContent() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersFollowTheNotificationContract), p =>
            p.Operation("WhenClearanceChanged").PathItem.Remove("x-ms-notification-content"));

    [Fact]
    public void Rule_WebhookTriggersFollowTheNotificationContract_CatchesMissingLocation() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersFollowTheNotificationContract), p =>
            p.Operation("WhenCompletionRecorded").Operation["responses"]!["201"]!.AsObject().Remove("headers"));

    [Fact]
    public void Rule_WebhookTriggersFollowTheNotificationContract_CatchesMissingHint() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersFollowTheNotificationContract), p =>
            p.Operation("WhenCompletionRecorded").Operation.Remove("x-ms-trigger-hint"));

    [Fact]
    public void Rule_WebhookTriggersHaveAnInternalDelete_CatchesMissingDelete() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersHaveAnInternalDelete), p =>
        {
            var delete = p.Operations.Single(o => o.Method == "delete");
            delete.PathItem.Remove("delete");
        });

    [Fact]
    public void Rule_WebhookTriggersHaveAnInternalDelete_CatchesVisibleDelete() =>
        AssertCaught(nameof(ConnectorRules.WebhookTriggersHaveAnInternalDelete), p => p.Operation("DeleteSubscription").Operation["x-ms-visibility"] = "advanced");

    [Fact]
    public void Rule_PollingTriggerUsesThePolicyTemplate_CatchesMissingTemplate() =>
        AssertCaught(nameof(ConnectorRules.PollingTriggerUsesThePolicyTemplate), p =>
        {
            var templates = p.Properties["properties"]!["policyTemplateInstances"]!.AsArray();
            templates.Remove(templates.First(t => t!["templateId"]!.GetValue<string>() == "pollingtrigger"));
        });

    [Fact]
    public void Rule_PollingTriggerUsesThePolicyTemplate_CatchesVisibleSinceParameter() =>
        AssertCaught(nameof(ConnectorRules.PollingTriggerUsesThePolicyTemplate), p =>
            p.Operation("WhenCompletionRecordedPolling").Parameters.Single(x => x["name"]!.GetValue<string>() == "since")["x-ms-visibility"] = "advanced");

    [Fact]
    public void Rule_PollingTriggerUsesThePolicyTemplate_CatchesSingleTrigger() =>
        AssertCaught(nameof(ConnectorRules.PollingTriggerUsesThePolicyTemplate), p => p.Operation("WhenCompletionRecordedPolling").Operation["x-ms-trigger"] = "single");

    [Fact]
    public void Rule_PollingTriggerUsesThePolicyTemplate_CatchesDataPathOutsideTheResponse() =>
        AssertCaught(nameof(ConnectorRules.PollingTriggerUsesThePolicyTemplate), p =>
            p.PolicyTemplates.First(t => t["templateId"]!.GetValue<string>() == "pollingtrigger")["parameters"]!["x-ms-apimTemplateParameter.triggerDataPath"] = "@triggerBody().items");

    [Fact]
    public void Rule_SecurityIsOneSchemeOfTheVariant_CatchesMixedSchemes() =>
        AssertCaught(nameof(ConnectorRules.SecurityIsOneSchemeOfTheVariant), p =>
            p.Definition["securityDefinitions"]!["api_key"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key" });

    [Fact]
    public void Rule_SecurityIsOneSchemeOfTheVariant_CatchesWrongOAuthUrl() =>
        AssertCaught(nameof(ConnectorRules.SecurityIsOneSchemeOfTheVariant), p =>
            p.Definition["securityDefinitions"]!.AsObject().First().Value!["tokenUrl"] = "https://login.microsoftonline.com/common/oauth2/token");

    [Fact]
    public void Rule_SecurityIsOneSchemeOfTheVariant_CatchesApiKeyInQuery() =>
        AssertCaught(nameof(ConnectorRules.SecurityIsOneSchemeOfTheVariant), p =>
            p.Definition["securityDefinitions"]!.AsObject().First().Value!["in"] = "query", ConnectorVariant.ApiKey);

    [Fact]
    public void Rule_SecurityIsOneSchemeOfTheVariant_CatchesOAuthWithoutAad() =>
        AssertCaught(nameof(ConnectorRules.SecurityIsOneSchemeOfTheVariant), p =>
            p.ConnectionParameters["token"]!["oAuthSettings"]!["identityProvider"] = "oauth2");

    [Theory]
    [InlineData("#ffffff")]
    [InlineData("#007ee5")]
    [InlineData("purple")]
    public void Rule_ApiPropertiesAreComplete_CatchesBadBrandColor(string color) =>
        AssertCaught(nameof(ConnectorRules.ApiPropertiesAreComplete), p => p.Properties["properties"]!["iconBrandColor"] = color);

    [Fact]
    public void Rule_ApiPropertiesAreComplete_CatchesMissingTriggersCapability() =>
        AssertCaught(nameof(ConnectorRules.ApiPropertiesAreComplete), p => p.Properties["properties"]!["capabilities"] = new JsonArray("actions"));

    [Fact]
    public void Rule_ApiPropertiesAreComplete_CatchesMissingPublisher() =>
        AssertCaught(nameof(ConnectorRules.ApiPropertiesAreComplete), p => p.Properties["properties"]!.AsObject().Remove("publisher"));

    [Fact]
    public void Rule_ServerUrlIsAppliedWithDynamicHostUrl_CatchesMissingPolicy() =>
        AssertCaught(nameof(ConnectorRules.ServerUrlIsAppliedWithDynamicHostUrl), p =>
        {
            var templates = p.Properties["properties"]!["policyTemplateInstances"]!.AsArray();
            templates.Remove(templates.First(t => t!["templateId"]!.GetValue<string>() == "dynamichosturl"));
        });

    [Fact]
    public void Rule_ServerUrlIsAppliedWithDynamicHostUrl_CatchesMissingConnectionParameter() =>
        AssertCaught(nameof(ConnectorRules.ServerUrlIsAppliedWithDynamicHostUrl), p => p.ConnectionParameters.Remove(ConnectorCatalog.ServerUrlParameter), ConnectorVariant.ApiKey);

    private static void AssertCaught(string rule, Action<ConnectorPackage> mutate, ConnectorVariant variant = ConnectorVariant.EntraId)
    {
        var package = ConnectorPackage.LoadCommitted(variant).Copy();
        Assert.Empty(ConnectorRules.All[rule](package));
        mutate(package);
        Assert.NotEmpty(ConnectorRules.All[rule](package));
    }
}
