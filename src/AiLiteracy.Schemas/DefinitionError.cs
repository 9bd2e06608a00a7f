using System.Globalization;
using System.Text;
using AiLiteracy.Model;

namespace AiLiteracy.Schemas;

/// <summary>
/// One problem found in a definition file: where (file, JSON path, line and column), what (a stable
/// <see cref="Code"/>) and why (a French and English <see cref="Message"/>).
/// </summary>
public sealed record DefinitionError
{
    /// <summary>The file name or path, as given in <see cref="DefinitionSource.Name"/>.</summary>
    public required string File { get; init; }

    /// <summary>JSONPath of the offending value, e.g. <c>$.modules[3].prerequisites[0]</c>; <c>$</c> for the whole file.</summary>
    public required string JsonPath { get; init; }

    /// <summary>1-based line, when known.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column, when known.</summary>
    public int? Column { get; init; }

    /// <summary>A stable code from <see cref="DefinitionErrorCodes"/>, e.g. <c>AIL-UNKNOWN-REF</c>.</summary>
    public required string Code { get; init; }

    /// <summary>What is wrong and how to fix it, in French and English.</summary>
    public required LocalizedText Message { get; init; }

    /// <summary>Formats the error for a terminal, e.g. <c>curriculum.json:12:5 $.modules[2].validityMonths AIL-VALIDITY: …</c>.</summary>
    /// <param name="language">The message language: <c>en</c> for English, anything else for French.</param>
    /// <returns>One line of text.</returns>
    public string ToString(string language)
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
        {
            text.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
            if (Column is { } column)
            {
                text.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.Append(' ').Append(JsonPath).Append(' ').Append(Code).Append(": ").Append(Message.Get(language)).ToString();
    }

    /// <summary>Formats the error with its French message, e.g. <c>curriculum.json:12:5 $.modules[2].validityMonths AIL-VALIDITY: …</c>.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() => ToString("fr");
}
