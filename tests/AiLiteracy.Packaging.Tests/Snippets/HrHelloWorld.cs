// <usings>
using AiLiteracy.Hr.Csv;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Hr/README.md (runs in a folder holding <c>agents.csv</c>).</summary>
internal static class HrHelloWorld
{
    public static async Task RunAsync()
    {
        // <snippet>
        // A French HR export: "Matricule;Nom;Prénom;…", ';' separator, dd/MM/yyyy dates, UTF-8 or Windows-1252.
        await using var file = File.OpenRead("agents.csv");
        var result = await AgentCsv.ReadAllAsync(file, "agents.csv");

        foreach (var error in result.Errors)
        {
            Console.WriteLine(error); // line, column and reason of every rejected row
        }

        Console.WriteLine($"{result.Records.Count} agents, first: {result.Records[0].DisplayName} ({result.Records[0].JobFamilyId})");
        // </snippet>
    }
}
