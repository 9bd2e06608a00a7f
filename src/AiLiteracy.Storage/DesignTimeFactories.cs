using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiLiteracy.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteAiLiteracyDbContext</c> build the SQLite model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAiLiteracyDbContext>
{
    public SqliteAiLiteracyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAiLiteracyDbContext>()
            .UseSqlite("Data Source=ailiteracy-design.db")
            .Options;
        return new SqliteAiLiteracyDbContext(options, new TenantContext());
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresAiLiteracyDbContext</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAiLiteracyDbContext>
{
    public PostgresAiLiteracyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAiLiteracyDbContext>()
            .UseNpgsql("Host=localhost;Database=ailiteracy_design")
            .Options;
        return new PostgresAiLiteracyDbContext(options, new TenantContext());
    }
}
