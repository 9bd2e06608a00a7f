using System.Text;

namespace AiLiteracy.Schemas;

/// <summary>A definition file to validate: its name (used in error reports and to guess its kind) and its JSON text.</summary>
public sealed class DefinitionSource
{
    /// <summary>Creates a source from JSON text already in memory.</summary>
    /// <param name="name">The file name or path shown in errors, e.g. <c>curriculum.json</c>.</param>
    /// <param name="content">The JSON text (a leading byte-order mark is ignored).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public DefinitionSource(string name, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        Name = name;
        Content = content.Length > 0 && content[0] == '\uFEFF' ? content[1..] : content;
    }

    /// <summary>The file name or path shown in errors.</summary>
    public string Name { get; }

    /// <summary>The JSON text.</summary>
    public string Content { get; }

    /// <summary>Reads a source from a file (UTF-8, with or without byte-order mark).</summary>
    /// <param name="path">The file path; it is also the name shown in errors.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The source.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<DefinitionSource> FromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var content = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return new DefinitionSource(path, content);
    }

    /// <summary>Reads a source from a stream (UTF-8, with or without byte-order mark); the stream is left open.</summary>
    /// <param name="name">The file name shown in errors.</param>
    /// <param name="stream">The stream to read to its end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The source.</returns>
    public static async Task<DefinitionSource> FromStreamAsync(string name, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var content = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return new DefinitionSource(name, content);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
