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

/// <summary>The reasons attached to requirements, and their text.</summary>
internal static class RequirementReasons
{
    public static RequirementReason ForBasis(CompiledModule module, RequirementBasis basis, string? jobFamilyId) => new()
    {
        Code = basis switch
        {
            RequirementBasis.CommonCore => RequirementReasonCode.RequiredForEveryone,
            RequirementBasis.JobFamily => RequirementReasonCode.RequiredForJobFamily,
            _ => RequirementReasonCode.RequiredForRole,
        },
        Module = module.Module,
        RelatedId = basis == RequirementBasis.JobFamily ? jobFamilyId : null,
    };

    public static RequirementReason NotCompleted(CompiledModule module) =>
        new() { Code = RequirementReasonCode.NotCompleted, Module = module.Module };

    public static RequirementReason VersionBelowMinimum(CompiledModule module, Completion completion) =>
        new() { Code = RequirementReasonCode.VersionBelowMinimum, Module = module.Module, Completion = completion };

    public static RequirementReason Failure(CompiledModule module, Completion attempt) => new()
    {
        Code = attempt.Outcome != CompletionOutcome.Failed && attempt.Score is not null && module.PassMark is not null
            ? RequirementReasonCode.ScoreBelowPassMark
            : RequirementReasonCode.AttemptFailed,
        Module = module.Module,
        Completion = attempt,
    };

    public static RequirementReason Expired(CompiledModule module, DateOnly expiresOn) =>
        new() { Code = RequirementReasonCode.Expired, Module = module.Module, Date = expiresOn };

    public static RequirementReason ExpiringSoon(CompiledModule module, DateOnly expiresOn) =>
        new() { Code = RequirementReasonCode.ExpiringSoon, Module = module.Module, Date = expiresOn };

    public static RequirementReason PrerequisiteNotDone(CompiledModule module, string prerequisiteId) =>
        new() { Code = RequirementReasonCode.PrerequisiteNotDone, Module = module.Module, RelatedId = prerequisiteId };

    public static LocalizedText Render(RequirementReason reason)
    {
        var id = reason.Module.Id;
        var completion = reason.Completion;
        switch (reason.Code)
        {
            case RequirementReasonCode.RequiredForEveryone:
                return EngineText.Text(
                    $"Tronc commun : le module {id} est requis pour tous les agents.",
                    $"Common core: module {id} is required of every agent.");
            case RequirementReasonCode.RequiredForJobFamily:
                return EngineText.Text(
                    $"Module métier {id} requis pour la famille de métiers « {reason.RelatedId} ».",
                    $"Job module {id} is required for the job family '{reason.RelatedId}'.");
            case RequirementReasonCode.RequiredForRole:
                return RoleText(reason.Module);
            case RequirementReasonCode.VersionBelowMinimum when completion is not null:
                return EngineText.Text(
                    $"La version {completion.ModuleVersion} du module {id} suivie le {EngineText.Fr(completion.Date)} ne compte plus (version minimale {reason.Module.MinimumVersion}).",
                    $"Version {completion.ModuleVersion} of module {id} followed on {EngineText.En(completion.Date)} no longer counts (minimum version {reason.Module.MinimumVersion}).");
            case RequirementReasonCode.ScoreBelowPassMark when completion?.Score is { } score && reason.Module.Assessment is { } assessment:
                return EngineText.Text(
                    $"Score de {EngineText.Fr(score)} au module {id} le {EngineText.Fr(completion.Date)}, inférieur au seuil de réussite de {EngineText.Fr(assessment.PassMark)}.",
                    $"Score of {EngineText.En(score)} in module {id} on {EngineText.En(completion.Date)}, below the pass mark of {EngineText.En(assessment.PassMark)}.");
            case RequirementReasonCode.AttemptFailed or RequirementReasonCode.ScoreBelowPassMark when completion is not null:
                return EngineText.Text(
                    $"Échec au module {id} le {EngineText.Fr(completion.Date)}.",
                    $"Module {id} failed on {EngineText.En(completion.Date)}.");
            case RequirementReasonCode.Expired when reason.Date is { } expired:
                return EngineText.Text(
                    $"Le module {id} a expiré le {EngineText.Fr(expired)} : à renouveler.",
                    $"Module {id} expired on {EngineText.En(expired)}: to be refreshed.");
            case RequirementReasonCode.ExpiringSoon when reason.Date is { } expires:
                return EngineText.Text(
                    $"Le module {id} expire le {EngineText.Fr(expires)} : à renouveler avant cette date.",
                    $"Module {id} expires on {EngineText.En(expires)}: to be refreshed before then.");
            case RequirementReasonCode.PrerequisiteNotDone:
                return EngineText.Text(
                    $"Prérequis {reason.RelatedId} du module {id} non validé.",
                    $"Prerequisite {reason.RelatedId} of module {id} not completed.");
            default:
                return EngineText.Text($"Module {id} non suivi.", $"Module {id} not completed.");
        }
    }

