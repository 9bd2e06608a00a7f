using AiLiteracy.Groups;

namespace AiLiteracy.Entra.Tests.Groups;

public sealed class RemovalThresholdTests
{
    [Theory]
    [InlineData(100, 10, false)] // exactly 10 %: allowed
    [InlineData(100, 11, true)] // more than 10 %
    [InlineData(10_000, 500, false)] // exactly 500 (5 %)
    [InlineData(10_000, 501, true)] // more than 500 even though 5.01 %
    [InlineData(0, 0, false)]
    [InlineData(5, 0, false)]
    public void Check_UsesTheDefaultLimits(int current, int removals, bool exceeded)
    {
        Assert.Equal(exceeded, RemovalThreshold.Default.Check(current, removals).Exceeded);
    }

    [Fact]
    public void Check_UsesConfiguredLimits()
    {
        var threshold = new RemovalThreshold { MaxRemovalPercent = 50, MaxRemovals = 3 };

        Assert.False(threshold.Check(8, 3).Exceeded);
        Assert.True(threshold.Check(8, 4).Exceeded);
        Assert.True(threshold.Check(100, 4).Exceeded);
    }

    [Fact]
    public void Check_ReportsPercentAndMessage()
    {
        var check = RemovalThreshold.Default.Check(40, 10);

        Assert.Equal(25m, check.Percent);
        Assert.Contains("exceed the safety threshold", check.Message.En, StringComparison.Ordinal);
        Assert.Contains("dépassent le seuil", check.Message.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsOutOfRangeValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemovalThreshold { MaxRemovalPercent = 101 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemovalThreshold { MaxRemovals = -1 }.Validate());
    }
}
