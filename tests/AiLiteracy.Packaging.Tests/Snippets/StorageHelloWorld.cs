// <usings>
using AiLiteracy;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using AiLiteracy.Storage;
using Microsoft.Extensions.DependencyInjection;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Storage/README.md (runs in an empty folder).</summary>
internal static class StorageHelloWorld
{
    public static async Task RunAsync()
    {
        // <snippet>
        var services = new ServiceCollection();
        services.AddAiLiteracy().UseSqlite("data/ailiteracy.db"); // or .UsePostgreSql("Host=…;Database=ailiteracy;…")
        await using var provider = services.BuildServiceProvider();

        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().CreateAsync(
            new Organization { Id = "ville-exemple", Name = "Ville d'Exemple", Kind = OrganizationKind.Commune });

        var tenant = (TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>();
        tenant.TenantId = "ville-exemple"; // every query and write is scoped to this authority

        await scope.ServiceProvider.GetRequiredService<AgentService>()
            .UpsertAsync("A001", new AgentInput { DisplayName = "Camille Martin", JobFamilyId = "communication" }, actor: "hello-world");
        var status = await scope.ServiceProvider.GetRequiredService<AgentStatusService>().GetStatusAsync("A001");
        Console.WriteLine($"A001: {(status.IsCleared ? "habilitée" : "non habilitée")}, {status.Requirements.Count} modules requis");
        // </snippet>
    }
}
