using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Reports.Tests.TestData;
using AiLiteracy.Services;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Reports.Tests;

public sealed class ReportSnapshotTests
{
    private static readonly DateOnly Today = TestClock.Today;

    /// <summary>
    /// A1 (DRH-PAIE, rh) cleared; A2 (DRH-FORM, rh) cleared with TC-01 expiring in 20 days; A3 (DCOM-WEB, communication)
    /// trained without charter; A4 (DST) untrained; A5 on leave (DST); A6 left (DCOM); R1 referent in DCOM, untrained.
    /// </summary>
    private static ReportWorld World()
    {
        var world = new ReportWorld(DefinitionsBuilder.WithStandardCharter().WithModules(CommonCore("TC-01").ValidFor(12), Referent("REF-01")));
        world.Add(AgentBuilder.Agent("A1").InOrgUnit("DRH-PAIE").InJobFamily("rh"), HistoryBuilder.For("A1").Completed("TC-01", c => c.DaysAgo(10)).Acknowledged(1));
        world.Add(AgentBuilder.Agent("A2").InOrgUnit("DRH-FORM").InJobFamily("rh"), HistoryBuilder.For("A2").Completed("TC-01", c => c.On(Today.AddMonths(-12).AddDays(20))).Acknowledged(1));
        world.Add(AgentBuilder.Agent("A3").InOrgUnit("DCOM-WEB").InJobFamily("communication"), HistoryBuilder.For("A3").Completed("TC-01", c => c.DaysAgo(5)));
        world.Add(AgentBuilder.Agent("A4").InOrgUnit("DST").InJobFamily("communication"), HistoryBuilder.For("A4").Acknowledged(1));
        world.Add(AgentBuilder.Agent("A5").InOrgUnit("DST").OnLeave());
        world.Add(AgentBuilder.Agent("A6").InOrgUnit("DCOM").LeftOn(Today.AddMonths(-2)));
        world.Add(AgentBuilder.Agent("R1").InOrgUnit("DCOM").AlsoReferent());
        return world;
    }

    [Fact]
    public void Coverage_SplitsActiveAgentsIntoExclusiveClearanceCategories()
    {
        var total = World().Snapshot().Coverage(ReportFilter.None).Total;

        Assert.Equal(5, total.ActiveAgents);
        Assert.Equal(2, total.Cleared);
        Assert.Equal(1, total.RefreshDue);
        Assert.Equal(1, total.ClearedUpToDate);
        Assert.Equal(1, total.CharterPending);
        Assert.Equal(2, total.TrainingIncomplete);
        Assert.Equal(total.ActiveAgents, total.Cleared + total.CharterPending + total.TrainingIncomplete);
        Assert.Equal(3, total.CommonCoreDone);
        Assert.Equal(0.4m, total.ClearedShare);
    }

    [Fact]
    public void Coverage_CountsAgentsOnLeaveAndWhoLeftApart()
    {
        var coverage = World().Snapshot().Coverage(ReportFilter.None);

        Assert.Equal(1, coverage.OnLeave);
        Assert.Equal(1, coverage.Left);
    }

    [Fact]
    public void Coverage_RollsServicesUpToTheirDirectorate_InTreeOrder()
    {
        var rows = World().Snapshot().Coverage(ReportFilter.None).ByDirectorate;

        Assert.Equal(["DRH", "DCOM", "DST"], rows.Select(r => r.Id));
        Assert.Equal([2, 2, 1], rows.Select(r => r.ActiveAgents));
        Assert.Equal([2, 0, 0], rows.Select(r => r.Cleared));
        Assert.Equal("Unité DRH", rows[0].Name);
    }

    [Fact]
    public void Coverage_FilteredByDirectorate_IncludesEveryServiceBelowIt()
    {
        var coverage = World().Snapshot().Coverage(new ReportFilter { OrgUnitId = "DRH" });

        Assert.Equal(2, coverage.Total.ActiveAgents);
        Assert.Equal(["DRH-PAIE", "DRH-FORM"], coverage.ByOrgUnit.Select(r => r.Id));
        Assert.Equal(["DRH"], coverage.ByDirectorate.Select(r => r.Id));
    }

    [Fact]
    public void Coverage_FilteredByService_IncludesThatServiceOnly()
    {
        var coverage = World().Snapshot().Coverage(new ReportFilter { OrgUnitId = "DRH-PAIE" });

        Assert.Equal(1, coverage.Total.ActiveAgents);
        Assert.Equal(1, coverage.Total.ClearedUpToDate);
    }

    [Fact]
    public void Coverage_FilteredByJobFamilyAndOrgUnit_CombinesBoth()
    {
        var snapshot = World().Snapshot();

        Assert.Equal(2, snapshot.Coverage(new ReportFilter { JobFamilyId = "communication" }).Total.ActiveAgents);
        Assert.Equal(1, snapshot.Coverage(new ReportFilter { JobFamilyId = "communication", OrgUnitId = "DCOM" }).Total.ActiveAgents);
    }

    [Fact]
    public void Coverage_RefusesAnUnknownOrgUnitOrJobFamily_WithBothErrors()
    {
        var error = Assert.Throws<InputValidationException>(() =>
            World().Snapshot().Coverage(new ReportFilter { OrgUnitId = "NOPE", JobFamilyId = "astronaut" }));

        Assert.Equal(["orgUnitId", "jobFamilyId"], error.Errors.Select(e => e.Path));
    }

