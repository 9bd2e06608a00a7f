using System.Globalization;
using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>Formatting helpers for the engines' French and English messages.</summary>
internal static class EngineText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Fr(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string En(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Fr(decimal value) => value.ToString("0.##", French);

    public static string En(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider timeProvider) => DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);

    public static LocalizedText Text(string fr, string en) => new(fr, en);
}

/// <summary>The reasons attached to requirements.</summary>
internal static class RequirementReasons
{
    public static RequirementReason ForBasis(CompiledModule module, RequirementBasis basis, string? jobFamilyId) => basis switch
    {
        RequirementBasis.CommonCore => new(
            RequirementReasonCode.RequiredForEveryone,
            EngineText.Text(
                $"Tronc commun : le module {module.Id} est requis pour tous les agents.",
                $"Common core: module {module.Id} is required of every agent.")),
        RequirementBasis.JobFamily => new(
            RequirementReasonCode.RequiredForJobFamily,
            EngineText.Text(
                $"Module métier {module.Id} requis pour la famille de métiers « {jobFamilyId} ».",
                $"Job module {module.Id} is required for the job family '{jobFamilyId}'."),
            jobFamilyId),
        _ => new(RequirementReasonCode.RequiredForRole, RoleText(module)),
    };

    public static RequirementReason NotCompleted(CompiledModule module) => new(
        RequirementReasonCode.NotCompleted,
        EngineText.Text($"Module {module.Id} non suivi.", $"Module {module.Id} not completed."));

    public static RequirementReason VersionBelowMinimum(CompiledModule module, Completion completion) => new(
        RequirementReasonCode.VersionBelowMinimum,
        EngineText.Text(
            $"La version {completion.ModuleVersion} du module {module.Id} suivie le {EngineText.Fr(completion.Date)} ne compte plus (version minimale {module.Module.MinimumVersion}).",
            $"Version {completion.ModuleVersion} of module {module.Id} followed on {EngineText.En(completion.Date)} no longer counts (minimum version {module.Module.MinimumVersion})."));

    public static RequirementReason Failure(CompiledModule module, Completion attempt)
    {
        if (attempt.Outcome != CompletionOutcome.Failed && attempt.Score is { } score && module.PassMark is { } passMark)
        {
            return new(
                RequirementReasonCode.ScoreBelowPassMark,
                EngineText.Text(
                    $"Score de {EngineText.Fr(score)} au module {module.Id} le {EngineText.Fr(attempt.Date)}, inférieur au seuil de réussite de {EngineText.Fr(passMark)}.",
                    $"Score of {EngineText.En(score)} in module {module.Id} on {EngineText.En(attempt.Date)}, below the pass mark of {EngineText.En(passMark)}."));
        }

        return new(
            RequirementReasonCode.AttemptFailed,
            EngineText.Text(
                $"Échec au module {module.Id} le {EngineText.Fr(attempt.Date)}.",
                $"Module {module.Id} failed on {EngineText.En(attempt.Date)}."));
    }

    public static RequirementReason Expired(CompiledModule module, DateOnly expiresOn) => new(
        RequirementReasonCode.Expired,
        EngineText.Text(
            $"Le module {module.Id} a expiré le {EngineText.Fr(expiresOn)} : à renouveler.",
            $"Module {module.Id} expired on {EngineText.En(expiresOn)}: to be refreshed."));

    public static RequirementReason ExpiringSoon(CompiledModule module, DateOnly expiresOn) => new(
        RequirementReasonCode.ExpiringSoon,
        EngineText.Text(
            $"Le module {module.Id} expire le {EngineText.Fr(expiresOn)} : à renouveler avant cette date.",
            $"Module {module.Id} expires on {EngineText.En(expiresOn)}: to be refreshed before then."));

    public static RequirementReason PrerequisiteNotDone(string prerequisiteId) => new(
        RequirementReasonCode.PrerequisiteNotDone,
        EngineText.Text($"Prérequis {prerequisiteId} non validé.", $"Prerequisite {prerequisiteId} not completed."),
        prerequisiteId);

    private static LocalizedText RoleText(CompiledModule module) => module.Module.Track switch
    {
        TrackKind.Referent => EngineText.Text(
            $"Parcours référents : le module {module.Id} est requis pour les référents IA.",
            $"Referent track: module {module.Id} is required of AI referents."),
        TrackKind.Elected => EngineText.Text(
            $"Parcours élus : le module {module.Id} est requis pour les élus.",
            $"Elected track: module {module.Id} is required of elected officials."),
        TrackKind.Manager => EngineText.Text(
            $"Parcours encadrants : le module {module.Id} est requis pour les encadrants.",
            $"Manager track: module {module.Id} is required of managers."),
        _ => EngineText.Text(
            $"Le module {module.Id} est requis pour un rôle de l'agent.",
            $"Module {module.Id} is required for a role the agent holds."),
    };
}
