using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

public sealed class AgentBuilder
{
    private readonly string employeeNumber;
    private string? jobFamilyId;
    private string? orgUnitId;
    private AgentRoles roles = AgentRoles.Agent;
    private EmploymentStatus status = EmploymentStatus.Active;
    private DateOnly? startDate;
    private DateOnly? endDate;

    private AgentBuilder(string employeeNumber) => this.employeeNumber = employeeNumber;

    public static AgentBuilder Agent(string employeeNumber) => new(employeeNumber);

    /// <summary>An elected official: role elected only, no job family.</summary>
    public static AgentBuilder ElectedOfficial(string employeeNumber) => new AgentBuilder(employeeNumber).WithRoles(AgentRoles.Elected);

    public AgentBuilder InJobFamily(string? family)
    {
        jobFamilyId = family;
        return this;
    }

    public AgentBuilder InOrgUnit(string? unit)
    {
        orgUnitId = unit;
        return this;
    }

    public AgentBuilder WithRoles(AgentRoles value)
    {
        roles = value;
        return this;
    }

    public AgentBuilder AlsoReferent() => WithRoles(roles | AgentRoles.Referent);

    public AgentBuilder AlsoManager() => WithRoles(roles | AgentRoles.Manager);

    public AgentBuilder StartedOn(DateOnly date)
    {
        startDate = date;
        return this;
    }

    public AgentBuilder OnLeave()
    {
        status = EmploymentStatus.OnLeave;
        return this;
    }

    public AgentBuilder LeftOn(DateOnly date)
    {
        status = EmploymentStatus.Left;
        endDate = date;
        return this;
    }

    public Agent Build() => new()
    {
        EmployeeNumber = employeeNumber,
        DisplayName = $"Agent {employeeNumber}",
        JobFamilyId = jobFamilyId,
        OrgUnitId = orgUnitId,
        Roles = roles,
        Status = status,
        StartDate = startDate,
        EndDate = endDate,
    };

    public static implicit operator Agent(AgentBuilder builder) => builder.Build();
}