    [Fact]
    public void ExpiringModules_ListsModulesExpiringWithinTheWindow_Only()
    {
        var report = World().Snapshot().ExpiringModules(ReportFilter.None);

        var item = Assert.Single(report.Items);
        Assert.Equal("A2", item.EmployeeNumber);
        Assert.Equal(Today.AddDays(20), item.ExpiresOn);
        var module = Assert.Single(report.Modules);
        Assert.Equal(("TC-01", 1, Today.AddDays(20)), (module.ModuleId, module.Agents, module.FirstExpiry));
        Assert.Equal(60, report.WindowDays);
        Assert.Equal(Today.AddDays(60), report.Until);
        Assert.Equal(1, report.Agents);
    }

    [Fact]
    public void ExpiringModules_FilteredOutsideTheExpiringAgent_IsEmpty()
    {
        var report = World().Snapshot().ExpiringModules(new ReportFilter { OrgUnitId = "DCOM" });

        Assert.Empty(report.Items);
        Assert.Empty(report.Modules);
        Assert.Equal(0, report.Agents);
    }

    [Fact]
    public void TrainingPlan_Filtered_KeepsReferentCoverageOfTheSelectedDirectoratesOnly()
    {
        var snapshot = World().Snapshot();

        var whole = snapshot.TrainingPlan(ReportFilter.None, Engines.TrainingPlanCostOptions.Default);
        var dcom = snapshot.TrainingPlan(new ReportFilter { OrgUnitId = "DCOM" }, Engines.TrainingPlanCostOptions.Default);

        Assert.Equal(["DRH", "DCOM", "DST"], whole.Plan.ReferentCoverage.Select(r => r.DirectorateId));
        var referents = Assert.Single(dcom.Plan.ReferentCoverage);
        Assert.Equal(("DCOM", 1, true), (referents.DirectorateId, referents.ActiveReferents, referents.IsCovered));
        Assert.Equal(2, dcom.Plan.ActiveAgents);
        Assert.Equal(TestClock.Today, dcom.Plan.AsOf);
    }

    [Fact]
    public void TrainingPlan_CountsTheSameNeeds_AsTheEngineOnTheSameAgents()
    {
        var world = World();
        var snapshot = world.Snapshot();
        var engine = world.Engines(world.Definitions).TrainingPlan;

        var fromSnapshot = snapshot.TrainingPlan(ReportFilter.None, Engines.TrainingPlanCostOptions.Default).Plan;
        var direct = engine.Build(world.Organization, world.Agents, world.Records);

        Assert.Equal((direct.HeadCount, direct.PeopleToTrain, direct.Sessions, direct.PersonHours), (fromSnapshot.HeadCount, fromSnapshot.PeopleToTrain, fromSnapshot.Sessions, fromSnapshot.PersonHours));
    }

    [Fact]
    public async Task Coverage_OfTheDemoAuthority_AgreesWithTheLiteracyRegister()
    {
        var demo = await DemoWorld.GetAsync();
        var coverage = demo.Snapshot.Coverage(ReportFilter.None);
        var register = demo.Register().Register;

        Assert.True(coverage.Total.ActiveAgents > 1000);
        Assert.Equal((register.Total.ActiveAgents, register.Total.Cleared, register.Total.CommonCoreDone), (coverage.Total.ActiveAgents, coverage.Total.Cleared, coverage.Total.CommonCoreDone));
        Assert.Equal(
            register.CoverageByDirectorate.Select(r => (r.Id, r.ActiveAgents, r.Cleared)),
            coverage.ByDirectorate.Select(r => (r.Id, r.ActiveAgents, r.Cleared)));
        Assert.True(coverage.Total.Cleared > 0 && coverage.Total.TrainingIncomplete > 0);
    }

    [Fact]
    public void Views_AreComputedOncePerSnapshotAndFilter()
    {
        var snapshot = World().Snapshot();
        var drh = new ReportFilter { OrgUnitId = "DRH" };

        Assert.Same(snapshot.Coverage(drh), snapshot.Coverage(new ReportFilter { OrgUnitId = "DRH" }));
        Assert.NotSame(snapshot.Coverage(drh), snapshot.Coverage(ReportFilter.None));
        Assert.NotSame(snapshot.Coverage(drh), snapshot.Coverage(drh, "en"));
        Assert.Same(snapshot.ExpiringModules(drh), snapshot.ExpiringModules(drh));
        var costs = new Engines.TrainingPlanCostOptions { CostPerSession = 100 };
        Assert.Same(snapshot.TrainingPlan(drh, costs), snapshot.TrainingPlan(drh, costs with { }));
        Assert.NotSame(snapshot.TrainingPlan(drh, costs), snapshot.TrainingPlan(drh, costs with { CostPerSession = 200 }));
    }

    [Fact]
    public void Views_OfAnUnknownFilter_AreRefusedEveryTime()
    {
        var snapshot = World().Snapshot();
        var unknown = new ReportFilter { OrgUnitId = "NOPE" };

        Assert.Throws<InputValidationException>(() => snapshot.Coverage(unknown));
        Assert.Throws<InputValidationException>(() => snapshot.Coverage(unknown));
    }

    [Fact]
    public void LiteracyRegister_FromTheSnapshot_ListsEveryPersonOfTheFilter_PeopleWhoLeftIncluded()
    {
        var world = World();
        var snapshot = world.Snapshot();

        var whole = snapshot.LiteracyRegister(ReportFilter.None);
        var dcom = snapshot.LiteracyRegister(new ReportFilter { OrgUnitId = "DCOM" });

        Assert.Equal(world.Agents.Select(a => a.EmployeeNumber).Order(StringComparer.Ordinal), whole.Register.People.Select(p => p.EmployeeNumber));
        Assert.Equal(["A3", "A6", "R1"], dcom.Register.People.Select(p => p.EmployeeNumber));
        Assert.True(dcom.Register.People.Single(p => p.EmployeeNumber == "A6").HasLeft);
        Assert.Equal(snapshot.GeneratedAt, whole.GeneratedAt);
        Assert.Equal(world.Register().Register.Total, whole.Register.Total);
    }
}
