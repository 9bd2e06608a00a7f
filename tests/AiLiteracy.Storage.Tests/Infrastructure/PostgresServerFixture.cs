using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AiLiteracy.Storage.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for integration tests, reusable by any test project (storage, server):
/// <list type="bullet">
/// <item>when the environment variable <c>AILITERACY_TEST_POSTGRES</c> holds a connection string (a role allowed to
/// create databases), that server is used;</item>
/// <item>otherwise a throw-away server is made: <c>initdb</c> into a temporary directory, started on a free
/// 127.0.0.1 port with its socket in that directory, stopped and deleted by <see cref="DisposeAsync"/>. The binaries
/// are found under <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (or <c>AILITERACY_TEST_PG_BIN</c>); when the tests
/// run as root they run as the <c>postgres</c> user through <c>runuser</c>, since <c>initdb</c> refuses root.</item>
/// </list>
/// It never skips: when no server can be had, <see cref="InitializeAsync"/> fails with the reason and the server log.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming an existing server to use instead of starting one.</summary>
    public const string ConnectionStringVariable = "AILITERACY_TEST_POSTGRES";

    /// <summary>The environment variable naming the directory of the PostgreSQL binaries.</summary>
    public const string BinDirectoryVariable = "AILITERACY_TEST_PG_BIN";

    private const string ServiceUser = "postgres";
    private string? _root;
    private string? _binDirectory;
    private bool _runAsServiceUser;

    /// <summary>A connection string to the server's <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>Whether the server was started by this fixture (as opposed to given by <see cref="ConnectionStringVariable"/>).</summary>
    public bool IsOwnServer => _root is not null;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = new NpgsqlConnectionStringBuilder(external) { Database = "postgres", Pooling = false }.ToString();
            await CheckConnectionAsync($"the server named by {ConnectionStringVariable}");
            return;
        }

        _binDirectory = FindBinDirectory();
        _runAsServiceUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        _root = Path.Combine(Path.GetTempPath(), "ailiteracy-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        if (_runAsServiceUser)
        {
            await RunAsync("chown", [$"{ServiceUser}:", _root], asServiceUser: false);
        }

        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], _runAsServiceUser);

        var port = FreePort();
        var options = string.Join(' ',
            $"-p {port}", $"-k {_root}", "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off",
            "-c full_page_writes=off", "-c max_connections=200", "-c shared_buffers=64MB");
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"], _runAsServiceUser);

        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ToString();
        await CheckConnectionAsync($"the PostgreSQL server started in {_root}");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <param name="name">A prefix for the database name; a unique suffix is added.</param>
    /// <param name="template">A database to copy (it must have no open connection), or <see langword="null"/>.</param>
    /// <returns>The connection string of the new database.</returns>
    public async Task<string> CreateDatabaseAsync(string name = "ailiteracy_test", string? template = null)
    {
        var database = $"{name}_{Guid.NewGuid():N}"[..Math.Min(63, name.Length + 33)];
        await ExecuteAsync(template is null
            ? $"CREATE DATABASE \"{database}\""
            : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 50 }.ToString();
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing its connections.</summary>
    /// <param name="connectionString">A connection string returned by <see cref="CreateDatabaseAsync"/>.</param>
    /// <returns>A task.</returns>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_root is null || _binDirectory is null)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], _runAsServiceUser);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task CheckConnectionAsync(string what)
    {
        try
        {
            await ExecuteAsync("SELECT 1");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            throw new InvalidOperationException($"PostgreSQL tests cannot run: cannot connect to {what}: {ex.Message}{ServerLog()}", ex);
        }
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"PostgreSQL tests cannot run: {BinDirectoryVariable}='{configured}' has no initdb.");
        }

        const string Root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InvalidOperationException(
                $"PostgreSQL tests cannot run: no PostgreSQL binaries under {Root} (install the postgresql package), " +
                $"and neither {ConnectionStringVariable} (a server to use) nor {BinDirectoryVariable} is set.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asServiceUser)
    {
        var start = new ProcessStartInfo
        {
            FileName = asServiceUser ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var argument in new[] { "-u", ServiceUser, "--", fileName })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"PostgreSQL tests cannot run: cannot start {start.FileName}.");
        // pg_ctl start leaves the server holding inherited pipes: read until exit only, never to end of stream.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"PostgreSQL tests cannot run: {Path.GetFileName(fileName)} did not finish within 2 minutes.{ServerLog()}");
        }

        if (process.ExitCode != 0)
        {
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(2)));
            var output = (stdout.IsCompletedSuccessfully ? stdout.Result : "") + (stderr.IsCompletedSuccessfully ? stderr.Result : "");
            throw new InvalidOperationException(
                $"PostgreSQL tests cannot run: '{Path.GetFileName(fileName)} {string.Join(' ', arguments)}' exited with code {process.ExitCode}: {output.Trim()}{ServerLog()}");
        }
    }

    private string ServerLog()
    {
        var log = _root is null ? null : Path.Combine(_root, "server.log");
        return log is not null && File.Exists(log) ? $"{Environment.NewLine}Server log:{Environment.NewLine}{File.ReadAllText(log)}" : "";
    }
}
