using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>French and English words of the group rules.</summary>
internal static class GroupText
{
    public static string RoleFr(AgentRoles role) => role switch
    {
        AgentRoles.Agent => "agent",
        AgentRoles.Manager => "encadrant",
        AgentRoles.Referent => "référent IA",
        AgentRoles.Elected => "élu",
        _ => role.ToString(),
    };

    public static string RoleEn(AgentRoles role) => role switch
    {
        AgentRoles.Agent => "agent",
        AgentRoles.Manager => "manager",
        AgentRoles.Referent => "AI referent",
        AgentRoles.Elected => "elected official",
        _ => role.ToString(),
    };

    public static string TrackFr(TrackKind track) => track switch
    {
        TrackKind.CommonCore => "tronc commun",
        TrackKind.Job => "modules métiers",
        TrackKind.Referent => "référents",
        TrackKind.Elected => "élus",
        TrackKind.Manager => "encadrants",
        _ => track.ToString(),
    };

    public static string TrackEn(TrackKind track) => track switch
    {
        TrackKind.CommonCore => "common core",
        TrackKind.Job => "job modules",
        TrackKind.Referent => "referent",
        TrackKind.Elected => "elected officials",
        TrackKind.Manager => "managers",
        _ => track.ToString(),
    };

    public static string StateFr(RequirementState state) => state switch
    {
        RequirementState.Done => "validé",
        RequirementState.ExpiringSoon => "validé, expire bientôt",
        RequirementState.Missing => "non suivi",
        RequirementState.Expired => "expiré",
        RequirementState.Failed => "échoué",
        RequirementState.Blocked => "bloqué par un prérequis",
        _ => state.ToString(),
    };

    public static string StateEn(RequirementState state) => state switch
    {
        RequirementState.Done => "done",
        RequirementState.ExpiringSoon => "done, expiring soon",
        RequirementState.Missing => "not taken",
        RequirementState.Expired => "expired",
        RequirementState.Failed => "failed",
        RequirementState.Blocked => "blocked by a prerequisite",
        _ => state.ToString(),
    };

    public static string StatusFr(EmploymentStatus status) => status switch
    {
        EmploymentStatus.Active => "en poste",
        EmploymentStatus.OnLeave => "en congé",
        EmploymentStatus.Left => "parti",
        _ => status.ToString(),
    };

    public static string StatusEn(EmploymentStatus status) => status switch
    {
        EmploymentStatus.Active => "active",
        EmploymentStatus.OnLeave => "on leave",
        EmploymentStatus.Left => "left",
        _ => status.ToString(),
    };

    public static LocalizedText Join(IEnumerable<LocalizedText> parts, string fr, string en)
    {
        var list = parts.ToList();
        return new LocalizedText(string.Join(fr, list.Select(p => p.Fr)), string.Join(en, list.Select(p => p.En)));
    }

    public static int HashOf(IReadOnlyList<GroupSelector> selectors)
    {
        var hash = new HashCode();
        foreach (var selector in selectors)
        {
            hash.Add(selector);
        }

        return hash.ToHashCode();
    }
}
