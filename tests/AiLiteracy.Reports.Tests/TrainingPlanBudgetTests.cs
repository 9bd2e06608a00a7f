using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Reports.Tests;

public sealed class TrainingPlanBudgetTests
{
    private static readonly TrainingPlanCostOptions Rates = new()
    {
        CostPerSession = 500,
        CostPerTrainerHour = 100,
        CostPerLearnerHour = 10,
        ELearningCostPerLearner = 20,
    };

    private static TrainingPlan PlanFor(int untrainedAgents, DateOnly? today = null, Action<List<(Agent, HistoryBuilder?)>>? more = null)
    {
        var definitions = DefinitionsBuilder.WithStandardCharter().WithModules(
            CommonCore("TC-01").WithDuration(3).ValidFor(12),
            CommonCore("TC-EL").DeliveredAs(DeliveryMode.ELearning).WithDuration(1));
        var clock = TestClock.At(today ?? TestClock.Today);
        var engine = new TrainingPlanEngine(definitions.Compile(), clock);
        var people = new List<(Agent Agent, HistoryBuilder? History)>();
        for (var i = 0; i < untrainedAgents; i++)
        {
            people.Add((AgentBuilder.Agent($"A{i:D3}").InOrgUnit("DRH-PAIE"), null));
        }

        more?.Invoke(people);
        var records = TrainingRecords.Create(people.Where(p => p.History is not null).SelectMany(p => p.History!.Completions), [], []);
        return engine.Build(OrganizationBuilder.Standard(), people.Select(p => p.Agent), records);
    }

    [Fact]
    public void Estimate_PricesSessionsTrainerAndLearnerHours_ForSessionModules()
    {
        var budget = TrainingPlanBudget.Estimate(PlanFor(30), Rates);

        var module = budget.Modules.Single(m => m.ModuleId == "TC-01");
        Assert.Equal(3, module.Sessions);
        Assert.Equal(1500 + 900, module.SessionCost);
        Assert.Equal(900, module.LearnerCost);
        Assert.Equal(3300, module.Cost);
    }

    [Fact]
    public void Estimate_PricesELearningPerLearner_WithoutSessions()
    {
        var budget = TrainingPlanBudget.Estimate(PlanFor(30), Rates);

        var module = budget.Modules.Single(m => m.ModuleId == "TC-EL");
        Assert.True(module.IsELearningOnly);
        Assert.Equal(0, module.Sessions);
        Assert.Equal(0, module.SessionCost);
        Assert.Equal((30 * 1 * 10) + (30 * 20), module.LearnerCost);
        Assert.Equal(4200, budget.TotalCost);
    }

    [Fact]
    public void Estimate_SpreadsSessionsEvenly_EarlierQuartersTakingTheRemainder()
    {
        var budget = TrainingPlanBudget.Estimate(PlanFor(30), Rates);

        // TC-01: 3 sessions of 12 over 4 quarters → 1, 1, 1, 0 with 12, 12, 6, 0 learners; TC-EL: 30 learners → 8, 8, 7, 7.
        Assert.Equal([1, 1, 1, 0], budget.Quarters.Select(q => q.Sessions));
        Assert.Equal([12 + 8, 12 + 8, 6 + 7, 0 + 7], budget.Quarters.Select(q => q.Learners));
    }

    [Fact]
    public void Estimate_QuarterTotals_EqualPlanTotals()
    {
        var plan = PlanFor(157, more: people =>
        {
            for (var i = 0; i < 25; i++)
            {
                var number = $"R{i:D3}";
                people.Add((AgentBuilder.Agent(number), HistoryBuilder.For(number).Completed("TC-01", c => c.On(TestClock.Today.AddMonths(-12).AddDays(20)))));
            }
        });
        var budget = TrainingPlanBudget.Estimate(plan, Rates with { Quarters = 3 });

        Assert.Equal(plan.Sessions + plan.RefreshSessions, budget.Quarters.Sum(q => q.Sessions));
        Assert.Equal(plan.HeadCount + plan.Refreshes, budget.Quarters.Sum(q => q.Learners));
        Assert.Equal(budget.PersonHours, budget.Quarters.Sum(q => q.PersonHours));
        Assert.Equal(budget.TrainerHours, budget.Quarters.Sum(q => q.TrainerHours));
        Assert.Equal(budget.TotalCost, budget.Quarters.Sum(q => q.Cost));
    }

    [Fact]
    public void Estimate_SchedulesRefreshesInTheFirstQuarter()
    {
        var plan = PlanFor(0, more: people =>
        {
            for (var i = 0; i < 5; i++)
            {
                var number = $"R{i:D3}";
                people.Add((AgentBuilder.Agent(number), HistoryBuilder.For(number)
                    .Completed("TC-01", c => c.On(TestClock.Today.AddMonths(-12).AddDays(20)))
                    .Completed("TC-EL", c => c.DaysAgo(3))));
            }
        });
        var budget = TrainingPlanBudget.Estimate(plan, Rates);

        Assert.Equal(5, plan.Refreshes);
        Assert.Equal(1, budget.Quarters[0].Sessions);
        Assert.Equal(5, budget.Quarters[0].Learners);
        Assert.All(budget.Quarters.Skip(1), q => Assert.Equal(0, q.Learners));
    }

    [Fact]
    public void Estimate_StartsWithTheQuarterOfThePlanDate_AndCrossesTheYear()
    {
        var budget = TrainingPlanBudget.Estimate(PlanFor(1, today: new DateOnly(2026, 11, 20)));

        Assert.Equal(["T4 2026", "T1 2027", "T2 2027", "T3 2027"], budget.Quarters.Select(q => q.Label.Fr));
        Assert.Equal("Q1 2027", budget.Quarters[1].Label.En);
        Assert.Equal(new DateOnly(2026, 10, 1), budget.Quarters[0].Start);
        Assert.Equal(new DateOnly(2026, 12, 31), budget.Quarters[0].End);
    }

    [Fact]
    public void Estimate_CostsNothing_WhenNoRateIsSet()
    {
        var budget = TrainingPlanBudget.Estimate(PlanFor(30));

        Assert.False(budget.IsPriced);
        Assert.Equal(0, budget.TotalCost);
        Assert.Equal("EUR", budget.Currency);
        Assert.Equal(4, budget.Quarters.Count);
    }

    [Theory]
    [InlineData(-1, 4, "EUR")]
    [InlineData(0, 0, "EUR")]
    [InlineData(0, 13, "EUR")]
    [InlineData(0, 4, "euro")]
    public void Estimate_Throws_WhenAnOptionIsOutOfRange(decimal costPerSession, int quarters, string currency)
    {
        var options = new TrainingPlanCostOptions { CostPerSession = costPerSession, Quarters = quarters, Currency = currency };

        Assert.ThrowsAny<ArgumentException>(() => TrainingPlanBudget.Estimate(PlanFor(1), options));
    }
}
