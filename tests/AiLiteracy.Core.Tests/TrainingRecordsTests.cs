using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests;

public sealed class TrainingRecordsTests
{
    private static Acknowledgement Ack(string number, int version) => new() { EmployeeNumber = number, CharterVersion = version, Date = TestClock.Today };

    private static Evidence Proof(string number) => new() { Id = $"E-{number}", EmployeeNumber = number, CompetencyId = "C1", Level = 2, Date = TestClock.Today };

    [Fact]
    public void Create_GroupsEveryRecordByAgent()
    {
        Completion[] completions =
        [
            CompletionBuilder.Of("A1", "TC-02").DaysAgo(3),
            CompletionBuilder.Of("A2", "TC-01").DaysAgo(2),
            CompletionBuilder.Of("A1", "TC-01").DaysAgo(1),
            CompletionBuilder.Of("A1", "TC-01").DaysAgo(9),
        ];

        var records = TrainingRecords.Create(completions, [Ack("A1", 1), Ack("A3", 2), Ack("A1", 3)], [Proof("A4")]);

        Assert.Equal(4, records.Count);
        var a1 = records.GetHistory("A1");
        Assert.Equal(3, a1.Completions.Count);
        Assert.Equal(3, a1.HighestAcknowledgedVersion);
        Assert.Equal(2, a1.Acknowledgements.Count);
        Assert.Equal([TestClock.Today.AddDays(-9), TestClock.Today.AddDays(-1)], a1.CompletionsOf("TC-01").ToArray().Select(c => c.Date));
        Assert.Single(a1.CompletionsOf("TC-02").ToArray());
        Assert.Empty(a1.CompletionsOf("TC-03").ToArray());
        Assert.Single(records.GetHistory("A2").Completions);
        Assert.Equal(2, records.GetHistory("A3").HighestAcknowledgedVersion);
        Assert.Single(records.GetHistory("A4").Evidence);
    }

    [Fact]
    public void GetHistory_IsEmpty_ForAnAgentWithoutRecord()
    {
        var history = TrainingRecords.Create([]).GetHistory("NOBODY");

        Assert.Equal("NOBODY", history.EmployeeNumber);
        Assert.Empty(history.Completions);
        Assert.Null(history.HighestAcknowledgedVersion);
        Assert.False(history.HasAcknowledged(1));
    }

    [Fact]
    public void AgentHistory_Rejects_RecordsOfAnotherAgent()
    {
        Assert.Throws<ArgumentException>(() => AgentHistory.Create("A1", [CompletionBuilder.Of("A2", "TC-01").Build()]));
        Assert.Throws<ArgumentException>(() => AgentHistory.Create("A1", [], [Ack("A2", 1)]));
    }

    [Fact]
    public void Create_KeepsEveryCompletion_OfALargeLog()
    {
        var population = RandomPopulation.Generate(11, 2000, TestClock.Today);

        var records = TrainingRecords.Create(population.Completions, population.Acknowledgements);

        Assert.Equal(population.Completions.Count, records.EmployeeNumbers.Sum(n => records.GetHistory(n).Completions.Count));
        Assert.All(population.Agents.Take(100), agent =>
            Assert.Equal(
                population.Completions.Where(c => c.EmployeeNumber == agent.EmployeeNumber).OrderBy(c => c.ModuleId, StringComparer.Ordinal).ThenBy(c => c.Date).Select(c => (c.ModuleId, c.Date)),
                records.GetHistory(agent.EmployeeNumber).Completions.Select(c => (c.ModuleId, c.Date))));
    }
}
