// HrSyncWorker — a worker service an authority's IT runs next to its HR system (SIRH): every day it imports the HR
// agents export (CSV + mapping file) into the AI Literacy store, then brings the Entra ID groups (e.g. Copilot licences)
// in line with training and charter rules. Everything is configured in appsettings.json; options are validated at
// start-up, so a missing file or setting stops the worker before it does anything.
//
//   dotnet run --project samples/HrSyncWorker
//   dotnet run --project samples/HrSyncWorker -- --HrSyncWorker:RunOnce=true --AiLiteracy:Hr:Csv:AgentsFile=samples/data/agents.csv
using AiLiteracy;
using AiLiteracy.Entra;
using AiLiteracy.Import;
using AiLiteracy.Ports;
using AiLiteracy.Storage;
using HrSyncWorker;

var builder = Host.CreateApplicationBuilder(args);
var configuration = builder.Configuration;

// The tenant is chosen per run by the worker.
builder.Services.AddScoped<TenantContext>();
builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());

var ailiteracy = builder.Services
    .AddAiLiteracy(options => configuration.GetSection(AiLiteracyOptions.SectionName).Bind(options))
    .UseStorage(configuration.GetSection(AiLiteracyStorageOptions.SectionName))
    .AddHrCsv(configuration.GetSection(HrCsvOptions.SectionName));

if (configuration.GetSection("AiLiteracy:Entra:Connection").Exists())
{
    ailiteracy.AddEntraGroupSync(
        connection => configuration.GetSection("AiLiteracy:Entra:Connection").Bind(connection),
        sync => configuration.GetSection(EntraGroupSyncOptions.SectionName).Bind(sync));
}

builder.Services.AddOptions<HrSyncWorkerOptions>()
    .Bind(configuration.GetSection(HrSyncWorkerOptions.SectionName))
    .ValidateDataAnnotations()
    .Validate(o => string.IsNullOrEmpty(o.EntraRulesFile) || configuration.GetSection("AiLiteracy:Entra:Connection").Exists(),
        "HrSyncWorker:EntraRulesFile needs the AiLiteracy:Entra:Connection section.")
    .ValidateOnStart();
builder.Services.AddSingleton<SyncCycle>();
builder.Services.AddHostedService<Worker>();

await builder.Build().RunAsync();
