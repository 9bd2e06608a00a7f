// <usings>
using AiLiteracy;
using AiLiteracy.Entra;
using AiLiteracy.Storage;
using Microsoft.Extensions.DependencyInjection;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Entra/README.md (registration; a run needs a real Entra ID tenant).</summary>
internal static class EntraHelloWorld
{
    public static ServiceProvider Build()
    {
        // <snippet>
        var services = new ServiceCollection();
        services.AddAiLiteracy()
            .UseSqlite("data/ailiteracy.db")
            .AddEntraGroupSync(
                connection =>
                {
                    connection.TenantId = "00000000-0000-0000-0000-000000000001"; // the authority's Entra ID tenant
                    connection.ClientId = "00000000-0000-0000-0000-000000000002"; // app with GroupMember.ReadWrite.All
                    connection.Credential = EntraCredentialKind.ManagedIdentity;
                },
                sync => sync.StatePath = "data/entra-sync-state.json");
        var provider = services.BuildServiceProvider();
        // then: provider.GetRequiredService<IGroupSyncService>().RunAsync(new GroupSyncRequest { Rules, Data, Definitions })
        // </snippet>
        return provider;
    }
}