    private static LocalizedText RoleText(Module module) => module.Track switch
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

/// <summary>The text of clearance reasons.</summary>
internal static class ClearanceReasons
{
    public static LocalizedText Render(ClearanceReason reason)
    {
        var id = reason.ModuleId;
        var toolName = reason.Tool?.Name ?? reason.ToolId;
        return reason.Code switch
        {
            ClearanceReasonCode.AgentNotActive when reason.Status == EmploymentStatus.Left => EngineText.Text(
                "L'agent a quitté la collectivité : pas d'habilitation.", "The agent left the authority: no clearance."),
            ClearanceReasonCode.AgentNotActive => EngineText.Text(
                "L'agent est en congé : pas d'habilitation.", "The agent is on leave: no clearance."),
            ClearanceReasonCode.ModuleExpired when reason.Date is { } expired => EngineText.Text(
                $"Formation expirée le {EngineText.Fr(expired)} : module {id}.",
                $"Training expired on {EngineText.En(expired)}: module {id}."),
            ClearanceReasonCode.ModuleFailed => EngineText.Text(
                $"Échec non rattrapé au module {id}.", $"Module {id} failed and not passed since."),
            ClearanceReasonCode.ModuleBlocked => EngineText.Text(
                $"Formation requise non suivie : module {id} (prérequis à valider : {string.Join(", ", reason.Prerequisites)}).",
                $"Required training not completed: module {id} (prerequisites to complete: {string.Join(", ", reason.Prerequisites)})."),
            ClearanceReasonCode.CharterNotAcknowledged => EngineText.Text(
                $"La charte IA (version {reason.CharterVersion}) n'a pas été acceptée.",
                $"The AI charter (version {reason.CharterVersion}) has not been acknowledged."),
            ClearanceReasonCode.CharterAcknowledgementOutdated => EngineText.Text(
                $"La charte IA a changé : la version {reason.AcknowledgedVersion} a été acceptée, la version {reason.CharterVersion} doit l'être.",
                $"The AI charter changed: version {reason.AcknowledgedVersion} was acknowledged, version {reason.CharterVersion} must be."),
            ClearanceReasonCode.ToolUnknown => EngineText.Text(
                $"L'outil « {reason.ToolId} » ne figure pas au registre des outils de la charte.",
                $"The tool '{reason.ToolId}' is not in the charter's tool registry."),
            ClearanceReasonCode.ToolForbidden => EngineText.Text(
                $"L'outil « {toolName} » est interdit par la charte.", $"The tool '{toolName}' is forbidden by the charter."),
            ClearanceReasonCode.ToolModuleNotDone => EngineText.Text(
                $"L'accès à l'outil « {toolName} » requiert le module {id}.",
                $"Access to the tool '{toolName}' requires module {id}."),
            _ => EngineText.Text($"Formation requise non suivie : module {id}.", $"Required training not completed: module {id}."),
        };
    }
}
