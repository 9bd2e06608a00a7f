using System.Globalization;

namespace VendorEmbedding;

/// <summary>Command-line options of the sample.</summary>
internal sealed record SampleOptions(string? DefinitionsPath, DateOnly? AsOf, string Language, string? Error)
{
    public static SampleOptions Parse(string[] args)
    {
        string? definitions = null;
        DateOnly? asOf = null;
        var language = "fr";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--definitions" when value is not null:
                    definitions = value;
                    i++;
                    break;
                case "--as-of" when value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    asOf = date;
                    i++;
                    break;
                case "--lang" when value is "fr" or "en":
                    language = value;
                    i++;
                    break;
                default:
                    return new SampleOptions(null, null, language, $"Unknown or incomplete option '{args[i]}'. Usage: [--definitions <folder>] [--as-of yyyy-MM-dd] [--lang fr|en]");
            }
        }

        return new SampleOptions(definitions, asOf, language, null);
    }
}

/// <summary>A clock stopped at noon (local time) on one day, for reproducible output.</summary>
internal sealed class FixedTimeProvider(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
