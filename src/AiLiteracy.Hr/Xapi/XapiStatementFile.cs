using System.Text.Json;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Xapi;

/// <summary>One statement read from a file, or why it could not be read.</summary>
/// <param name="Position">1-based position of the statement in the file.</param>
/// <param name="Path">JSON path of the statement, e.g. <c>$[3]</c> or <c>$.statements[3]</c>.</param>
/// <param name="Statement">The statement, when it could be read.</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record XapiStatementEntry(int Position, string Path, XapiStatement? Statement, LocalizedText? Error);

/// <summary>Reads xAPI statements from a JSON document: an array of statements, one statement, or a <c>StatementResult</c> (<c>{"statements": [...], "more": ...}</c>).</summary>
public static class XapiStatementFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the statements of a JSON document.</summary>
    /// <param name="stream">The JSON content.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The statements, in document order; an unreadable document gives one entry with an error.</returns>
    public static async Task<IReadOnlyList<XapiStatementEntry>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return [new XapiStatementEntry(0, ex.Path ?? "$", null, new LocalizedText(
                $"JSON invalide (ligne {ex.LineNumber + 1}) : {ex.Message}", $"Invalid JSON (line {ex.LineNumber + 1}): {ex.Message}"))];
        }

        using (document)
        {
            var root = document.RootElement;
            var (items, prefix) = root.ValueKind switch
            {
                JsonValueKind.Array => (root, "$"),
                JsonValueKind.Object when root.TryGetProperty("statements", out var statements) && statements.ValueKind == JsonValueKind.Array => (statements, "$.statements"),
                JsonValueKind.Object => (default, "$"),
                _ => (default(JsonElement), "$"),
            };
            if (items.ValueKind != JsonValueKind.Array)
            {
                return root.ValueKind == JsonValueKind.Object
                    ? [Read(root, 1, "$")]
                    : [new XapiStatementEntry(0, "$", null, new LocalizedText(
                        "Un tableau de déclarations xAPI, une déclaration ou un objet { \"statements\": [...] } est attendu.",
                        "An array of xAPI statements, one statement or a { \"statements\": [...] } object is expected."))];
            }

            var entries = new List<XapiStatementEntry>(items.GetArrayLength());
            var position = 0;
            foreach (var item in items.EnumerateArray())
            {
                position++;
                entries.Add(Read(item, position, $"{prefix}[{position - 1}]"));
            }

            return entries;
        }
    }

    /// <summary>Converts one JSON element to a statement.</summary>
    /// <param name="element">The element.</param>
    /// <param name="position">Its 1-based position.</param>
    /// <param name="path">Its JSON path.</param>
    /// <returns>The entry.</returns>
    public static XapiStatementEntry Read(JsonElement element, int position, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new XapiStatementEntry(position, path, null, new LocalizedText("Une déclaration xAPI (objet JSON) est attendue.", "An xAPI statement (JSON object) is expected."));
        }

        try
        {
            return new XapiStatementEntry(position, path, element.Deserialize<XapiStatement>(Options), null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? path : path + ex.Path[1..];
            return new XapiStatementEntry(position, where, null, new LocalizedText(
                $"Déclaration illisible : {ex.Message}", $"Unreadable statement: {ex.Message}"));
        }
    }
}
