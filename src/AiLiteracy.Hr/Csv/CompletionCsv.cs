using System.Globalization;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Csv;

/// <summary>
/// The default completions file layout (LMS or training-office export):
/// <c>Matricule;Code module;Version;Date;Résultat;Score;Modalité;Source;Identifiant externe</c>.
/// </summary>
public static class CompletionCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["Matricule", "Code module", "Version", "Date", "Résultat", "Score", "Modalité", "Source", "Identifiant externe"];

    /// <summary>Converts one row to a <see cref="Completion"/>.</summary>
    /// <param name="row">The row's fields.</param>
    /// <returns>The completion, or the reason the row is rejected.</returns>
    public static CsvParse<Completion> Parse(CsvFields row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var employeeNumber = row.Get("Matricule");
        if (employeeNumber is null)
        {
            return CsvParse<Completion>.Fail(row.Missing("Matricule"));
        }

        var moduleId = row.Get("Code module");
        if (moduleId is null)
        {
            return CsvParse<Completion>.Fail(row.Missing("Code module"));
        }

        var versionText = row.Get("Version");
        var version = 1;
        if (versionText is not null && (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
        {
            return CsvParse<Completion>.Fail(row.Error("Version",
                $"Version invalide « {versionText} » (entier ≥ 1 attendu).", $"Invalid version '{versionText}' (integer ≥ 1 expected)."));
        }

        var dateText = row.Get("Date");
        if (dateText is null)
        {
            return CsvParse<Completion>.Fail(row.Missing("Date"));
        }

        if (!FrenchHrVocabulary.TryParseDate(dateText, out var date))
        {
            return CsvParse<Completion>.Fail(row.Error("Date",
                $"Date invalide « {dateText} » (format attendu : jj/mm/aaaa).", $"Invalid date '{dateText}' (expected format: dd/MM/yyyy)."));
        }

        var outcomeText = row.Get("Résultat", "Resultat", "Outcome");
        var outcome = CompletionOutcome.Completed;
        if (outcomeText is not null && !FrenchHrVocabulary.TryParseOutcome(outcomeText, out outcome))
        {
            return CsvParse<Completion>.Fail(row.Error("Résultat",
                $"Résultat inconnu « {outcomeText} » (attendus : terminé, réussi, échoué).",
                $"Unknown outcome '{outcomeText}' (expected: completed, passed, failed)."));
        }

        var scoreText = row.Get("Score", "Note");
        decimal? score = null;
        if (scoreText is not null)
        {
            if (!FrenchHrVocabulary.TryParseDecimal(scoreText, out var parsedScore) || parsedScore < 0 || parsedScore > 100)
            {
                return CsvParse<Completion>.Fail(row.Error("Score",
                    $"Score invalide « {scoreText} » (nombre entre 0 et 100 attendu).", $"Invalid score '{scoreText}' (number between 0 and 100 expected)."));
            }

            score = parsedScore;
        }

        var modeText = row.Get("Modalité", "Modalite", "Delivery mode");
        DeliveryMode? mode = null;
        if (modeText is not null)
        {
            if (!FrenchHrVocabulary.TryParseDeliveryMode(modeText, out var parsedMode))
            {
                return CsvParse<Completion>.Fail(row.Error("Modalité",
                    $"Modalité inconnue « {modeText} » (attendues : présentiel, distanciel, e-learning, atelier).",
                    $"Unknown delivery mode '{modeText}' (expected: in-person, remote, e-learning, workshop)."));
            }

            mode = parsedMode;
        }

        var sourceText = row.Get("Source");
        if (!FrenchHrVocabulary.TryParseSource(sourceText, out var source))
        {
            return CsvParse<Completion>.Fail(row.Error("Source",
                $"Source inconnue « {sourceText} » (attendues : lms, csv, xapi, api, manuel).",
                $"Unknown source '{sourceText}' (expected: lms, csv, xapi, api, manual)."));
        }

        return CsvParse<Completion>.Ok(new Completion
        {
            EmployeeNumber = employeeNumber,
            ModuleId = moduleId,
            ModuleVersion = version,
            Date = date,
            Outcome = outcome,
            Score = score,
            DeliveryMode = mode,
            Source = source,
            ExternalId = row.Get("Identifiant externe", "External id"),
        });
    }

    /// <summary>Converts a completion to its row fields, in <see cref="Header"/> order.</summary>
    /// <param name="completion">The completion.</param>
    /// <returns>The fields.</returns>
    public static IReadOnlyList<string?> Format(Completion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return
        [
            completion.EmployeeNumber, completion.ModuleId, completion.ModuleVersion.ToString(CultureInfo.InvariantCulture),
            FrenchHrVocabulary.FormatDate(completion.Date), FrenchHrVocabulary.FormatOutcome(completion.Outcome),
            completion.Score is { } score ? FrenchHrVocabulary.FormatDecimal(score) : null,
            completion.DeliveryMode is { } mode ? FrenchHrVocabulary.FormatDeliveryMode(mode) : null,
            FrenchHrVocabulary.FormatSource(completion.Source), completion.ExternalId,
        ];
    }

    /// <summary>Reads a completions file: valid rows kept, rejected rows reported.</summary>
    /// <param name="stream">The CSV content.</param>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The completions and the errors.</returns>
    public static Task<CsvReadResult<Completion>> ReadAllAsync(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        HrCsvFile.ReadAllAsync(stream, fileName, Parse, cancellationToken);

    /// <summary>Writes a completions file.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="completions">The completions.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static Task WriteAsync(Stream stream, IEnumerable<Completion> completions, CancellationToken cancellationToken = default) =>
        HrCsvFile.WriteAsync(stream, Header, completions, Format, cancellationToken);
}
