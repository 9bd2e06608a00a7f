using System.Text.Json;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Authority;

/// <summary>
/// Reads and writes an authority's data folder in the shapes the HR adapters read: <c>organization.json</c>,
/// <c>agents.csv</c>, <c>completions.csv</c> and <c>acknowledgements.csv</c> (French HR CSV: <c>;</c>, UTF-8, dd/MM/yyyy).
/// </summary>
public static class AuthorityDataFiles
{
    /// <summary>The organisation file name.</summary>
    public const string OrganizationFile = "organization.json";

    /// <summary>The agents file name.</summary>
    public const string AgentsFile = "agents.csv";

    /// <summary>The completions file name.</summary>
    public const string CompletionsFile = "completions.csv";

    /// <summary>The acknowledgements file name.</summary>
    public const string AcknowledgementsFile = "acknowledgements.csv";

    /// <summary>Reads a data folder. Missing CSV files are read as empty; a missing organisation file is an error.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The data and the rejected rows.</returns>
    /// <exception cref="AuthorityDataException">The folder or its organisation file is missing or unreadable.</exception>
    public static async Task<AuthorityDataLoadResult> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new AuthorityDataException(new LocalizedText(
                $"Le dossier de données « {directory} » n'existe pas.", $"Data folder '{directory}' does not exist."));
        }

        var organizationPath = Path.Combine(directory, OrganizationFile);
        if (!File.Exists(organizationPath))
        {
            throw new AuthorityDataException(new LocalizedText(
                $"Fichier « {organizationPath} » introuvable.", $"File '{organizationPath}' not found."));
        }

        Organization organization;
        await using (var stream = File.OpenRead(organizationPath))
        {
            try
            {
                organization = await JsonSerializer.DeserializeAsync<Organization>(stream, AiLiteracyJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("null");
            }
            catch (JsonException ex)
            {
                throw new AuthorityDataException(new LocalizedText(
                    $"{OrganizationFile} : JSON invalide ({ex.Path} ligne {ex.LineNumber + 1}) : {ex.Message}",
                    $"{OrganizationFile}: invalid JSON ({ex.Path} line {ex.LineNumber + 1}): {ex.Message}"), ex);
            }
        }

        var errors = new List<CsvRowError>();
        var agents = await ReadCsvAsync(directory, AgentsFile, AgentCsv.ReadAllAsync, errors, cancellationToken).ConfigureAwait(false);
        var completions = await ReadCsvAsync(directory, CompletionsFile, CompletionCsv.ReadAllAsync, errors, cancellationToken).ConfigureAwait(false);
        var acknowledgements = await ReadCsvAsync(directory, AcknowledgementsFile, AcknowledgementCsv.ReadAllAsync, errors, cancellationToken).ConfigureAwait(false);
        var data = new AuthorityData
        {
            Organization = organization,
            Agents = agents,
            Completions = completions,
            Acknowledgements = acknowledgements,
        };
        return new AuthorityDataLoadResult(data, errors);
    }

    /// <summary>Writes a data folder (created when missing), replacing the four files.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="data">The data.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(string directory, AuthorityData data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        await using (var stream = File.Create(Path.Combine(directory, OrganizationFile)))
        {
            await JsonSerializer.SerializeAsync(stream, data.Organization, AiLiteracyJson.Options, cancellationToken).ConfigureAwait(false);
            stream.WriteByte((byte)'\n');
        }

        await using (var stream = File.Create(Path.Combine(directory, AgentsFile)))
        {
            await AgentCsv.WriteAsync(stream, data.Agents, cancellationToken).ConfigureAwait(false);
        }

        await using (var stream = File.Create(Path.Combine(directory, CompletionsFile)))
        {
            await CompletionCsv.WriteAsync(stream, data.Completions, cancellationToken).ConfigureAwait(false);
        }

        await using (var stream = File.Create(Path.Combine(directory, AcknowledgementsFile)))
        {
            await AcknowledgementCsv.WriteAsync(stream, data.Acknowledgements, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<T>> ReadCsvAsync<T>(
        string directory,
        string fileName,
        Func<Stream, string, CancellationToken, Task<CsvReadResult<T>>> read,
        List<CsvRowError> errors,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = File.OpenRead(path);
        var result = await read(stream, fileName, cancellationToken).ConfigureAwait(false);
        errors.AddRange(result.Errors);
        return result.Records;
    }
}

/// <summary>An authority's data folder cannot be read at all (as opposed to rejected rows, which are reported).</summary>
public sealed class AuthorityDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message in French and English.</param>
    /// <param name="innerException">The cause.</param>
    public AuthorityDataException(LocalizedText message, Exception? innerException = null)
        : base(message?.Fr, innerException) => LocalizedMessage = message!;

    /// <summary>The message in French and English.</summary>
    public LocalizedText LocalizedMessage { get; }
}
