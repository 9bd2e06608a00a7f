// <usings>
using AiLiteracy.Server;
using Microsoft.AspNetCore.Builder;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Server/README.md: the whole API mounted in a vendor's ASP.NET Core application.</summary>
internal static class ServerHelloWorld
{
    public static WebApplication Build(string[] args)
    {
        // <snippet>
        var builder = WebApplication.CreateBuilder(args);
        // appsettings.json: AiLiteracy:Storage (sqlite file or PostgreSQL), AiLiteracy:Server (Entra ID audiences, API keys…)
        builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);

        var app = builder.Build();
        app.UseAiLiteracyServer();      // problem details, authentication, rate limiting
        app.MapAiLiteracyApi("/api/v1"); // agents, completions, status, charter, reports, webhooks
        // </snippet>
        return app;
    }
}
