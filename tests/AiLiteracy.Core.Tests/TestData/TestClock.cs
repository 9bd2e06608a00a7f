using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Core.Tests.TestData;

/// <summary>A fake clock set to a fixed local date (the fake provider's local zone is UTC).</summary>
public static class TestClock
{
    /// <summary>The default "today" of the tests.</summary>
    public static readonly DateOnly Today = new(2026, 3, 15);

    public static FakeTimeProvider At(DateOnly date) =>
        new(new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    public static FakeTimeProvider Create() => At(Today);
}
