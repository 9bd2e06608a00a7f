using AiLiteracy.Entra.Tests.TestData;
using AiLiteracy.Groups;
using AiLiteracy.Model;

namespace AiLiteracy.Entra.Tests.Groups;

public sealed class SelectorTests
{
    private static IReadOnlyCollection<string> Selected(TestWorld world, GroupSelector selector)
    {
        var desired = world.Evaluate(TestWorld.Rules(TestWorld.Rule("g", selector)));
        return desired.Groups[0].Members.Values.ToHashSet();
    }

    [Fact]
    public void Cleared_SelectsOnlyAgentsWithEveryModuleAndTheCurrentCharter()
    {
        var world = new TestWorld();
        world.AddAgent("A1");
        world.AddAgent("A2", cleared: false);
        world.AddAgent("A3", cleared: false);
        world.Complete("A3", TestWorld.CommonCore1);
        world.Complete("A3", TestWorld.CommonCore2);
        world.Acknowledge("A3", version: 1); // outdated charter version

        Assert.Equal(["A1"], Selected(world, new ClearedSelector()));
        Assert.Equal(["A2", "A3"], Selected(world, new ClearedSelector(false)).Order());
    }

    [Fact]
    public void Role_SelectsAgentsHoldingTheRole()
    {
        var world = new TestWorld();
        world.AddAgent("A1", roles: AgentRoles.Agent | AgentRoles.Referent);
        world.AddAgent("A2");

        Assert.Equal(["A1"], Selected(world, new RoleSelector(AgentRoles.Referent)));
    }

    [Fact]
    public void TrackCompleted_RequiresEveryModuleOfTheTrackRequiredOfTheAgent()
    {
        var world = new TestWorld();
        world.AddAgent("A1", cleared: false);
        world.Complete("A1", TestWorld.CommonCore1);
        world.Complete("A1", TestWorld.CommonCore2);
        world.AddAgent("A2", cleared: false);
        world.Complete("A2", TestWorld.CommonCore1);

        Assert.Equal(["A1"], Selected(world, new TrackCompletedSelector(TrackKind.CommonCore)));
    }

    [Fact]
    public void TrackCompleted_IsFalse_WhenNoModuleOfTheTrackIsRequired()
    {
        var world = new TestWorld();
        world.AddAgent("A1"); // not a referent: the referent track is not required

        Assert.Empty(Selected(world, new TrackCompletedSelector(TrackKind.Referent)));
    }

    [Fact]
    public void ModuleCompleted_CountsOnlyUnexpiredCompletions()
    {
        var world = new TestWorld();
        world.AddAgent("A1", cleared: false);
        world.Complete("A1", TestWorld.CommonCore1, TestWorld.Today.AddMonths(-25)); // validity 24 months
        world.AddAgent("A2", cleared: false);
        world.Complete("A2", TestWorld.CommonCore1, TestWorld.Today.AddMonths(-2));

        Assert.Equal(["A2"], Selected(world, new ModuleCompletedSelector(TestWorld.CommonCore1)));
    }

    [Fact]
    public void ModuleCompleted_CountsModulesNotRequiredOfTheAgent()
    {
        var world = new TestWorld();
        world.AddAgent("A1", jobFamily: "rh", cleared: false);
        world.Complete("A1", TestWorld.CommunicationModule);

        Assert.Equal(["A1"], Selected(world, new ModuleCompletedSelector(TestWorld.CommunicationModule)));
    }

    [Fact]
    public void ModuleMissing_SelectsAgentsOfWhomTheModuleIsRequiredAndNotValid()
    {
        var world = new TestWorld();
        world.AddAgent("A1", jobFamily: "communication", cleared: false);
        world.AddAgent("A2", jobFamily: "communication");
        world.AddAgent("A3", jobFamily: "rh", cleared: false); // not required of HR

        Assert.Equal(["A1"], Selected(world, new ModuleMissingSelector(TestWorld.CommunicationModule)));
    }

