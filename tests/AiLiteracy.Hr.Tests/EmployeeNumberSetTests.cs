using System.Globalization;
using AiLiteracy.Hr.Mapping;

namespace AiLiteracy.Hr.Tests;

public sealed class EmployeeNumberSetTests
{
    [Fact]
    public void TryAdd_RepeatedNumber_ReturnsTheFirstLine()
    {
        var set = new EmployeeNumberSet();

        Assert.True(set.TryAdd("A001", 2, out _));
        Assert.False(set.TryAdd("A001", 9, out var first));
        Assert.Equal(2, first);
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Contains_IsExact_ForAMillionSequentialNumbers()
    {
        var set = new EmployeeNumberSet();
        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.True(set.TryAdd("M" + i.ToString("D7", CultureInfo.InvariantCulture), i + 2, out _));
        }

        Assert.Equal(1_000_000, set.Count);
        Assert.True(set.Contains("M0999999"));
        Assert.True(set.Contains("M0000000"));
        Assert.False(set.Contains("M1000000"));
        Assert.False(set.Contains("m0000001"));
        Assert.False(set.Contains("M000001"));
        Assert.True(set.AllocatedBytes < 64L * 1024 * 1024, $"{set.AllocatedBytes} bytes");
    }

    [Fact]
    public void TryAdd_InvalidNumber_Throws() =>
        Assert.Throws<ArgumentException>(() => new EmployeeNumberSet().TryAdd("A 1", 2, out _));
}
