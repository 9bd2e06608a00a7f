using System.Globalization;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Mapping;

/// <summary>
/// Reads an agents file through a mapping, one row at a time: checks the field count (a truncated export), maps the
/// row, and rejects a repeated employee number (the first line wins). Rows are streamed; only the set of employee
/// numbers seen grows with the file (about 25 bytes per agent).
/// </summary>
public sealed class AgentFileReader : IDisposable
{
    private readonly HrCsvReader? _reader;
    private readonly EmployeeNumberSet _seen;
    private readonly string? _employeeNumberColumn;

    private AgentFileReader(HrCsvReader? reader, AgentRowMapper? mapper, EmployeeNumberSet seen, IReadOnlyList<CsvRowError> fileErrors, string? employeeNumberColumn)
    {
        _reader = reader;
        Mapper = mapper;
        _seen = seen;
        FileErrors = fileErrors;
        _employeeNumberColumn = employeeNumberColumn;
    }

    /// <summary>Errors that prevent reading the file (empty file, mapped column missing from the header); no row is read when there are any.</summary>
    public IReadOnlyList<CsvRowError> FileErrors { get; }

    /// <summary>The compiled mapping (<see langword="null"/> when the file cannot be read).</summary>
    public AgentRowMapper? Mapper { get; }

    /// <summary>The current row.</summary>
    public MappedRow<Agent> Current { get; private set; }

    /// <summary>Rows read so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Bytes read from the source so far.</summary>
    public long BytesRead => _reader?.BytesRead ?? 0;

    /// <summary>The source length in bytes, when known.</summary>
    public long? Length => _reader?.Length;

    /// <summary>The employee numbers seen so far (valid ones, including those of rejected rows).</summary>
    public EmployeeNumberSet Seen => _seen;

    /// <summary>Opens an agents file.</summary>
    /// <param name="stream">The CSV content (left open).</param>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="mapping">The agents mapping.</param>
    /// <param name="context">What values are checked against.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reader; check <see cref="FileErrors"/>.</returns>
    public static async Task<AgentFileReader> OpenAsync(Stream stream, string fileName, HrMapping mapping, AgentMappingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var reader = await HrCsvReader.OpenAsync(stream, fileName, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        if (!reader.HasHeader)
        {
            reader.Dispose();
            return new AgentFileReader(null, null, new EmployeeNumberSet(), [new CsvRowError(fileName, 1, null, new LocalizedText(
                "Le fichier est vide : une ligne d'en-tête est attendue.", "The file is empty: a header line is expected."))], null);
        }

        var mapper = AgentRowMapper.Create(mapping, context, reader.Fields, out var errors);
        if (errors.Count > 0)
        {
            reader.Dispose();
            return new AgentFileReader(null, null, new EmployeeNumberSet(), errors, null);
        }

        return new AgentFileReader(reader, mapper, new EmployeeNumberSet(), [], mapping.Field(HrFieldNames.EmployeeNumber)?.DisplayName);
    }

    /// <summary>Reads and checks the next row.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a row was read (valid or rejected); <see langword="false"/> at the end.</returns>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_reader is null || !await _reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Rows++;
        var fields = _reader.Fields;
        var countError = _reader.CheckFieldCount();
        var row = countError is null ? Mapper!.Map(fields) : new MappedRow<Agent>(fields.Line, null, Mapper!.KeyOf(fields), countError, null);
        if (row.Key is { } key && !_seen.TryAddValid(key, row.Line, out var firstLine))
        {
            row = new MappedRow<Agent>(row.Line, null, key, fields.Error(_employeeNumberColumn,
                $"Matricule « {key} » en double : déjà présent ligne {firstLine.ToString(CultureInfo.InvariantCulture)} (seule la première ligne est prise en compte).",
                $"Duplicate employee number '{key}': already on line {firstLine.ToString(CultureInfo.InvariantCulture)} (only the first line is used)."), null);
        }

        Current = row;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader?.Dispose();
}