    [Fact]
    public void OrgUnit_SelectsTheUnitAndEveryUnitBelowIt()
    {
        var world = new TestWorld();
        world.AddAgent("A1", orgUnit: "DRH");
        world.AddAgent("A2", orgUnit: "DRH-PAIE");
        world.AddAgent("A3", orgUnit: "COM");

        Assert.Equal(["A1", "A2"], Selected(world, new OrgUnitSelector("DRH")).Order());
        Assert.Equal(["A1", "A2"], Selected(world, new OrgUnitSelector("DGS/DRH")).Order());
        Assert.Equal(["A2"], Selected(world, new OrgUnitSelector("DRH/DRH-PAIE")));
        Assert.Empty(Selected(world, new OrgUnitSelector("COM/DRH-PAIE")));
    }

    [Fact]
    public void JobFamily_SelectsAgentsOfAnyListedFamily()
    {
        var world = new TestWorld();
        world.AddAgent("A1", jobFamily: "rh");
        world.AddAgent("A2", jobFamily: "communication");
        world.AddAgent("A3", jobFamily: "finances");

        Assert.Equal(["A1", "A2"], Selected(world, new JobFamilySelector(["rh", "communication"])).Order());
    }

    [Fact]
    public void Combinations_FollowBooleanLogic()
    {
        var world = new TestWorld();
        world.AddAgent("A1", jobFamily: "communication");
        world.AddAgent("A2", jobFamily: "communication", cleared: false);
        world.AddAgent("A3", jobFamily: "rh", roles: AgentRoles.Agent | AgentRoles.Referent);

        var clearedCommunication = new AllOfSelector([new ClearedSelector(), new JobFamilySelector(["communication"])]);
        Assert.Equal(["A1"], Selected(world, clearedCommunication));
        var communicationOrReferent = new AnyOfSelector([new JobFamilySelector(["communication"]), new RoleSelector(AgentRoles.Referent)]);
        Assert.Equal(["A1", "A2", "A3"], Selected(world, communicationOrReferent).Order());
        Assert.Equal(["A3"], Selected(world, new NotSelector(new JobFamilySelector(["communication"]))));
    }

    [Fact]
    public void InactiveAgents_AreNeverWanted_UnlessTheRuleIncludesThem()
    {
        var world = new TestWorld();
        world.AddAgent("A1", status: EmploymentStatus.OnLeave);
        world.AddAgent("A2");

        var desired = world.Evaluate(TestWorld.Rules(
            TestWorld.Rule("g1", new AllAgentsSelector()),
            TestWorld.Rule("g2", new AllAgentsSelector()) with { IncludeInactiveAgents = true }));

        Assert.Equal(["A2"], desired.Groups[0].Members.Values);
        Assert.Equal(["A1", "A2"], desired.Groups[1].Members.Values.Order());
    }

    [Fact]
    public void Explain_OnMismatch_CitesTheEngineReason()
    {
        var world = new TestWorld();
        world.AddAgent("A1", cleared: false);
        world.Complete("A1", TestWorld.CommonCore1, TestWorld.Today.AddMonths(-30));
        world.Complete("A1", TestWorld.CommonCore2);
        world.Acknowledge("A1");
        var desired = world.Evaluate(TestWorld.Rules(TestWorld.Rule("g", new ClearedSelector())));
        Assert.True(desired.TryGetFacts("A1", out var facts));

        var lines = new ClearedSelector().Explain(facts);

        Assert.Equal("no longer cleared", lines[0].En);
        Assert.Contains(lines, l => l.En.Contains(TestWorld.CommonCore1, StringComparison.Ordinal));
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(new JobFamilySelector(["a", "b"]), new JobFamilySelector(["a", "b"]));
        Assert.Equal(new OrgUnitSelector("DGS/DRH"), new OrgUnitSelector("DGS/DRH"));
        Assert.Equal(
            new AllOfSelector([new ClearedSelector(), new RoleSelector(AgentRoles.Referent)]),
            new AllOfSelector([new ClearedSelector(), new RoleSelector(AgentRoles.Referent)]));
        Assert.NotEqual(new ModuleCompletedSelector("A"), new ModuleCompletedSelector("B"));
    }
}
