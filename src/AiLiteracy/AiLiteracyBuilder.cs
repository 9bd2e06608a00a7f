using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy;

/// <summary>
/// Returned by <see cref="AiLiteracyServiceCollectionExtensions.AddAiLiteracy(IServiceCollection, Action{AiLiteracyOptions}?)"/>;
/// adapter packages hang their registrations off it (<c>.UseSqlite(path)</c>, <c>.AddHrCsv(...)</c>, …).
/// </summary>
public sealed class AiLiteracyBuilder
{
    internal AiLiteracyBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }
}
