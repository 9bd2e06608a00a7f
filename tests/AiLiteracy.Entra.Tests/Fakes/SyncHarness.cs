using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.TestData;
using AiLiteracy.Groups;
using AiLiteracy.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;

namespace AiLiteracy.Entra.Tests.Fakes;

/// <summary>A local Graph server, a population of agents with matching users, and a sync service wired to the server through the real Graph SDK.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public const string TokenVariable = "AILITERACY_ENTRA_TESTS_TOKEN";
    public const string GroupId = "6f1c2a8e-0000-4000-8000-000000000001";

    private SyncHarness(GraphTestServer server)
    {
        Server = server;
        Environment.SetEnvironmentVariable(TokenVariable, GraphTestServer.Token);
    }

    public GraphTestServer Server { get; }

    public TestWorld World { get; } = new();

    public InMemoryGroupSyncAuditSink Audit { get; } = new();

    public InMemoryGroupSyncStateStore State { get; } = new();

    public EntraGroupSyncOptions Options { get; } = new()
    {
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        MaxAttempts = 12,
    };

    public static async Task<SyncHarness> StartAsync() => new(await GraphTestServer.StartAsync());

    public EntraOptions Connection => new()
    {
        Credential = EntraCredentialKind.EnvironmentToken,
        TokenEnvironmentVariable = TokenVariable,
        GraphBaseUrl = Server.GraphBaseUrl,
    };

    /// <summary>Adds agents A00000… (cleared unless said otherwise) and their users to the server.</summary>
    public IReadOnlyList<Agent> AddAgents(int count, Func<int, bool>? cleared = null, int offset = 0)
    {
        var agents = new List<Agent>(count);
        for (var i = offset; i < offset + count; i++)
        {
            var number = $"A{i:00000}";
            agents.Add(World.AddAgent(number, cleared: cleared?.Invoke(i) ?? true, withUser: false));
            Server.AddUser(TestWorld.UserIdOf(number), number, number.ToLowerInvariant() + "@test.fr");
        }

        return agents;
    }

    public GroupSyncService CreateService(EntraGroupSyncOptions? options = null) => CreateService(options ?? Options, out _);

    public GroupSyncService CreateService(EntraGroupSyncOptions options, out GraphRequestCounter counter) =>
        CreateService(Connection, null, options, out counter);

    /// <summary>A sync service authenticating with <paramref name="connection"/>; MSAL reaches the test server through <paramref name="msal"/>.</summary>
    public GroupSyncService CreateService(EntraOptions connection, IMsalHttpClientFactory? msal, EntraGroupSyncOptions? options = null) =>
        CreateService(connection, msal, options ?? Options, out _);

    private GroupSyncService CreateService(EntraOptions connection, IMsalHttpClientFactory? msal, EntraGroupSyncOptions options, out GraphRequestCounter counter)
    {
        counter = new GraphRequestCounter();
        var graph = EntraGraphClientFactory.Create(
            connection, new EntraAccessTokenProvider(connection, msal), options, counter, TimeProvider.System, NullLogger.Instance);
        return new GroupSyncService(graph, counter, options, State, Audit, new TestTimeProvider(), NullLogger<GroupSyncService>.Instance);
    }

    public GroupSyncRequest Request(GroupRule? rule = null, IReadOnlyList<Agent>? agents = null, bool dryRun = false, bool force = false) => new()
    {
        Rules = TestWorld.Rules(rule ?? ClearedRule()),
        Data = World.Data(agents),
        Definitions = World.Definitions.Definitions,
        DryRun = dryRun,
        Force = force,
        TriggeredBy = "test",
    };

    public static GroupRule ClearedRule(RemovalThreshold? threshold = null) => new()
    {
        GroupId = GroupId,
        Name = "Copilot",
        Selector = new ClearedSelector(),
        RemovalThreshold = threshold,
    };

    public IReadOnlySet<string> UserIdsOf(IEnumerable<Agent> agents) => agents.Select(a => TestWorld.UserIdOf(a.EmployeeNumber)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
