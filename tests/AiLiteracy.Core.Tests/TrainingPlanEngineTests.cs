using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests;

public sealed class TrainingPlanEngineTests
{
    private static DefinitionsBuilder StandardDefinitions() => DefinitionsBuilder.WithStandardCharter().WithModules(
        CommonCore("TC-01").WithDuration(3).ValidFor(24),
        CommonCore("TC-WEB").WithDuration(1).DeliveredAs(DeliveryMode.ELearning),
        Job("RH-01", "rh").WithDuration(2).After("TC-01"),
        Referent("REF-01").WithDuration(7),
        Elected("ELU-01").WithDuration(2));

    private sealed class Population
    {
        private readonly List<Agent> agents = [];
        private readonly List<Completion> completions = [];

        public Population Add(AgentBuilder agent, params string[] completedModules)
        {
            var built = agent.Build();
            agents.Add(built);
            completions.AddRange(completedModules.Select(m => CompletionBuilder.Of(built.EmployeeNumber, m).Build()));
            return this;
        }

        public Population AddMany(int count, string prefix, Func<AgentBuilder, AgentBuilder> configure, params string[] completedModules)
        {
            for (var i = 0; i < count; i++)
            {
                Add(configure(AgentBuilder.Agent($"{prefix}{i:D4}")), completedModules);
            }

            return this;
        }

        public Population Complete(string employeeNumber, Func<CompletionBuilder, CompletionBuilder> configure, string moduleId)
        {
            completions.Add(configure(CompletionBuilder.Of(employeeNumber, moduleId)).Build());
            return this;
        }

        public TrainingPlan Plan(EngineOptions? options = null, DefinitionsBuilder? definitions = null)
        {
            var scenario = new Scenario(definitions ?? StandardDefinitions(), options);
            return new TrainingPlanEngine(scenario.Requirements).Build(OrganizationBuilder.Standard(), agents, TrainingRecords.Create(completions));
        }
    }

    private static ModulePlan ModulePlanOf(TrainingPlan plan, string moduleId) => plan.Modules.Single(m => m.ModuleId == moduleId);

    [Fact]
    public void Sessions_AreTheHeadCountDividedByTheGroupSize_RoundedUp()
    {
        var plan = new Population().AddMany(25, "A", a => a.InOrgUnit("DST"), "TC-WEB").Plan();

        var module = ModulePlanOf(plan, "TC-01");
        Assert.Equal(25, module.PeopleToTrain);
        Assert.Equal(25, module.Missing);
        Assert.Equal(12, module.GroupSize);
        Assert.Equal(3, module.Sessions);
        Assert.Equal(75m, module.PersonHours);
        Assert.Equal(9m, module.TrainerHours);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(12, 3)]
    [InlineData(13, 2)]
    [InlineData(25, 1)]
    [InlineData(30, 1)]
    [InlineData(1, 25)]
    public void Sessions_FollowTheConfiguredGroupSize(int groupSize, int expectedSessions)
    {
        var plan = new Population().AddMany(25, "A", a => a.InOrgUnit("DST"), "TC-WEB").Plan(new EngineOptions { DefaultGroupSize = groupSize });

        Assert.Equal(expectedSessions, ModulePlanOf(plan, "TC-01").Sessions);
        Assert.Equal(expectedSessions * 3m, ModulePlanOf(plan, "TC-01").TrainerHours);
        Assert.Equal(groupSize, plan.GroupSize);
    }

    [Fact]
    public void ELearningOnlyModule_NeedsNoSession_ButCountsLearnerHours()
    {
        var plan = new Population().AddMany(30, "A", a => a.InOrgUnit("DST"), "TC-01").Plan();

        var module = ModulePlanOf(plan, "TC-WEB");
        Assert.True(module.IsELearningOnly);
        Assert.Equal(30, module.PeopleToTrain);
        Assert.Equal(0, module.Sessions);
        Assert.Equal(0m, module.TrainerHours);
        Assert.Equal(30m, module.PersonHours);
        Assert.Equal(DeliveryMode.ELearning, module.DeliveryMode);
    }

