using AiLiteracy.Storage;
using Microsoft.Data.Sqlite;

namespace AiLiteracy.Server.Hosting;

/// <summary>Resolves a relative SQLite file against the content root and creates its folder, so <c>data/ailiteracy.db</c> works from any working directory.</summary>
internal static class SqlitePaths
{
    public static string ResolveRelativeDataSource(AiLiteracyStorageOptions options, string contentRoot)
    {
        if (options.Provider != StorageProvider.Sqlite || string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException)
        {
            return options.ConnectionString; // reported by the storage options validator
        }

        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            return options.ConnectionString;
        }

        var full = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        builder.DataSource = full;
        return builder.ToString();
    }
}
