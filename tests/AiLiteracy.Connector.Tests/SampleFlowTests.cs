using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Rules;

namespace AiLiteracy.Connector.Tests;

/// <summary>
/// The sample flows of samples/flows use only operations, parameters and outputs the connector has: every AI Literacy
/// action names an existing operation, gives every required input, gives no input the operation lacks, and every
/// reference to its outputs (<c>body('…')?['…']</c>, <c>items('…')</c> over them, <c>triggerBody()</c>) follows
/// properties of the declared response or notification schema.
/// </summary>
public sealed partial class SampleFlowTests
{
    private const string ConnectionName = "shared_ailiteracy";

    private static string FlowDirectory => Path.Combine(ConnectorFiles.RepositoryRoot, "samples", "flows");

    public static TheoryData<string> Flows() => new(Directory.GetFiles(FlowDirectory, "*.json").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Samples_CoverOnboardingQuizAndMonthlyReport()
    {
        var files = Directory.GetFiles(FlowDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["monthly-coverage.json", "onboarding.json", "quiz-completion.json"], files);
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Flow_UsesOnlyWhatTheConnectorHas(string file)
    {
        var problems = Check(JsonNode.Parse(File.ReadAllText(Path.Combine(FlowDirectory, file)))!.AsObject(), ConnectorPackage.LoadCommitted(ConnectorVariant.EntraId));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Flow_UsesTheConnectorAtLeastOnce(string file)
    {
        var flow = JsonNode.Parse(File.ReadAllText(Path.Combine(FlowDirectory, file)))!.AsObject();
        Assert.Contains(Steps(flow), s => IsConnectorStep(s.Step));
    }

    [Fact]
    public void Checker_CatchesUnknownOperationParameterAndOutput()
    {
        var connector = ConnectorPackage.LoadCommitted(ConnectorVariant.EntraId);
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(FlowDirectory, "quiz-completion.json")))!.AsObject();
        Assert.Empty(Check(original, connector));

        var unknownOperation = original.DeepClone().AsObject();
        Step(unknownOperation, "Record_a_completion")["inputs"]!["host"]!["operationId"] = "RecordTraining";
        Assert.Contains(Check(unknownOperation, connector), p => p.Contains("RecordTraining", StringComparison.Ordinal));

        var unknownParameter = original.DeepClone().AsObject();
        Step(unknownParameter, "Record_a_completion")["inputs"]!["parameters"]!["body/grade"] = 12;
        Assert.Contains(Check(unknownParameter, connector), p => p.Contains("body/grade", StringComparison.Ordinal));

        var missingRequired = original.DeepClone().AsObject();
        Step(missingRequired, "Record_a_completion")["inputs"]!["parameters"]!.AsObject().Remove("body/moduleId");
        Assert.Contains(Check(missingRequired, connector), p => p.Contains("moduleId", StringComparison.Ordinal));

        var unknownOutput = original.DeepClone().AsObject();
        Step(unknownOutput, "Is_the_agent_cleared")["expression"]!["and"]![0]!["equals"]![0] = "@body('Get_the_training_status_of_an_agent')?['cleared']";
        Assert.Contains(Check(unknownOutput, connector), p => p.Contains("cleared", StringComparison.Ordinal));

        var onboarding = JsonNode.Parse(File.ReadAllText(Path.Combine(FlowDirectory, "onboarding.json")))!.AsObject();
        Step(onboarding, "Module_lines")["inputs"]!["select"] = "@items('Module_lines')?['label']";
        Assert.Contains(Check(onboarding, connector), p => p.Contains("label", StringComparison.Ordinal));
    }

    /// <summary>Checks a flow against a connector; returns the problems found.</summary>
    public static IReadOnlyList<string> Check(JsonObject flow, ConnectorPackage connector)
    {
        var problems = new List<string>();
        var steps = Steps(flow).ToList();
        var byName = steps.ToDictionary(s => s.Name, s => s.Step, StringComparer.Ordinal);
        var outputs = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        JsonObject? triggerSchema = null;

        foreach (var (name, step, isTrigger) in steps.Where(s => IsConnectorStep(s.Step)))
        {
            var operationId = step["inputs"]!["host"]!["operationId"]!.GetValue<string>();
            var operation = connector.Operations.FirstOrDefault(o => o.OperationId == operationId);
            if (operation is null)
            {
                problems.Add($"{name}: the connector has no operation '{operationId}'.");
                continue;
            }

            if (isTrigger != operation.IsTrigger)
            {
                problems.Add($"{name}: '{operationId}' is {(operation.IsTrigger ? "a trigger" : "an action")} in the connector.");
            }

            var given = (step["inputs"]!["parameters"] as JsonObject ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var body = operation.BodySchema;
            foreach (var key in given)
            {
                var known = key.StartsWith("body/", StringComparison.Ordinal)
                    ? body is not null && SchemaWalk.Resolve(body, key["body/".Length..]) is not null
                    : operation.Parameters.Any(p => p["name"]!.GetValue<string>() == key && p["in"]!.GetValue<string>() != "body");
                if (!known)
                {
                    problems.Add($"{name}: '{operationId}' has no input '{key}'.");
                }
            }

            foreach (var parameter in operation.Parameters.Where(p => p["in"]!.GetValue<string>() != "body" && p["required"]?.GetValue<bool>() == true && p["x-ms-visibility"]?.GetValue<string>() != "internal"))
            {
                if (!given.Contains(parameter["name"]!.GetValue<string>()))
                {
                    problems.Add($"{name}: required input '{parameter["name"]}' of '{operationId}' is missing.");
                }
            }

            foreach (var required in (body?["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                var property = body!["properties"]![required]!;
                if (property["x-ms-visibility"]?.GetValue<string>() != "internal" && !given.Contains("body/" + required))
                {
                    problems.Add($"{name}: required input 'body/{required}' of '{operationId}' is missing.");
                }
            }

            if (isTrigger)
            {
                triggerSchema = operation.IsWebhookTrigger
                    ? operation.PathItem["x-ms-notification-content"]?["schema"] as JsonObject
                    : SchemaWalk.SuccessSchema(operation.Operation);
            }
            else
            {
                outputs[name] = SchemaWalk.SuccessSchema(operation.Operation);
            }
        }

        // items('X') is an item of the array that step X (a Select or a loop) runs over.
        var itemSchemas = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        foreach (var (name, step, _) in steps)
        {
            var source = ((step["inputs"] as JsonObject)?["from"] as JsonValue)?.GetValue<string>() ?? (step["foreach"] as JsonValue)?.GetValue<string>();
            if (source is not null && BodyReference().Match(source) is { Success: true } match && outputs.TryGetValue(match.Groups[1].Value, out var schema))
            {
                var array = Follow(schema, Segments(match.Groups[2].Value), out _);
                itemSchemas[name] = array?["items"] as JsonObject;
            }
        }

        var text = string.Join('\n', Strings(flow["properties"]!["definition"]));
        foreach (Match match in BodyReference().Matches(text))
        {
            if (outputs.TryGetValue(match.Groups[1].Value, out var schema))
            {
                Report(problems, $"body('{match.Groups[1].Value}')", schema, match.Groups[2].Value);
            }
        }

        foreach (Match match in ItemReference().Matches(text))
        {
            if (itemSchemas.TryGetValue(match.Groups[1].Value, out var schema))
            {
                Report(problems, $"items('{match.Groups[1].Value}')", schema, match.Groups[2].Value);
            }
        }

        foreach (Match match in TriggerReference().Matches(text))
        {
            if (triggerSchema is not null)
            {
                Report(problems, "triggerBody()", triggerSchema, match.Groups[1].Value);
            }
        }

        _ = byName;
        return problems;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static void Report(List<string> problems, string what, JsonObject? schema, string path)
    {
        Follow(schema, Segments(path), out var missing);
        if (missing is not null)
        {
            problems.Add($"{what}{path}: the connector declares no '{missing}' there.");
        }
    }

    private static JsonObject? Follow(JsonObject? schema, IEnumerable<string> segments, out string? missing)
    {
        missing = null;
        var current = schema;
        foreach (var segment in segments)
        {
            var next = current?["properties"]?[segment] as JsonObject;
            if (next is null)
            {
                missing = segment;
                return null;
            }

            current = next;
        }

        return current;
    }

    private static IEnumerable<string> Segments(string path) => SegmentPattern().Matches(path).Select(m => m.Groups[1].Value);

    private static bool IsConnectorStep(JsonObject step) =>
        (step["inputs"] as JsonObject)?["host"]?["connectionName"]?.GetValue<string>() == ConnectionName;

    private static JsonObject Step(JsonObject flow, string name) => Steps(flow).Single(s => s.Name == name).Step;

    private static IEnumerable<(string Name, JsonObject Step, bool IsTrigger)> Steps(JsonObject flow)
    {
        var definition = flow["properties"]!["definition"]!;
        foreach (var (name, trigger) in definition["triggers"]!.AsObject())
        {
            yield return (name, trigger!.AsObject(), true);
        }

        foreach (var step in Actions(definition["actions"] as JsonObject))
        {
            yield return step;
        }

        static IEnumerable<(string, JsonObject, bool)> Actions(JsonObject? actions)
        {
            foreach (var (name, node) in actions ?? [])
            {
                var action = node!.AsObject();
                yield return (name, action, false);
                foreach (var nested in Actions(action["actions"] as JsonObject).Concat(Actions(action["else"]?["actions"] as JsonObject)))
                {
                    yield return nested;
                }
            }
        }
    }

    [GeneratedRegex(@"body\('([^']+)'\)((?:\?\['[^']+'\])*)")]
    private static partial Regex BodyReference();

    [GeneratedRegex(@"items\('([^']+)'\)((?:\?\['[^']+'\])*)")]
    private static partial Regex ItemReference();

    [GeneratedRegex(@"triggerBody\(\)((?:\?\['[^']+'\])*)")]
    private static partial Regex TriggerReference();

    [GeneratedRegex(@"\['([^']+)'\]")]
    private static partial Regex SegmentPattern();
}
