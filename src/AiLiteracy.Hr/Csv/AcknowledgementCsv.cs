using System.Globalization;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Csv;

/// <summary>The charter acknowledgements file layout: <c>Matricule;Version charte;Date</c>.</summary>
public static class AcknowledgementCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Header { get; } = ["Matricule", "Version charte", "Date"];

    /// <summary>Converts one row to an <see cref="Acknowledgement"/>.</summary>
    /// <param name="row">The row's fields.</param>
    /// <returns>The acknowledgement, or the reason the row is rejected.</returns>
    public static CsvParse<Acknowledgement> Parse(CsvFields row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var employeeNumber = row.Get("Matricule");
        if (employeeNumber is null)
        {
            return CsvParse<Acknowledgement>.Fail(row.Missing("Matricule"));
        }

        var versionText = row.Get("Version charte", "Version");
        if (versionText is null)
        {
            return CsvParse<Acknowledgement>.Fail(row.Missing("Version charte"));
        }

        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            return CsvParse<Acknowledgement>.Fail(row.Error("Version charte",
                $"Version invalide « {versionText} » (entier ≥ 1 attendu).", $"Invalid version '{versionText}' (integer ≥ 1 expected)."));
        }

        var dateText = row.Get("Date");
        if (dateText is null)
        {
            return CsvParse<Acknowledgement>.Fail(row.Missing("Date"));
        }

        if (!FrenchHrVocabulary.TryParseDate(dateText, out var date))
        {
            return CsvParse<Acknowledgement>.Fail(row.Error("Date",
                $"Date invalide « {dateText} » (format attendu : jj/mm/aaaa).", $"Invalid date '{dateText}' (expected format: dd/MM/yyyy)."));
        }

        return CsvParse<Acknowledgement>.Ok(new Acknowledgement { EmployeeNumber = employeeNumber, CharterVersion = version, Date = date });
    }

    /// <summary>Converts an acknowledgement to its row fields.</summary>
    /// <param name="acknowledgement">The acknowledgement.</param>
    /// <returns>The fields.</returns>
    public static IReadOnlyList<string?> Format(Acknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        return [acknowledgement.EmployeeNumber, acknowledgement.CharterVersion.ToString(CultureInfo.InvariantCulture), FrenchHrVocabulary.FormatDate(acknowledgement.Date)];
    }

    /// <summary>Reads an acknowledgements file.</summary>
    /// <param name="stream">The CSV content.</param>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The acknowledgements and the errors.</returns>
    public static Task<CsvReadResult<Acknowledgement>> ReadAllAsync(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        HrCsvFile.ReadAllAsync(stream, fileName, Parse, cancellationToken);

    /// <summary>Writes an acknowledgements file.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="acknowledgements">The acknowledgements.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static Task WriteAsync(Stream stream, IEnumerable<Acknowledgement> acknowledgements, CancellationToken cancellationToken = default) =>
        HrCsvFile.WriteAsync(stream, Header, acknowledgements, Format, cancellationToken);
}
