// <usings>
using AiLiteracy;
using AiLiteracy.Definitions;
using AiLiteracy.Demo;
using AiLiteracy.Reports;
using Microsoft.Extensions.DependencyInjection;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy/README.md.</summary>
internal static class AiLiteracyHelloWorld
{
    public static async Task RunAsync()
    {
        // <snippet>
        var services = new ServiceCollection();
        services.AddAiLiteracy(options => options.Language = "fr"); // definitions: the embedded reference content
        await using var provider = services.BuildServiceProvider();

        var definitions = await provider.GetRequiredService<DefinitionService>().GetDefinitionsAsync();
        var demo = await provider.GetRequiredService<DemoService>().GenerateAsync(); // the fictional Val de Brume EPCI
        var report = provider.GetRequiredService<StatusReportService>().SummarizeByDirectorate(definitions, demo);

        Console.WriteLine($"{report.OrganizationName}: {report.Total.Cleared}/{report.Total.Agents} agents habilités");
        foreach (var directorate in report.Directorates)
        {
            Console.WriteLine($"  {directorate.Name}: {directorate.ClearedShare:P0}");
        }
        // </snippet>
    }
}
