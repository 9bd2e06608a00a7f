// <usings>
using AiLiteracy.Model;
using AiLiteracy.Schemas;
// </usings>

namespace AiLiteracy.Packaging.Tests.Snippets;

/// <summary>The hello world of src/AiLiteracy.Schemas/README.md (runs in a folder holding <c>definitions/</c>).</summary>
internal static class SchemasHelloWorld
{
    public static async Task RunAsync()
    {
        // <snippet>
        var result = await DefinitionLoader.LoadDirectoryAsync("definitions");
        foreach (var error in result.Errors)
        {
            Console.WriteLine(error); // curriculum.json:12:5 $.modules[2].validityMonths AIL-VALIDITY: …
        }

        DefinitionSet definitions = result.EnsureValid();        // or: await ReferenceContent.LoadAsync()
        string schema = DefinitionSchemas.GetSchemaJson(DefinitionKind.Curriculum);
        // </snippet>
        Console.WriteLine($"{definitions.Curriculum.Modules.Count} modules, schema {schema.Length} chars");
    }
}