    [Fact]
    public void ExpiringSoonModules_AreCountedAsRefreshes_NotAsPeopleToTrain()
    {
        var plan = new Population()
            .Add(AgentBuilder.Agent("A1").InOrgUnit("DST"), "TC-WEB")
            .Complete("A1", c => c.On(TestClock.Today.AddDays(30).AddMonths(-24)), "TC-01")
            .Plan();

        var module = ModulePlanOf(plan, "TC-01");
        Assert.Equal(0, module.PeopleToTrain);
        Assert.Equal(1, module.Refreshes);
        Assert.Equal(1, module.RefreshSessions);
        Assert.Equal(3m, module.RefreshPersonHours);
        Assert.Equal(0, plan.PeopleToTrain);
        Assert.Equal(1, plan.Refreshes);
    }

    [Fact]
    public void ModuleStates_AreBrokenDown()
    {
        var plan = new Population()
            .Add(AgentBuilder.Agent("MISSING").InJobFamily("rh").InOrgUnit("DRH"), "TC-01", "TC-WEB")
            .Add(AgentBuilder.Agent("BLOCKED").InJobFamily("rh").InOrgUnit("DRH"), "TC-WEB")
            .Add(AgentBuilder.Agent("FAILED").InJobFamily("rh").InOrgUnit("DRH"), "TC-01", "TC-WEB")
            .Complete("FAILED", c => c.Failed(), "RH-01")
            .Plan();

        var module = ModulePlanOf(plan, "RH-01");
        Assert.Equal((1, 1, 1, 0, 3), (module.Missing, module.Blocked, module.Failed, module.Expired, module.PeopleToTrain));
    }

    [Fact]
    public void AgentsOnLeaveOrWhoLeft_AreNotPlanned()
    {
        var plan = new Population()
            .Add(AgentBuilder.Agent("ACTIVE").InOrgUnit("DST"))
            .Add(AgentBuilder.Agent("LEAVE").InOrgUnit("DST").OnLeave())
            .Add(AgentBuilder.Agent("LEFT").InOrgUnit("DST").LeftOn(TestClock.Today.AddMonths(-1)))
            .Plan();

        Assert.Equal(1, plan.ActiveAgents);
        Assert.Equal(1, plan.PeopleToTrain);
        Assert.Equal(1, ModulePlanOf(plan, "TC-01").PeopleToTrain);
    }

    [Fact]
    public void Totals_CountPeopleOnceAndNeedsPerModule()
    {
        var plan = new Population()
            .Add(AgentBuilder.Agent("A1").InJobFamily("rh").InOrgUnit("DRH-PAIE"))
            .Add(AgentBuilder.Agent("A2").InOrgUnit("DCOM"), "TC-01", "TC-WEB")
            .Add(AgentBuilder.Agent("A3").InOrgUnit("DCOM"), "TC-01")
            .Plan();

        Assert.Equal(3, plan.ActiveAgents);
        Assert.Equal(2, plan.PeopleToTrain);
        Assert.Equal(4, plan.HeadCount); // A1: TC-01, TC-WEB, RH-01; A3: TC-WEB
        Assert.Equal(1 + 0 + 1, plan.Sessions); // TC-01 one session, TC-WEB e-learning, RH-01 one session
        Assert.Equal(3m + 1 + 2 + 1, plan.PersonHours);
        Assert.Equal(3m + 2, plan.TrainerHours);
    }

    [Fact]
    public void Lines_AggregateByOrgUnitJobFamilyAndModule()
    {
        var plan = new Population()
            .AddMany(3, "P", a => a.InJobFamily("rh").InOrgUnit("DRH-PAIE"), "TC-01", "TC-WEB")
            .AddMany(2, "F", a => a.InJobFamily("rh").InOrgUnit("DRH-FORM"), "TC-01", "TC-WEB")
            .Plan();

        Assert.Equal(
            [("DRH-PAIE", "DRH", "rh", "RH-01", 3, 6m), ("DRH-FORM", "DRH", "rh", "RH-01", 2, 4m)],
            plan.Lines.Select(l => (l.OrgUnitId, l.DirectorateId, l.JobFamilyId, l.ModuleId, l.PeopleToTrain, l.PersonHours)).ToArray());
    }

