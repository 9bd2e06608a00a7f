using System.Globalization;
using AiLiteracy.Model;

namespace AiLiteracy.Demo;

/// <summary>
/// Builds the demo authority's people: staff unit by unit (a head reporting to the parent unit's head, team leads,
/// agents), AI referents in some directorates, and the community council's elected officials.
/// </summary>
internal sealed class DemoPeopleBuilder
{
    private const double ManagerShare = 0.08;
    private const double LeftShare = 0.04;
    private const double OnLeaveShare = 0.03;
    private const double NewcomerShare = 0.05;
    private const int NewcomerMaxDays = 120;
    private const int MaxSeniorityDays = 32 * 365;
    private const int LeftMinDaysAgo = 10;
    private const int LeftMaxDaysAgo = 540;
    private const int LeftMinTenureDays = 180;
    private const int LeftMaxTenureDays = 20 * 365;

    /// <summary>How many referents a directorate has, as (count, weight): only some reach the target of two or three.</summary>
    private static readonly (int Count, int Weight)[] ReferentsPerDirectorate = [(0, 10), (1, 25), (2, 40), (3, 25)];

    /// <summary>The community council took office about seven months before the anchor (April 2026 by default).</summary>
    private const int CouncilInstalledDaysBeforeAnchor = 205;
    private const int PreviousMandateDaysBeforeAnchor = 2300;
    private const double ReelectedShare = 0.55;
    private const double FormerElectedShare = 0.1;
    private const double ElectedWithAccountShare = 0.7;

    private readonly Random random;
    private readonly DateOnly anchor;
    private readonly DemoNames names;
    private int staffSequence;
    private int electedSequence;

    public DemoPeopleBuilder(Random random, DateOnly anchor)
    {
        this.random = random;
        this.anchor = anchor;
        names = new DemoNames(random);
    }

    /// <summary>Builds the staff of every unit, then appoints referents.</summary>
    /// <param name="headcounts">Headcount per unit, in <see cref="DemoOrganizationPlan.StaffUnits"/> order.</param>
    /// <returns>The staff, in employee-number order.</returns>
    public List<Agent> BuildStaff(int[] headcounts)
    {
        var staff = new List<Agent>();
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = DemoOrganizationPlan.StaffUnits;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var parentHead = unit.Unit.ParentId is { } parentId ? heads[parentId] : null;
            var unitStaff = BuildUnit(unit, headcounts[i], parentHead);
            heads[unit.Id] = unitStaff[0].EmployeeNumber;
            staff.AddRange(unitStaff);
        }

