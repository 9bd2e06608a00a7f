using NSwag;
using NSwag.Generation.AspNetCore;

namespace AiLiteracy.Server.OpenApi;

/// <summary>The Swagger 2.0 document of the API (the Power Platform connector's input).</summary>
internal static class OpenApiDocumentSetup
{
    public const string DocumentName = "v1";
    public const string OAuth2Scheme = "oauth2";
    public const string ApiKeyScheme = "apiKey";

    /// <summary>The operator key security definition.</summary>
    public const string OperatorKeyScheme = "operatorKey";

    public static void Configure(AspNetCoreOpenApiDocumentGeneratorSettings settings)
    {
        settings.DocumentName = DocumentName;
        settings.Title = "AI Literacy";
        settings.Version = "1.0";
        settings.Description =
            "Formation à l'IA et charte IA des collectivités territoriales : agents, formations suivies, habilitations, " +
            "vérification d'usage des outils, plan de formation et registre de littératie IA (AI Act, art. 4). " +
            "AI training and AI charter governance for French local authorities.";
        settings.UseControllerSummaryAsTagDescription = false;
        settings.GenerateOriginalParameterNames = false;
        settings.OperationProcessors.Add(new EndpointMetadataOperationProcessor());
        settings.DocumentProcessors.Add(new SecurityDefinitionsProcessor());
        settings.PostProcess = document =>
        {
            document.Info.Contact = new OpenApiContact
            {
                Name = "AI Literacy SDK contributors",
                Url = "https://github.com/ai-literacy-sdk/ai-literacy-sdk",
                Email = "contact@ai-literacy-sdk.org",
            };
            document.Host = "localhost:5080";
            document.BasePath = "/";
            document.Schemes = [OpenApiSchema.Https];
            document.Consumes = ["application/json"];
            document.Produces = ["application/json"];
        };
    }

    private sealed class SecurityDefinitionsProcessor : NSwag.Generation.Processors.IDocumentProcessor
    {
        public void Process(NSwag.Generation.Processors.Contexts.DocumentProcessorContext context)
        {
            context.Document.SecurityDefinitions[OAuth2Scheme] = new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.OAuth2,
                Flow = OpenApiOAuth2Flow.AccessCode,
                AuthorizationUrl = "https://login.windows.net/common/oauth2/authorize",
                TokenUrl = "https://login.windows.net/common/oauth2/authorize",
                Scopes = new Dictionary<string, string>(),
                Description = "Entra ID (Azure AD) access token with the app roles AiLiteracy.Read, AiLiteracy.Write or AiLiteracy.Admin.",
            };
            context.Document.SecurityDefinitions[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.ApiKey,
                Name = "X-Api-Key",
                In = OpenApiSecurityApiKeyLocation.Header,
                Description = "Per-tenant API key.",
            };
            context.Document.SecurityDefinitions[OperatorKeyScheme] = new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.ApiKey,
                Name = "X-Operator-Key",
                In = OpenApiSecurityApiKeyLocation.Header,
                Description = "Operator key of the hosting vendor (Operator:KeyHashes): the operator endpoints only, never a tenant's data.",
            };

            // The operator endpoints take the operator key and nothing else: say so on each of them.
            foreach (var (path, item) in context.Document.Paths)
            {
                if (!path.Contains("/operator/", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var operation in item.Values)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [OperatorKeyScheme] = [] }];
                }
            }
        }
    }
}