    [Fact]
    public void OrgUnits_RollUpToTheirDirectorate()
    {
        var plan = new Population()
            .AddMany(3, "P", a => a.InOrgUnit("DRH-PAIE"))
            .AddMany(2, "F", a => a.InOrgUnit("DRH-FORM"), "TC-01", "TC-WEB")
            .Add(AgentBuilder.Agent("X").InOrgUnit("UNKNOWN"))
            .Plan();

        Assert.Equal(
            [("DRH-PAIE", 3, 3, 6), ("DRH-FORM", 2, 0, 0), ("UNKNOWN", 1, 1, 2)],
            plan.OrgUnits.Select(g => (g.Id, g.ActiveAgents, g.PeopleToTrain, g.HeadCount)).ToArray());
        Assert.Equal(
            [("DRH", 5, 3), (null, 1, 1)],
            plan.Directorates.Select(g => (g.Id, g.ActiveAgents, g.PeopleToTrain)).ToArray());
        Assert.Equal("Unité DRH", plan.Directorates[0].Name);
    }

    [Fact]
    public void JobFamilies_GroupAgentsWithoutFamilyUnderNull()
    {
        var plan = new Population()
            .Add(AgentBuilder.Agent("A1").InJobFamily("rh").InOrgUnit("DRH"))
            .Add(AgentBuilder.ElectedOfficial("E1"))
            .Plan();

        Assert.Equal(new string?[] { "rh", null }, plan.JobFamilies.Select(g => g.Id).ToArray());
    }

    [Fact]
    public void ReferentCoverage_CountsActiveReferentsPerDirectorateAgainstTheTarget()
    {
        var plan = new Population()
            .Add(AgentBuilder.Agent("R1").InOrgUnit("DRH-PAIE").AlsoReferent(), "TC-01", "TC-WEB", "REF-01")
            .Add(AgentBuilder.Agent("R2").InOrgUnit("DRH").AlsoReferent())
            .Add(AgentBuilder.Agent("R3").InOrgUnit("DCOM-WEB").AlsoReferent().LeftOn(TestClock.Today))
            .AddMany(4, "C", a => a.InOrgUnit("DCOM-WEB"))
            .Plan();

        Assert.Equal(
            [("DRH", 2, 2, 1, 1, true), ("DCOM", 4, 0, 0, 1, false), ("DST", 0, 0, 0, 1, false)],
            plan.ReferentCoverage.Select(c => (c.DirectorateId, c.ActiveAgents, c.ActiveReferents, c.TrainedReferents, c.Target, c.IsCovered)).ToArray());
        Assert.Equal(1, plan.ReferentCoverage[1].Shortfall);
    }

    [Fact]
    public void ReferentTarget_GrowsWithDirectorateSize_WhenConfigured()
    {
        var plan = new Population()
            .AddMany(25, "C", a => a.InOrgUnit("DCOM"))
            .Plan(new EngineOptions { ReferentTargetPerDirectorate = 1, AgentsPerReferent = 10 });

        Assert.Equal(3, plan.ReferentCoverage.Single(c => c.DirectorateId == "DCOM").Target);
        Assert.Equal(1, plan.ReferentCoverage.Single(c => c.DirectorateId == "DST").Target);
    }

    [Fact]
    public void ElectedAndManagerCoverage_CountTrainedHolders()
    {
        var plan = new Population()
            .Add(AgentBuilder.ElectedOfficial("E1"), "TC-01", "TC-WEB", "ELU-01")
            .Add(AgentBuilder.ElectedOfficial("E2"), "TC-01")
            .Add(AgentBuilder.ElectedOfficial("E3").LeftOn(TestClock.Today))
            .Add(AgentBuilder.Agent("M1").AlsoManager().InOrgUnit("DST"), "TC-01", "TC-WEB")
            .Plan();

        Assert.Equal((2, 1, 0.5m), (plan.ElectedCoverage.Active, plan.ElectedCoverage.Trained, plan.ElectedCoverage.Share));
        Assert.Equal((1, 1, 1m), (plan.ManagerCoverage.Active, plan.ManagerCoverage.Trained, plan.ManagerCoverage.Share));
    }

    [Fact]
    public void Plan_IsDatedByTheInjectedClock()
    {
        Assert.Equal(TestClock.Today, new Population().Plan().AsOf);
    }
}
