using AiLiteracy.Entra.Tests.TestData;
using AiLiteracy.Groups;
using AiLiteracy.Model;

namespace AiLiteracy.Entra.Tests.Groups;

public sealed class PlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private static GroupSyncPlan Plan(TestWorld world, GroupRule rule, params string[] currentMembers) =>
        GroupSyncPlanner.Plan(world.Evaluate(TestWorld.Rules(rule)), TestWorld.Current(rule.GroupId, currentMembers), Now);

    [Fact]
    public void Plan_AddsWantedUsersWhoAreNotMembers_WithTheRuleAsReason()
    {
        var world = new TestWorld();
        world.AddAgent("A1");
        world.AddAgent("A2");

        var plan = Plan(world, TestWorld.Rule("g", new ClearedSelector()), "A1");

        var add = Assert.Single(plan.Groups[0].Adds);
        Assert.Equal((TestWorld.UserIdOf("A2"), "A2", GroupChangeReasonCode.RuleMatched), (add.UserId, add.EmployeeNumber, add.Reason.Code));
        Assert.Contains("cleared", add.Reason.Message.En, StringComparison.Ordinal);
        Assert.Empty(plan.Groups[0].Removes);
    }

    [Fact]
    public void Plan_RemovesMembersWhoNoLongerMatch_WithTheEngineReason()
    {
        var world = new TestWorld();
        world.AddAgent("A1", cleared: false);
        world.Complete("A1", TestWorld.CommonCore1, TestWorld.Today.AddMonths(-30));
        for (var i = 0; i < 20; i++)
        {
            world.AddAgent($"B{i}");
        }

        var plan = Plan(world, TestWorld.Rule("g", new ClearedSelector()), ["A1", .. Enumerable.Range(0, 20).Select(i => $"B{i}")]);

        var remove = Assert.Single(plan.Groups[0].Removes);
        Assert.Equal(("A1", GroupChangeReasonCode.RuleNotMatched), (remove.EmployeeNumber, remove.Reason.Code));
        Assert.Contains("TC-01", remove.Reason.Message.En, StringComparison.Ordinal);
        Assert.False(plan.Groups[0].RemovalCheck.Exceeded);
    }

    [Fact]
    public void Plan_GivesNotActiveAsReason_ForAgentsWhoLeft()
    {
        var world = new TestWorld();
        world.AddAgent("A1", status: EmploymentStatus.Left);

        var plan = Plan(world, TestWorld.Rule("g", new ClearedSelector()) with { RemovalThreshold = new RemovalThreshold { MaxRemovalPercent = 100 } }, "A1");

        Assert.Equal(GroupChangeReasonCode.AgentNotActive, Assert.Single(plan.Groups[0].Removes).Reason.Code);
    }

    [Fact]
    public void Plan_RemovesUsersMatchedToNoAgent()
    {
        var world = new TestWorld();
        world.AddAgent("A1");

        var desired = world.Evaluate(TestWorld.Rules(TestWorld.Rule("g", new ClearedSelector()) with { RemovalThreshold = new RemovalThreshold { MaxRemovalPercent = 100 } }));
        var plan = GroupSyncPlanner.Plan(desired, new Dictionary<string, IReadOnlySet<string>> { ["g"] = new HashSet<string> { TestWorld.UserIdOf("A1"), "stranger" } }, Now);

        var remove = Assert.Single(plan.Groups[0].Removes);
        Assert.Equal(("stranger", GroupChangeReasonCode.NoAgent, (string?)null), (remove.UserId, remove.Reason.Code, remove.EmployeeNumber));
    }

    [Fact]
    public void Plan_NeverRemovesKeptOrUncertainMembers()
    {
        var world = new TestWorld();
        world.AddAgent("A1", cleared: false);
        world.AddUser(new DirectoryUser { Id = "twin", EmployeeId = "A1" }); // A1's employeeId is now ambiguous
        var rule = TestWorld.Rule("g", new ClearedSelector()) with { KeepMembers = ["admin"], RemovalThreshold = new RemovalThreshold { MaxRemovalPercent = 100 } };

        var desired = world.Evaluate(TestWorld.Rules(rule));
        var plan = GroupSyncPlanner.Plan(desired, new Dictionary<string, IReadOnlySet<string>> { ["g"] = new HashSet<string> { "admin", "twin", TestWorld.UserIdOf("A1") } }, Now);

        Assert.Empty(plan.Groups[0].Removes);
        Assert.Equal(new[] { "admin", "twin", TestWorld.UserIdOf("A1") }.Order(StringComparer.Ordinal), plan.Groups[0].Kept);
    }

    [Fact]
    public void Plan_InAdditiveMode_NeverRemoves()
    {
        var world = new TestWorld();
        world.AddAgent("A1", cleared: false);

        var plan = Plan(world, TestWorld.Rule("g", new ClearedSelector(), GroupSyncMode.Additive), "A1");

        Assert.Empty(plan.Groups[0].Removes);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Plan_ListsSelectedAgentsWithoutUser()
    {
        var world = new TestWorld();
        world.AddAgent("A1", withUser: false);

        var plan = Plan(world, TestWorld.Rule("g", new ClearedSelector()));

        Assert.Equal(["A1"], plan.Groups[0].SelectedWithoutUser);
        Assert.Equal("A1", Assert.Single(plan.UnmatchedAgents).EmployeeNumber);
    }

    [Fact]
    public void Plan_IsEmpty_WhenMembershipAlreadyMatches()
    {
        var world = new TestWorld();
        world.AddAgent("A1");
        world.AddAgent("A2", cleared: false);

        var plan = Plan(world, TestWorld.Rule("g", new ClearedSelector()), "A1");

        Assert.True(plan.IsEmpty);
        Assert.True(plan.MayApply(force: false));
    }

    [Fact]
    public void Plan_ExceedsTheThreshold_WhenTheHrPopulationIsTruncated()
    {
        var world = new TestWorld();
        var numbers = Enumerable.Range(0, 100).Select(i => $"A{i:000}").ToArray();
        foreach (var number in numbers)
        {
            world.AddAgent(number);
        }

        // The HR export lost its second half.
        var desired = world.Evaluate(TestWorld.Rules(TestWorld.Rule("g", new ClearedSelector())), world.Agents.Take(50).ToList());
        var plan = GroupSyncPlanner.Plan(desired, TestWorld.Current("g", numbers), Now);

        Assert.Equal(50, plan.TotalRemoves);
        Assert.True(plan.Groups[0].RemovalCheck.Exceeded);
        Assert.Single(plan.GroupsOverThreshold);
        Assert.False(plan.MayApply(force: false));
        Assert.True(plan.MayApply(force: true));
    }

    [Fact]
    public void Plan_RejectsTwoRulesForOneGroup()
    {
        var world = new TestWorld();
        Assert.Throws<ArgumentException>(() => world.Evaluate(TestWorld.Rules(
            TestWorld.Rule("g", new ClearedSelector()), TestWorld.Rule("G", new AllAgentsSelector()))));
    }
}
