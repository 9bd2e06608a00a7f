namespace AiLiteracy.Client.Models;

/// <summary>An HR agents export sent as file content (<c>POST /imports/agents/csv-content</c>).</summary>
public sealed record CsvContentImportInput
{
    /// <summary>The CSV file's bytes (sent base64-encoded).</summary>
    public required byte[] Content { get; init; }

    /// <summary>The file name, for the report.</summary>
    public string? FileName { get; init; }

    /// <summary>A full import deactivates the agents missing from the file; incremental (default) only adds and updates.</summary>
    public bool Full { get; init; }
}

/// <summary>A rejected line of an import.</summary>
public sealed record ImportRejection
{
    /// <summary>The line number in the file.</summary>
    public required int Line { get; init; }

    /// <summary>The column, when the error is about one.</summary>
    public string? Column { get; init; }

    /// <summary>The message, in French and English.</summary>
    public required LocalizedText Message { get; init; }
}

/// <summary>The outcome of an agents import.</summary>
public sealed record ImportReport
{
    /// <summary>Agents created.</summary>
    public required int Created { get; init; }

    /// <summary>Agents updated.</summary>
    public required int Updated { get; init; }

    /// <summary>Agents unchanged.</summary>
    public required int Unchanged { get; init; }

    /// <summary>Agents deactivated (full import).</summary>
    public required int Deactivated { get; init; }

    /// <summary>Rejected lines.</summary>
    public IReadOnlyList<ImportRejection> Rejected { get; init; } = [];
}

/// <summary>The outcome of saving a definition file (<c>PUT /definitions/...</c>).</summary>
public sealed record DefinitionSaved
{
    /// <summary>The stored version number.</summary>
    public required int Version { get; init; }

    /// <summary>Whether a new version was stored (<see langword="false"/>: identical to the current one).</summary>
    public required bool Created { get; init; }

    /// <summary>Hash of the stored content.</summary>
    public required string Hash { get; init; }

    /// <summary>When it was saved.</summary>
    public required DateTimeOffset SavedAt { get; init; }
}
