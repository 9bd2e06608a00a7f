using AiLiteracy.Model;

namespace AiLiteracy.Reports.Export;

/// <summary>How a column's values are typed and formatted.</summary>
public enum ReportColumnKind
{
    /// <summary>Text.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A decimal number (hours).</summary>
    Decimal,
    /// <summary>A share between 0 and 1, shown as a percentage.</summary>
    Percent,
    /// <summary>A date.</summary>
    Date,
    /// <summary>An amount of money in the report's currency.</summary>
    Money,
}

/// <summary>A column of a <see cref="ReportTable"/>.</summary>
/// <param name="Key">A stable machine name (<c>snake_case</c>, used as the CSV header in English exports and by tests).</param>
/// <param name="Header">The header shown to people, in French and English.</param>
/// <param name="Kind">How values are typed and formatted.</param>
public sealed record ReportColumn(string Key, LocalizedText Header, ReportColumnKind Kind = ReportColumnKind.Text);

/// <summary>
/// A table of a report, ready for any exporter (CSV, XLSX sheet, HTML): a key, a title, typed columns and rows of
/// values (<see cref="string"/>, <see cref="int"/>, <see cref="decimal"/>, <see cref="DateOnly"/> or <see langword="null"/>).
/// Rows are enumerated lazily, once per export, so large registers stream.
/// </summary>
public sealed class ReportTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="key">The table's machine name (<c>modules</c>, <c>measures</c>…).</param>
    /// <param name="title">The title (sheet name), in French and English.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="rows">The rows; each has one value per column.</param>
    public ReportTable(string key, LocalizedText title, IReadOnlyList<ReportColumn> columns, IEnumerable<object?[]> rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Rows = rows ?? throw new ArgumentNullException(nameof(rows));
    }

    /// <summary>The table's machine name.</summary>
    public string Key { get; }

    /// <summary>The title.</summary>
    public LocalizedText Title { get; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>The rows.</summary>
    public IEnumerable<object?[]> Rows { get; }
}

/// <summary>The tables of one report, with what exporters print around them.</summary>
public sealed class ReportDocument
{
    /// <summary>Creates a document.</summary>
    /// <param name="kind">The report's machine name (<c>training-plan</c>, <c>literacy-register</c>…), used in file names.</param>
    /// <param name="title">The report's title.</param>
    /// <param name="organizationName">The authority's name.</param>
    /// <param name="asOf">The evaluation date.</param>
    /// <param name="currency">The currency of money columns.</param>
    /// <param name="tables">The tables, in reading order.</param>
    /// <param name="defaultTable">The key of the table a single-table export (CSV) writes when none is asked for; the first table when <see langword="null"/>.</param>
    public ReportDocument(string kind, LocalizedText title, string organizationName, DateOnly asOf, string currency, IReadOnlyList<ReportTable> tables, string? defaultTable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Kind = kind;
        Title = title ?? throw new ArgumentNullException(nameof(title));
        OrganizationName = organizationName ?? throw new ArgumentNullException(nameof(organizationName));
        AsOf = asOf;
        Currency = currency ?? throw new ArgumentNullException(nameof(currency));
        Tables = tables ?? throw new ArgumentNullException(nameof(tables));
        if (tables.Count == 0)
        {
            throw new ArgumentException("A report has at least one table.", nameof(tables));
        }

        Default = defaultTable is null ? tables[0] : Find(defaultTable) ?? throw new ArgumentException($"No table '{defaultTable}'.", nameof(defaultTable));
    }

    /// <summary>The table a single-table export writes when none is asked for.</summary>
    public ReportTable Default { get; }

    /// <summary>The report's machine name.</summary>
    public string Kind { get; }

    /// <summary>The report's title.</summary>
    public LocalizedText Title { get; }

    /// <summary>The authority's name.</summary>
    public string OrganizationName { get; }

    /// <summary>The evaluation date.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The ISO 4217 currency of money columns.</summary>
    public string Currency { get; }

    /// <summary>The tables, in reading order.</summary>
    public IReadOnlyList<ReportTable> Tables { get; }

    /// <summary>The table with a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The table, or <see langword="null"/> when the report has none by that key.</returns>
    public ReportTable? Find(string key) => Tables.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>A file name for the report: <c>{kind}-{organisation}-{yyyy-MM-dd}.{extension}</c>, ASCII only.</summary>
    /// <param name="extension">The extension without dot.</param>
    /// <param name="organizationId">The authority's id, when known (otherwise its name is slugged).</param>
    /// <returns>The file name.</returns>
    public string FileName(string extension, string? organizationId = null)
    {
        var slug = Slug(organizationId ?? OrganizationName);
        return $"{Kind}-{(slug.Length == 0 ? "authority" : slug)}-{AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.{extension}";
    }

    private static string Slug(string value)
    {
        var normalized = value.Normalize(System.Text.NormalizationForm.FormD);
        var builder = new System.Text.StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if ((c == '-' || char.IsWhiteSpace(c) || c == '\'' || c == '_') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}
