using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Reports.Export;

/// <summary>French and English labels of the values reports show (states, delivery modes, outcomes, statuses…).</summary>
public static class ReportText
{
    /// <summary>The language code of a request: <c>en</c> for English, <c>fr</c> for anything else.</summary>
    /// <param name="language">A language code, or <see langword="null"/>.</param>
    /// <returns><c>fr</c> or <c>en</c>.</returns>
    public static string Normalize(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr";

    /// <summary>Picks the French or English text.</summary>
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <param name="fr">French text.</param>
    /// <param name="en">English text.</param>
    /// <returns>The text.</returns>
    public static string Pick(string language, string fr, string en) => Normalize(language) == "en" ? en : fr;

    /// <summary>Yes or no.</summary>
    /// <param name="value">The value.</param>
    /// <param name="language">The language.</param>
    /// <returns><c>oui</c>/<c>non</c> or <c>yes</c>/<c>no</c>.</returns>
    public static string YesNo(bool value, string language) => value ? Pick(language, "oui", "yes") : Pick(language, "non", "no");

    /// <summary>The label of a requirement state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(RequirementState state) =>
        RequirementStateLabels.TryGetValue(state, out var label) ? label : LocalizedText.Invariant(state.ToString());

    private static readonly Dictionary<RequirementState, LocalizedText> RequirementStateLabels = new()
    {
        [RequirementState.Done] = new("À jour", "Done"),
        [RequirementState.ExpiringSoon] = new("Expire bientôt", "Expiring soon"),
        [RequirementState.Missing] = new("Non suivi", "Missing"),
        [RequirementState.Expired] = new("Expiré", "Expired"),
        [RequirementState.Failed] = new("Échoué", "Failed"),
        [RequirementState.Blocked] = new("Bloqué par un prérequis", "Blocked by a prerequisite"),
    };

    /// <summary>The label of a delivery mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(DeliveryMode mode) =>
        DeliveryModeLabels.TryGetValue(mode, out var label) ? label : LocalizedText.Invariant(mode.ToString());

    private static readonly Dictionary<DeliveryMode, LocalizedText> DeliveryModeLabels = new()
    {
        [DeliveryMode.InPerson] = new("Présentiel", "In person"),
        [DeliveryMode.Remote] = new("Distanciel", "Remote"),
        [DeliveryMode.ELearning] = new("E-learning", "E-learning"),
        [DeliveryMode.Workshop] = new("Atelier", "Workshop"),
    };

    /// <summary>The label of a track.</summary>
    /// <param name="track">The track.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(TrackKind track) =>
        TrackKindLabels.TryGetValue(track, out var label) ? label : LocalizedText.Invariant(track.ToString());

    private static readonly Dictionary<TrackKind, LocalizedText> TrackKindLabels = new()
    {
        [TrackKind.CommonCore] = new("Tronc commun", "Common core"),
        [TrackKind.Job] = new("Module métier", "Job module"),
        [TrackKind.Referent] = new("Parcours référent", "Referent track"),
        [TrackKind.Elected] = new("Élus", "Elected officials"),
        [TrackKind.Manager] = new("Encadrants", "Managers"),
    };

    /// <summary>The label of a completion outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(CompletionOutcome outcome) =>
        CompletionOutcomeLabels.TryGetValue(outcome, out var label) ? label : LocalizedText.Invariant(outcome.ToString());

    private static readonly Dictionary<CompletionOutcome, LocalizedText> CompletionOutcomeLabels = new()
    {
        [CompletionOutcome.Completed] = new("Suivi", "Completed"),
        [CompletionOutcome.Passed] = new("Réussi", "Passed"),
        [CompletionOutcome.Failed] = new("Échoué", "Failed"),
    };

    /// <summary>The label of a completion source.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(CompletionSource source) =>
        CompletionSourceLabels.TryGetValue(source, out var label) ? label : LocalizedText.Invariant(source.ToString());

    private static readonly Dictionary<CompletionSource, LocalizedText> CompletionSourceLabels = new()
    {
        [CompletionSource.Lms] = new("LMS", "LMS"),
        [CompletionSource.Csv] = new("Fichier CSV", "CSV file"),
        [CompletionSource.Xapi] = new("xAPI", "xAPI"),
        [CompletionSource.Api] = new("API", "API"),
        [CompletionSource.Manual] = new("Saisie manuelle", "Manual entry"),
    };

    /// <summary>The label of an employment status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(EmploymentStatus status) =>
        EmploymentStatusLabels.TryGetValue(status, out var label) ? label : LocalizedText.Invariant(status.ToString());

    private static readonly Dictionary<EmploymentStatus, LocalizedText> EmploymentStatusLabels = new()
    {
        [EmploymentStatus.Active] = new("En poste", "Active"),
        [EmploymentStatus.OnLeave] = new("En congé", "On leave"),
        [EmploymentStatus.Left] = new("Parti", "Left"),
    };

    /// <summary>The label of a hosting location.</summary>
    /// <param name="hosting">The hosting.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(Hosting hosting) =>
        HostingLabels.TryGetValue(hosting, out var label) ? label : LocalizedText.Invariant(hosting.ToString());

    private static readonly Dictionary<Hosting, LocalizedText> HostingLabels = new()
    {
        [Hosting.France] = new("France", "France"),
        [Hosting.Eu] = new("Union européenne", "European Union"),
        [Hosting.OutsideEu] = new("Hors UE", "Outside the EU"),
    };

    /// <summary>The label of a tool status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(ToolStatus status) =>
        ToolStatusLabels.TryGetValue(status, out var label) ? label : LocalizedText.Invariant(status.ToString());

    private static readonly Dictionary<ToolStatus, LocalizedText> ToolStatusLabels = new()
    {
        [ToolStatus.Approved] = new("Autorisé", "Approved"),
        [ToolStatus.Tolerated] = new("Toléré", "Tolerated"),
        [ToolStatus.Forbidden] = new("Interdit", "Forbidden"),
    };

    /// <summary>The label of a data class.</summary>
    /// <param name="dataClass">The data class.</param>
    /// <returns>The label.</returns>
    public static LocalizedText Of(DataClass dataClass) =>
        DataClassLabels.TryGetValue(dataClass, out var label) ? label : LocalizedText.Invariant(dataClass.ToString());

    private static readonly Dictionary<DataClass, LocalizedText> DataClassLabels = new()
    {
        [DataClass.Public] = new("Publique", "Public"),
        [DataClass.Internal] = new("Interne", "Internal"),
        [DataClass.Confidential] = new("Confidentielle", "Confidential"),
        [DataClass.Personal] = new("Personnelle", "Personal"),
        [DataClass.Sensitive] = new("Sensible (art. 9 RGPD)", "Sensitive (GDPR art. 9)"),
    };

    /// <summary>The labels of the roles held, comma-separated.</summary>
    /// <param name="roles">The roles.</param>
    /// <param name="language">The language.</param>
    /// <returns>The labels.</returns>
    public static string Of(AgentRoles roles, string language)
    {
        var names = new List<string>(4);
        if (roles.HasFlag(AgentRoles.Agent))
        {
            names.Add(Pick(language, "agent", "staff"));
        }

        if (roles.HasFlag(AgentRoles.Manager))
        {
            names.Add(Pick(language, "encadrant", "manager"));
        }

        if (roles.HasFlag(AgentRoles.Referent))
        {
            names.Add(Pick(language, "référent IA", "AI referent"));
        }

        if (roles.HasFlag(AgentRoles.Elected))
        {
            names.Add(Pick(language, "élu", "elected official"));
        }

        return string.Join(", ", names);
    }

    /// <summary>The name shown for agents outside the organisation tree or without a group.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The label.</returns>
    public static string Unassigned(string language) => Pick(language, "Non rattaché", "Unassigned");
}
