using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Export;

/// <summary>A value a column of the training-history export holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExportField>))]
public enum ExportField
{
    /// <summary>The employee number (<i>matricule</i>).</summary>
    EmployeeNumber,
    /// <summary>The module title (<i>intitulé</i>), in French.</summary>
    Title,
    /// <summary>The module id (<i>code module</i>).</summary>
    ModuleId,
    /// <summary>The module version.</summary>
    ModuleVersion,
    /// <summary>The first day (<i>date de début</i>): the completion date.</summary>
    StartDate,
    /// <summary>The last day (<i>date de fin</i>): the completion date.</summary>
    EndDate,
    /// <summary>The module's duration in hours (<i>durée en heures</i>).</summary>
    DurationHours,
    /// <summary>The training provider (<i>organisme</i>).</summary>
    Provider,
    /// <summary>The delivery mode (<i>modalité</i>), in French.</summary>
    DeliveryMode,
    /// <summary>The outcome (<i>résultat</i>), in French; <c>annulé</c> for a withdrawal.</summary>
    Outcome,
    /// <summary>The score out of 100.</summary>
    Score,
    /// <summary>The SDK's record id (stable; lets HR recognise a cancellation).</summary>
    RecordId,
    /// <summary>The action: <c>ajout</c> (record) or <c>annulation</c> (withdrawal).</summary>
    Action,
    /// <summary>Where the completion came from (lms, csv, xapi, api, manuel).</summary>
    Source,
}

/// <summary>A column of the export: its header and the value it holds.</summary>
/// <param name="Header">The header written.</param>
/// <param name="Field">The value.</param>
public sealed record ExportColumn(string Header, ExportField Field);

/// <summary>
/// The layout of the CSV training-history export to HR. The default is the columns a French SIRH training-history
/// import expects: <c>Matricule;Intitulé;Code module;Date de début;Date de fin;Durée en heures;Organisme;Modalité;Résultat</c>,
/// <c>;</c>-separated, UTF-8 with BOM, <c>dd/MM/yyyy</c> dates and decimal comma.
/// </summary>
public sealed record CompletionExportLayout
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The default French SIRH training-history layout.</summary>
    public static CompletionExportLayout Default { get; } = new()
    {
        Columns =
        [
            new("Matricule", ExportField.EmployeeNumber),
            new("Intitulé", ExportField.Title),
            new("Code module", ExportField.ModuleId),
            new("Date de début", ExportField.StartDate),
            new("Date de fin", ExportField.EndDate),
            new("Durée en heures", ExportField.DurationHours),
            new("Organisme", ExportField.Provider),
            new("Modalité", ExportField.DeliveryMode),
            new("Résultat", ExportField.Outcome),
        ],
    };

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ExportColumn> Columns { get; init; } = [];

    /// <summary>The separator. Default: <c>;</c>.</summary>
    public string Separator { get; init; } = ";";

    /// <summary>The date format. Default: <c>dd/MM/yyyy</c>.</summary>
    public string DateFormat { get; init; } = "dd/MM/yyyy";

    /// <summary>The training provider written in <see cref="ExportField.Provider"/>; default: the organisation's name.</summary>
    public string? Provider { get; init; }

    /// <summary>Loads a layout file: <c>{"columns": [{"header": "MATRICULE", "field": "employeeNumber"}, …], "separator": ";", "dateFormat": "dd/MM/yyyy", "provider": "…"}</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="FormatException">The file is not a valid layout (message names the problem).</exception>
    public static async Task<CompletionExportLayout> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        CompletionExportLayout? layout;
        try
        {
            layout = await JsonSerializer.DeserializeAsync<CompletionExportLayout>(stream, JsonOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }

        if (layout is null || layout.Columns.Count == 0)
        {
            throw new FormatException($"{path}: at least one column is required ({{\"columns\": [{{\"header\": \"Matricule\", \"field\": \"employeeNumber\"}}]}}).");
        }

        if (layout.Separator is not (";" or "," or "\t" or "|"))
        {
            throw new FormatException($"{path}: the separator must be ';', ',', '|' or a tab.");
        }

        try
        {
            _ = new DateOnly(2026, 1, 31).ToString(layout.DateFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path}: invalid date format '{layout.DateFormat}'.", ex);
        }

        return layout;
    }

    /// <summary>The value of a column for a record.</summary>
    /// <param name="field">The column's value kind.</param>
    /// <param name="item">The exported item.</param>
    /// <returns>The text.</returns>
    public string? Format(ExportField field, ExportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var completion = item.Record.Completion;
        return field switch
        {
            ExportField.EmployeeNumber => completion.EmployeeNumber,
            ExportField.Title => item.Title?.Fr ?? completion.ModuleId,
            ExportField.ModuleId => completion.ModuleId,
            ExportField.ModuleVersion => completion.ModuleVersion.ToString(CultureInfo.InvariantCulture),
            ExportField.StartDate or ExportField.EndDate => completion.Date.ToString(DateFormat, CultureInfo.InvariantCulture),
            ExportField.DurationHours => item.DurationHours is { } hours ? FrenchHrVocabulary.FormatDecimal(hours) : null,
            ExportField.Provider => item.Provider,
            ExportField.DeliveryMode => completion.DeliveryMode is { } mode ? FrenchHrVocabulary.FormatDeliveryMode(mode) : null,
            ExportField.Outcome => item.Withdrawal ? "annulé" : FrenchHrVocabulary.FormatOutcome(completion.Outcome),
            ExportField.Score => completion.Score is { } score ? FrenchHrVocabulary.FormatDecimal(score) : null,
            ExportField.RecordId => item.Record.Id,
            ExportField.Action => item.Withdrawal ? "annulation" : "ajout",
            ExportField.Source => FrenchHrVocabulary.FormatSource(completion.Source),
            _ => null,
        };
    }
}

/// <summary>One line of an export: a completion, or its withdrawal, with what the curriculum says of its module.</summary>
/// <param name="Record">The stored completion.</param>
/// <param name="Withdrawal">Whether this line cancels the record (withdrawn completion).</param>
/// <param name="Title">The module title, when the module is in the curriculum.</param>
/// <param name="DurationHours">The module duration in hours, when known.</param>
/// <param name="Provider">The training provider.</param>
public sealed record ExportItem(Ports.CompletionRecord Record, bool Withdrawal, LocalizedText? Title, decimal? DurationHours, string? Provider);
