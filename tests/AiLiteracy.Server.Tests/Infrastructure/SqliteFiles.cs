namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>Temporary SQLite database files for tests.</summary>
public static class SqliteFiles
{
    public static TestStorage NewDatabase()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ailiteracy-server-tests");
        Directory.CreateDirectory(directory);
        return new TestStorage("sqlite", $"Data Source={Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db")}");
    }
}
