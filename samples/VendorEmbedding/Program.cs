// VendorEmbedding — an LMS or HR product embedding the AI Literacy engines in-process: no database, no server.
// The definitions come from JSON (the SDK's reference content, or an authority's own folder); agents, completions and
// charter acknowledgements come from the vendor's own store (here, a few records in code).
//
//   dotnet run --project samples/VendorEmbedding -- [--definitions <folder>] [--as-of yyyy-MM-dd] [--lang fr|en]
using System.Globalization;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Schemas;
using VendorEmbedding;

var options = SampleOptions.Parse(args);
if (options.Error is { } error)
{
    Console.Error.WriteLine(error);
    return 2;
}

DefinitionSet definitions;
if (options.DefinitionsPath is { } folder)
{
    var result = await DefinitionLoader.LoadDirectoryAsync(folder);
    foreach (var problem in result.Errors)
    {
        Console.Error.WriteLine(problem);
    }

    if (!result.IsValid)
    {
        return 1;
    }

    definitions = result.EnsureValid();
}
else
{
    definitions = await ReferenceContent.LoadAsync();
}

TimeProvider clock = options.AsOf is { } asOf ? new FixedTimeProvider(asOf) : TimeProvider.System;
var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
var compliance = new ComplianceEngine(CompiledDefinitions.Compile(definitions), clock);
var usage = new UsageCheckEngine(compliance);
var store = VendorStore.Create(today, definitions.Charter.Version);
var records = TrainingRecords.Create(store.Completions, store.Acknowledgements);
var lang = options.Language;

Console.WriteLine(lang == "en"
    ? $"Curriculum {definitions.Curriculum.Version} ({definitions.Curriculum.Modules.Count} modules), charter v{definitions.Charter.Version}, as of {today:yyyy-MM-dd}"
    : $"Parcours {definitions.Curriculum.Version} ({definitions.Curriculum.Modules.Count} modules), charte v{definitions.Charter.Version}, au {today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}");

var cleared = 0;
foreach (var agent in store.Agents)
{
    var clearance = compliance.Evaluate(agent, records.GetHistory(agent.EmployeeNumber));
    cleared += clearance.IsCleared ? 1 : 0;
    var verdict = clearance.IsCleared
        ? (lang == "en" ? "cleared" : "habilité·e")
        : (lang == "en" ? "not cleared" : "non habilité·e");
    Console.WriteLine($"{agent.EmployeeNumber} {agent.DisplayName} ({agent.JobFamilyId}){(lang == "en" ? ":" : " :")} {verdict}");
    foreach (var reason in clearance.Reasons)
    {
        Console.WriteLine($"  - {reason.Message.Get(lang)}");
    }
}

// A proposed use: the communication officer drafts a press release with the State's sovereign assistant.
var request = new UsageRequest { ToolId = "albert", DataClass = DataClass.Internal, Purpose = "Communiqué de presse", PublishedExternally = true };
var writer = store.Agents[0];
var decision = usage.Check(writer, records.GetHistory(writer.EmployeeNumber), request);
Console.WriteLine(lang == "en"
    ? $"Usage check {writer.EmployeeNumber} / {request.ToolId} / {Kebab(request.DataClass)}: {Kebab(decision.Outcome)}"
    : $"Contrôle d'usage {writer.EmployeeNumber} / {request.ToolId} / {Kebab(request.DataClass)} : {Kebab(decision.Outcome)}");
foreach (var condition in decision.Conditions)
{
    Console.WriteLine($"  - {condition.Message.Get(lang)} [{string.Join(", ", condition.RuleIds)}]");
}

Console.WriteLine(lang == "en" ? $"{cleared}/{store.Agents.Count} agents cleared" : $"{cleared}/{store.Agents.Count} agents habilités");
return 0;

static string Kebab(Enum value) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
