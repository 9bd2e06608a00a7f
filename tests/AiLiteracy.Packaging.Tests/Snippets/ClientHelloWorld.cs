// <usings>
using AiLiteracy.Client;
using AiLiteracy.Client.Models;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Client/README.md.</summary>
internal static class ClientHelloWorld
{
    public static async Task RunAsync(string serverUrl, string apiKey)
    {
        // <snippet>
        var api = AiLiteracyClient.Create(new Uri(serverUrl), apiKey); // e.g. "https://ailiteracy.example.fr/"

        await foreach (var agent in api.ListAllAgentsAsync(new AgentListQuery { Cleared = false }))
        {
            var status = await api.GetAgentStatusAsync(agent.EmployeeNumber);
            Console.WriteLine($"{agent.EmployeeNumber}: {string.Join(" ", status.ClearanceReasons.Select(r => r.Message.Fr))}");
        }

        try
        {
            await api.GetAgentAsync("INCONNU");
        }
        catch (AiLiteracyApiException error)
        {
            Console.WriteLine($"{(int)error.StatusCode} {error.Detail}"); // 404, with the server's problem details
        }
        // </snippet>
    }
}