        AppointReferents(staff);
        return staff;
    }

    /// <summary>Builds the sitting elected officials and a few former ones whose mandate ended when the council was renewed.</summary>
    /// <param name="sittingCount">Number of sitting elected officials.</param>
    /// <returns>The elected officials.</returns>
    public List<Agent> BuildElected(int sittingCount)
    {
        var councilInstalled = anchor.AddDays(-CouncilInstalledDaysBeforeAnchor);
        var previousMandate = anchor.AddDays(-PreviousMandateDaysBeforeAnchor);
        var elected = new List<Agent>();
        for (var i = 0; i < sittingCount; i++)
        {
            var tookOffice = random.NextDouble() < ReelectedShare ? previousMandate : councilInstalled;
            elected.Add(NewElected(tookOffice, EmploymentStatus.Active, endDate: null));
        }

        var formerCount = (int)Math.Round(sittingCount * FormerElectedShare, MidpointRounding.AwayFromZero);
        for (var i = 0; i < formerCount; i++)
        {
            elected.Add(NewElected(previousMandate, EmploymentStatus.Left, councilInstalled.AddDays(-1)));
        }

        return elected;
    }

    private List<Agent> BuildUnit(DemoUnit unit, int headcount, string? parentHead)
    {
        var managerCount = Math.Clamp((int)Math.Round(headcount * ManagerShare, MidpointRounding.AwayFromZero), 1, headcount);
        var head = NewStaff(unit, unit.PrimaryJobFamilyId, AgentRoles.Agent | AgentRoles.Manager, parentHead, mayBeAbsent: false);
        var members = new List<Agent> { head };
        var managers = new List<string> { head.EmployeeNumber };
        for (var i = 1; i < managerCount; i++)
        {
            var teamLead = NewStaff(unit, unit.PrimaryJobFamilyId, AgentRoles.Agent | AgentRoles.Manager, head.EmployeeNumber, mayBeAbsent: false);
            members.Add(teamLead);
            managers.Add(teamLead.EmployeeNumber);
        }

        for (var i = managerCount; i < headcount; i++)
        {
            var manager = managers[random.Next(managers.Count)];
            members.Add(NewStaff(unit, PickJobFamily(unit), AgentRoles.Agent, manager, mayBeAbsent: true));
        }

        return members;
    }

    private Agent NewStaff(DemoUnit unit, string jobFamilyId, AgentRoles roles, string? manager, bool mayBeAbsent)
    {
        var (displayName, email) = names.Next();
        var status = mayBeAbsent ? PickStatus() : EmploymentStatus.Active;
        var (startDate, endDate) = StaffDates(status);
        return new Agent
        {
            EmployeeNumber = "A" + (++staffSequence).ToString("D6", CultureInfo.InvariantCulture),
            DisplayName = displayName,
            Email = email,
            UserPrincipalName = email,
            EntraObjectId = NewObjectId(),
            JobFamilyId = jobFamilyId,
            OrgUnitId = unit.Id,
            ManagerEmployeeNumber = manager,
            Roles = roles,
            Status = status,
            StartDate = startDate,
            EndDate = endDate,
        };
    }

    private Agent NewElected(DateOnly tookOffice, EmploymentStatus status, DateOnly? endDate)
    {
        var (displayName, email) = names.Next();
        var hasAccount = random.NextDouble() < ElectedWithAccountShare;
        return new Agent
        {
            EmployeeNumber = "E" + (++electedSequence).ToString("D6", CultureInfo.InvariantCulture),
            DisplayName = displayName,
            Email = email,
            UserPrincipalName = hasAccount ? email : null,
            EntraObjectId = hasAccount ? NewObjectId() : null,
            OrgUnitId = DemoOrganizationPlan.ElectedUnitId,
            Roles = AgentRoles.Elected,
            Status = status,
            StartDate = tookOffice,
            EndDate = endDate,
        };
    }

    private string PickJobFamily(DemoUnit unit)
    {
        var roll = random.Next(100);
        foreach (var share in unit.Jobs)
        {
            if (roll < share.Percent)
            {
                return share.JobFamilyId;
            }

            roll -= share.Percent;
        }

        return unit.PrimaryJobFamilyId;
    }

    private EmploymentStatus PickStatus()
    {
        var roll = random.NextDouble();
        return roll < LeftShare ? EmploymentStatus.Left
            : roll < LeftShare + OnLeaveShare ? EmploymentStatus.OnLeave
            : EmploymentStatus.Active;
    }

    private (DateOnly Start, DateOnly? End) StaffDates(EmploymentStatus status)
    {
        if (status == EmploymentStatus.Left)
        {
            var end = anchor.AddDays(-random.Next(LeftMinDaysAgo, LeftMaxDaysAgo + 1));
            return (end.AddDays(-random.Next(LeftMinTenureDays, LeftMaxTenureDays + 1)), end);
        }

        var isNewcomer = status == EmploymentStatus.Active && random.NextDouble() < NewcomerShare;
        var daysAgo = isNewcomer ? random.Next(1, NewcomerMaxDays + 1) : random.Next(NewcomerMaxDays + 1, MaxSeniorityDays + 1);
        return (anchor.AddDays(-daysAgo), null);
    }

    /// <summary>Makes two or three staff members AI referents in some directorates; only active agents who are not managers are chosen.</summary>
    private void AppointReferents(List<Agent> staff)
    {
        var directorateByUnit = DemoOrganizationPlan.StaffUnits.ToDictionary(u => u.Id, u => DemoOrganizationPlan.DirectorateOf(u.Id), StringComparer.Ordinal);
        var directorates = DemoOrganizationPlan.StaffUnits.Where(u => u.Unit.Kind == OrgUnitKind.Directorate).Select(u => u.Id);
        foreach (var directorate in directorates)
        {
            var candidates = Enumerable.Range(0, staff.Count)
                .Where(i => staff[i].Status == EmploymentStatus.Active
                    && !staff[i].HasRole(AgentRoles.Manager)
                    && directorateByUnit[staff[i].OrgUnitId!] == directorate)
                .ToList();
            var count = Math.Min(PickReferentCount(), candidates.Count);
            for (var i = 0; i < count; i++)
            {
                var pick = random.Next(candidates.Count);
                var index = candidates[pick];
                candidates.RemoveAt(pick);
                staff[index] = staff[index] with { Roles = staff[index].Roles | AgentRoles.Referent };
            }
        }
    }

    private int PickReferentCount()
    {
        var roll = random.Next(ReferentsPerDirectorate.Sum(r => r.Weight));
        foreach (var (count, weight) in ReferentsPerDirectorate)
        {
            if (roll < weight)
            {
                return count;
            }

            roll -= weight;
        }

        return 0;
    }

    /// <summary>A random version-4 GUID drawn from the seeded generator, so that it is stable across runs.</summary>
    private string NewObjectId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
