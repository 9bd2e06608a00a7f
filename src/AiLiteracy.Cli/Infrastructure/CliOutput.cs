using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiLiteracy.Hr.Csv;
using Spectre.Console;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>Writes results as JSON or CSV straight to the output (never wrapped), or rejected rows as text lines.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void WriteJson(IAnsiConsole console, object value)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(JsonSerializer.Serialize(value, Json));
        writer.Flush();
    }

    public static void WriteCsv(IAnsiConsole console, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(string.Join(';', header.Select(Quote)));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(';', row.Select(Quote)));
        }

        writer.Flush();
    }

    /// <summary>A row error as the user reads it: <c>file:line [column] message</c>.</summary>
    public static string Describe(CsvRowError error, LanguageSettings settings)
    {
        var builder = new StringBuilder();
        builder.Append(error.File).Append(':').Append(error.Line.ToString(CultureInfo.InvariantCulture));
        if (error.Column is not null)
        {
            builder.Append(" [").Append(error.Column).Append(']');
        }

        return builder.Append(' ').Append(settings.T(error.Message)).ToString();
    }

    /// <summary>A row error for JSON output.</summary>
    public static object ToJson(CsvRowError error, LanguageSettings settings) => new
    {
        file = error.File,
        line = error.Line,
        column = error.Column,
        message = settings.T(error.Message),
    };

    public static void Error(IAnsiConsole console, string message) => console.MarkupLine($"[red]{Markup.Escape(message)}[/]");

    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
