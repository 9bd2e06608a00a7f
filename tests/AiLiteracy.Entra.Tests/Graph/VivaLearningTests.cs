using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Tests.Fakes;
using AiLiteracy.Entra.Tests.TestData;
using AiLiteracy.Entra.Viva;
using AiLiteracy.Groups;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiLiteracy.Entra.Tests.Graph;

public sealed class VivaLearningTests
{
    private const string Provider = "provider-1";

    private static VivaLearningPublisher Publisher(SyncHarness harness, IVivaLearningStateStore state)
    {
        var graph = EntraGraphClientFactory.Create(
            harness.Connection, new EntraAccessTokenProvider(harness.Connection), harness.Options, new GraphRequestCounter(), TimeProvider.System, NullLogger.Instance);
        return new VivaLearningPublisher(
            graph,
            new VivaLearningOptions { ProviderId = Provider, DefaultContentUrl = "https://formation.test.fr/ia" },
            state,
            new TestTimeProvider(),
            NullLogger<VivaLearningPublisher>.Instance);
    }

    private static IReadOnlyList<DirectoryUser> Users(SyncHarness harness) =>
        harness.World.Agents.Select(a => new DirectoryUser { Id = TestWorld.UserIdOf(a.EmployeeNumber), EmployeeId = a.EmployeeNumber }).ToList();

    [Fact]
    public async Task Publish_CreatesContentsAssignmentsAndCompletions_ThenIsIdempotent()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(2, cleared: i => i == 0);
        var state = new InMemoryVivaLearningStateStore();
        var publisher = Publisher(harness, state);

        var first = await publisher.PublishAsync(harness.World.Definitions.Definitions, harness.World.Data(), Users(harness));

        Assert.Equal(4, first.ContentsPublished);
        Assert.Equal(4, first.ActivitiesCreated); // A00000: 2 completions; A00001: 2 assignments (HR: common core only)
        var activities = harness.Server.Activities.Values.ToList();
        Assert.Equal(2, activities.Count(a => a["@odata.type"]!.GetValue<string>() == "#microsoft.graph.learningAssignment" && a["dueDateTime"] is not null));
        Assert.Equal(2, activities.Count(a => a["status"]!.GetValue<string>() == "completed"));
        Assert.All(activities, a => Assert.DoesNotContain("A0000", a["externalcourseActivityId"]!.GetValue<string>(), StringComparison.Ordinal));

        var writesBefore = harness.Server.Requests;
        var second = await publisher.PublishAsync(harness.World.Definitions.Definitions, harness.World.Data(), Users(harness));

        Assert.Equal((0, 0, 4), (second.ActivitiesCreated, second.ActivitiesUpdated, second.ActivitiesUnchanged));
        Assert.Equal(4, harness.Server.Requests - writesBefore); // only the 4 content PATCHes
    }

    [Fact]
    public async Task Publish_MarksTheAssignmentCompleted_WhenTheAgentCompletesTheModule()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(1, cleared: _ => false);
        var publisher = Publisher(harness, new InMemoryVivaLearningStateStore());
        await publisher.PublishAsync(harness.World.Definitions.Definitions, harness.World.Data(), Users(harness));

        harness.World.Complete("A00000", TestWorld.CommonCore1);
        var result = await publisher.PublishAsync(harness.World.Definitions.Definitions, harness.World.Data(), Users(harness));

        Assert.Equal((0, 1, 1), (result.ActivitiesCreated, result.ActivitiesUpdated, result.ActivitiesUnchanged));
        Assert.Equal(1, harness.Server.Activities.Values.Count(a => a["status"]!.GetValue<string>() == "completed"));
        Assert.Equal(2, harness.Server.Activities.Count);
    }

    [Fact]
    public async Task Publish_WithLostState_FindsExistingActivitiesByExternalId_InsteadOfDuplicating()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(3, cleared: i => i != 1);
        await Publisher(harness, new InMemoryVivaLearningStateStore()).PublishAsync(harness.World.Definitions.Definitions, harness.World.Data(), Users(harness));
        var count = harness.Server.Activities.Count;

        var again = await Publisher(harness, new InMemoryVivaLearningStateStore()).PublishAsync(harness.World.Definitions.Definitions, harness.World.Data(), Users(harness));

        Assert.Equal(0, again.ActivitiesCreated);
        Assert.Equal(count, again.ActivitiesUpdated);
        Assert.Equal(count, harness.Server.Activities.Count);
        Assert.Empty(again.Errors);
    }
}
