namespace AiLiteracy.Entra.Tests.TestData;

/// <summary>
/// A clock whose date is <see cref="TestWorld.Today"/> (so that the engines judge the test records) but whose timers
/// run in real time (so that Retry-After waits complete).
/// </summary>
public sealed class TestTimeProvider : TimeProvider
{
    private readonly DateTimeOffset start = new(TestWorld.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
    private readonly long origin = System.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(origin);
}
