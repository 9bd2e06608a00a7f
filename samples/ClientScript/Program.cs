// ClientScript — an IT script against a running AI Literacy server, with the typed client (AiLiteracy.Client):
// coverage of the authority, the agents not yet cleared with the modules they still have to take, and a usage check.
//
//   dotnet run --project samples/ClientScript -- --url https://ailiteracy.example.fr/ --api-key <key> [--org-unit DRH] [--lang en]
//   (or set AILITERACY_URL and AILITERACY_API_KEY)
using System.Globalization;
using AiLiteracy.Client;
using AiLiteracy.Client.Models;
using AiLiteracy.Engines;
using AiLiteracy.Model;

string? url = Environment.GetEnvironmentVariable("AILITERACY_URL");
string? apiKey = Environment.GetEnvironmentVariable("AILITERACY_API_KEY");
string? orgUnit = null;
var lang = "fr";
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--url": url = args[i + 1]; break;
        case "--api-key": apiKey = args[i + 1]; break;
        case "--org-unit": orgUnit = args[i + 1]; break;
        case "--lang": lang = args[i + 1]; break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}.");
            return 2;
    }
}

if (url is null || apiKey is null || !Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
{
    Console.Error.WriteLine("Usage: ClientScript --url <server URL> --api-key <key> [--org-unit <id>] [--lang fr|en]");
    return 2;
}

var en = lang == "en";
var api = AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = baseAddress, ApiKey = apiKey, Language = lang });
try
{
    var organization = await api.GetOrganizationAsync();
    Console.WriteLine(en
        ? $"Authority: {organization.Name} ({organization.OrgUnits.Count} org units)"
        : $"Collectivité : {organization.Name} ({organization.OrgUnits.Count} unités)");

    var coverage = await api.GetCoverageReportAsync(new ReportQuery { OrgUnitId = orgUnit });
    var share = coverage.Total.ClearedShare.ToString("P0", CultureInfo.GetCultureInfo(en ? "en-GB" : "fr-FR"));
    Console.WriteLine(en
        ? $"Active agents: {coverage.Total.ActiveAgents}, cleared: {coverage.Total.Cleared} ({share})"
        : $"Agents actifs : {coverage.Total.ActiveAgents}, habilités : {coverage.Total.Cleared} ({share})");

    // Every page, 100 agents at a time, following nextLink.
    var notCleared = 0;
    var shown = 0;
    await foreach (var agent in api.ListAllAgentsAsync(new AgentListQuery { Cleared = false, Status = EmploymentStatus.Active, OrgUnitId = orgUnit, PageSize = 100 }))
    {
        notCleared++;
        if (shown < 5)
        {
            shown++;
            var modules = await api.ListRequiredModulesAsync(agent.EmployeeNumber);
            var todo = string.Join(", ", modules.Items.Where(m => m.State != RequirementState.Done).Select(m => m.ModuleId));
            Console.WriteLine(en
                ? $"  {agent.EmployeeNumber} {agent.DisplayName}: to take {todo}"
                : $"  {agent.EmployeeNumber} {agent.DisplayName} : à suivre {todo}");
        }
    }

    Console.WriteLine(en ? $"Agents not cleared: {notCleared}" : $"Agents non habilités : {notCleared}");

    var first = await api.ListAgentsAsync(new AgentListQuery { Cleared = true, PageSize = 1, OrgUnitId = orgUnit });
    if (first.Items.Count > 0)
    {
        var decision = await api.CheckUsageAsync(new UsageCheckInput
        {
            EmployeeNumber = first.Items[0].EmployeeNumber,
            ToolId = "albert",
            DataClass = DataClass.Personal,
            Purpose = en ? "Summarise a resident's request" : "Résumer la demande d'un usager",
        });
        Console.WriteLine(en
            ? $"Usage check {decision.EmployeeNumber} / albert / personal data: {decision.Outcome} [{string.Join(", ", decision.RuleIds)}]"
            : $"Contrôle d'usage {decision.EmployeeNumber} / albert / données personnelles : {decision.Outcome} [{string.Join(", ", decision.RuleIds)}]");
    }

    return 0;
}
catch (AiLiteracyApiException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
