using System.Text.Json.Nodes;

namespace AiLiteracy.Connector.Tests.Generation;

/// <summary>
/// Builds <c>apiProperties.json</c>: the connection parameters (Entra ID OAuth with the <c>aad</c> identity provider, or
/// an API key), the server URL applied with the <c>dynamichosturl</c> policy template, and the <c>pollingtrigger</c>
/// policy template of the polling trigger.
/// </summary>
public static class ApiPropertiesGenerator
{
    /// <summary>Marker the maker replaces with the client id of the connector's Entra app registration.</summary>
    public const string ClientIdPlaceholder = "{{CONNECTOR_CLIENT_ID}}";

    /// <summary>Marker the maker replaces with the application ID URI of the server's Entra app registration.</summary>
    public const string ResourceUriPlaceholder = "{{SERVER_APPLICATION_ID_URI}}";

    public const string RedirectUrl = "https://global.consent.azure-apim.net/redirect";

    public static JsonObject Generate(ConnectorVariant variant)
    {
        var parameters = new JsonObject();
        if (variant == ConnectorVariant.EntraId)
        {
            parameters["token"] = new JsonObject
            {
                ["type"] = "oauthSetting",
                ["oAuthSettings"] = new JsonObject
                {
                    ["identityProvider"] = "aad",
                    ["clientId"] = ClientIdPlaceholder,
                    ["scopes"] = new JsonArray(),
                    ["redirectMode"] = "Global",
                    ["redirectUrl"] = RedirectUrl,
                    ["properties"] = new JsonObject
                    {
                        ["IsFirstParty"] = "False",
                        ["AzureActiveDirectoryResourceId"] = ResourceUriPlaceholder,
                        ["IsOnbehalfofLoginSupported"] = false,
                    },
                    ["customParameters"] = new JsonObject
                    {
                        ["loginUri"] = new JsonObject { ["value"] = "https://login.microsoftonline.com" },
                        ["tenantId"] = new JsonObject { ["value"] = "common" },
                        ["resourceUri"] = new JsonObject { ["value"] = ResourceUriPlaceholder },
                    },
                },
            };
            parameters["token:TenantId"] = new JsonObject
            {
                ["type"] = "string",
                ["metadata"] = new JsonObject { ["sourceType"] = "AzureActiveDirectoryTenant" },
                ["uiDefinition"] = new JsonObject
                {
                    ["constraints"] = new JsonObject { ["hidden"] = "true", ["required"] = "false" },
                    ["description"] = "The tenant ID of for the Azure Active Directory application",
                    ["displayName"] = "Tenant",
                },
            };
        }
        else
        {
            parameters["api_key"] = new JsonObject
            {
                ["type"] = "securestring",
                ["uiDefinition"] = new JsonObject
                {
                    ["displayName"] = "API key",
                    ["description"] = "The API key of your authority on the AI Literacy server (X-Api-Key header).",
                    ["tooltip"] = "Ask the server's administrator for a key with the AiLiteracy.Write role (triggers and write actions need it).",
                    ["constraints"] = new JsonObject { ["tabIndex"] = 3, ["clearText"] = false, ["required"] = "true" },
                },
            };
        }

        parameters[ConnectorCatalog.ServerUrlParameter] = new JsonObject
        {
            ["type"] = "string",
            ["uiDefinition"] = new JsonObject
            {
                ["displayName"] = "Server URL",
                ["description"] = "The base URL of your AI Literacy server, without a trailing slash, e.g. https://ia.example.fr",
                ["tooltip"] = "Each authority or vendor hosts its own server: give the address its administrator published.",
                ["constraints"] = new JsonObject { ["tabIndex"] = 2, ["clearText"] = true, ["required"] = "true" },
            },
        };

        var polling = ConnectorCatalog.Operations.Single(o => o.Kind == OperationKind.PollingTrigger);
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["connectionParameters"] = parameters,
                ["iconBrandColor"] = ConnectorCatalog.BrandColor,
                ["capabilities"] = new JsonArray("actions", "triggers"),
                ["policyTemplateInstances"] = new JsonArray(
                    new JsonObject
                    {
                        ["templateId"] = "dynamichosturl",
                        ["title"] = "Server URL of the connection",
                        ["parameters"] = new JsonObject
                        {
                            ["x-ms-apimTemplateParameter.urlTemplate"] = $"@connectionParameters('{ConnectorCatalog.ServerUrlParameter}')",
                        },
                    },
                    new JsonObject
                    {
                        ["templateId"] = "pollingtrigger",
                        ["title"] = "Completions recorded since the last check",
                        ["parameters"] = new JsonObject
                        {
                            ["x-ms-apimTemplate-operationName"] = new JsonArray(polling.OperationId),
                            ["x-ms-apimTemplateParameter.triggerConfig"] = new JsonObject
                            {
                                ["since"] = "@{triggerBody()?['watermark']}",
                            },
                            ["x-ms-apimTemplateParameter.triggerDataPath"] = "@triggerBody().value",
                        },
                    }),
                ["publisher"] = ConnectorCatalog.Publisher,
                ["stackOwner"] = ConnectorCatalog.Publisher,
            },
        };
    }
}
