namespace AiLiteracy.Reports;

/// <summary>
/// Restricts a report to the agents of an org unit (with every unit below it) and/or of a job family;
/// <see langword="null"/> members match everything.
/// </summary>
public sealed record ReportFilter
{
    /// <summary>No restriction.</summary>
    public static ReportFilter None { get; } = new();

    /// <summary>Only agents of this org unit or of a unit below it (a directorate selects all its services).</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>Only agents of this job family.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Whether the filter restricts nothing.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => OrgUnitId is null && JobFamilyId is null;

    /// <summary>Creates a filter from optional query values (empty or blank values match everything).</summary>
    /// <param name="orgUnitId">The org unit id.</param>
    /// <param name="jobFamilyId">The job family id.</param>
    /// <returns>The filter.</returns>
    public static ReportFilter Of(string? orgUnitId, string? jobFamilyId) => new()
    {
        OrgUnitId = string.IsNullOrWhiteSpace(orgUnitId) ? null : orgUnitId.Trim(),
        JobFamilyId = string.IsNullOrWhiteSpace(jobFamilyId) ? null : jobFamilyId.Trim(),
    };
}
