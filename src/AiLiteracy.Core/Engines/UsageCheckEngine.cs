using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// Decides whether a proposed use of an AI tool is allowed, allowed with conditions or refused, each reason and
/// condition citing the charter rules concerned. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Refusals (all are reported, not only the first):</para>
/// <list type="bullet">
/// <item><description>tool unknown to the registry or forbidden: rule of kind <see cref="CharterRuleKind.ApprovedToolsOnly"/>;</description></item>
/// <item><description>tolerated tool with any data above <see cref="DataClass.Public"/>: <see cref="CharterRuleKind.DataClassLimit"/> and <see cref="CharterRuleKind.ApprovedToolsOnly"/> (plus <see cref="CharterRuleKind.SensitiveData"/> for sensitive data);</description></item>
/// <item><description>data class above the tool's <see cref="AiTool.MaxDataClass"/>: <see cref="CharterRuleKind.SensitiveData"/> for sensitive data (or <see cref="CharterRuleKind.DataClassLimit"/> when the charter has no such rule), <see cref="CharterRuleKind.DataClassLimit"/> otherwise;</description></item>
/// <item><description>agent not cleared for the tool (see <see cref="ComplianceEngine"/>): one reason per clearance reason, citing <see cref="CharterRuleKind.TrainingBeforeAccess"/> or <see cref="CharterRuleKind.Acknowledgement"/>;</description></item>
/// <item><description>output feeding an individual decision, when the charter has a <see cref="CharterRuleKind.NoAutomatedDecision"/>
/// rule: refused. Deciding about a person (benefit, recruitment, sanction) with a generative AI tool is outside what a
/// literacy clearance covers (GDPR art. 22, AI Act high-risk uses). When the charter has no such rule, the use is
/// allowed on condition of human review.</description></item>
/// </list>
/// <para>Conditions of an allowed use: <see cref="UsageConditionKind.Anonymise"/> for personal or sensitive data when
/// the charter has an <see cref="CharterRuleKind.Anonymisation"/> rule; <see cref="UsageConditionKind.Labelling"/> and
/// <see cref="UsageConditionKind.HumanReview"/> for content published externally (whether or not the charter has the
/// rules: AI Act art. 50 transparency); <see cref="UsageConditionKind.HumanReview"/> whenever the output is used and
/// the charter has a <see cref="CharterRuleKind.HumanReview"/> rule.</para>
/// <para>The purpose text is kept with the decision for the record; it is not interpreted.</para>
/// </remarks>
public class UsageCheckEngine
{
    private readonly ComplianceEngine compliance;

    /// <summary>Creates the engine.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock giving the evaluation date.</param>
    /// <param name="options">Options; <see cref="EngineOptions.Default"/> when <see langword="null"/>.</param>
    public UsageCheckEngine(CompiledDefinitions definitions, TimeProvider timeProvider, EngineOptions? options = null)
        : this(new ComplianceEngine(definitions, timeProvider, options))
    {
    }

    /// <summary>Creates the engine on top of a compliance engine (sharing its definitions, clock and options).</summary>
    /// <param name="compliance">The compliance engine.</param>
    public UsageCheckEngine(ComplianceEngine compliance)
    {
        ArgumentNullException.ThrowIfNull(compliance);
        this.compliance = compliance;
    }

    /// <summary>The compiled definitions.</summary>
    public CompiledDefinitions Definitions => compliance.Definitions;

    /// <summary>Decides a proposed use by an agent today.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="history">The agent's history.</param>
    /// <param name="request">The proposed use.</param>
    /// <returns>The decision.</returns>
    public virtual UsageDecision Check(Agent agent, AgentHistory history, UsageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clearance = compliance.Evaluate(agent, history);
        return Check(compliance.EvaluateTool(clearance, history, request.ToolId), request);
    }

    /// <summary>Decides a proposed use from the agent's clearance for the tool (on the clearance's date).</summary>
    /// <param name="toolClearance">The agent's clearance for the requested tool.</param>
    /// <param name="request">The proposed use.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The tool clearance is for another tool than the request's.</exception>
    public virtual UsageDecision Check(ToolClearance toolClearance, UsageRequest request)
    {
        ArgumentNullException.ThrowIfNull(toolClearance);
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(toolClearance.ToolId, request.ToolId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The clearance is for tool '{toolClearance.ToolId}' but the request is for tool '{request.ToolId}'.", nameof(toolClearance));
        }

        var tool = toolClearance.Tool;
        var reasons = new List<UsageReason>();
        var approvedTools = Rule(CharterRuleKind.ApprovedToolsOnly);
        var dataLimit = Rule(CharterRuleKind.DataClassLimit);
        var sensitive = Rule(CharterRuleKind.SensitiveData);

        if (tool is null)
        {
            reasons.Add(new UsageReason(
                UsageReasonCode.ToolUnknown,
                EngineText.Text(
                    $"L'outil « {request.ToolId} » ne figure pas au registre des outils de la charte : seuls les outils autorisés peuvent être utilisés.",
                    $"The tool '{request.ToolId}' is not in the charter's tool registry: only authorised tools may be used."),
                Ids(approvedTools)));
        }
        else if (tool.Status == ToolStatus.Forbidden)
        {
            reasons.Add(new UsageReason(
                UsageReasonCode.ToolForbidden,
                EngineText.Text($"L'outil « {tool.Name} » est interdit par la charte.", $"The tool '{tool.Name}' is forbidden by the charter."),
                Ids(approvedTools)));
        }
        else if (tool.Status == ToolStatus.Tolerated && request.DataClass > DataClass.Public)
        {
            reasons.Add(new UsageReason(
                UsageReasonCode.ToleratedToolNonPublicData,
                EngineText.Text(
                    $"L'outil « {tool.Name} » est seulement toléré : il n'accepte que des données publiques, pas des données de classe « {DataClassFr(request.DataClass)} ».",
                    $"The tool '{tool.Name}' is only tolerated: it accepts public data only, not data of class '{DataClassEn(request.DataClass)}'."),
                request.DataClass == DataClass.Sensitive ? Ids(dataLimit, approvedTools, sensitive) : Ids(dataLimit, approvedTools)));
        }
        else if (request.DataClass > tool.MaxDataClass)
        {
            if (request.DataClass == DataClass.Sensitive)
            {
                reasons.Add(new UsageReason(
                    UsageReasonCode.SensitiveDataNotAllowed,
                    EngineText.Text(
                        $"Les données sensibles (RGPD art. 9) ne peuvent pas être utilisées dans l'outil « {tool.Name} ».",
                        $"Sensitive data (GDPR art. 9) may not be used in the tool '{tool.Name}'."),
                    Ids(sensitive ?? dataLimit)));
            }
            else
            {
                reasons.Add(new UsageReason(
                    UsageReasonCode.DataClassAboveToolLimit,
                    EngineText.Text(
                        $"L'outil « {tool.Name} » accepte au plus des données de classe « {DataClassFr(tool.MaxDataClass)} », pas « {DataClassFr(request.DataClass)} ».",
                        $"The tool '{tool.Name}' accepts data up to class '{DataClassEn(tool.MaxDataClass)}', not '{DataClassEn(request.DataClass)}'."),
                    Ids(dataLimit)));
            }
        }

        foreach (var reason in toolClearance.Reasons)
        {
            if (reason.Code is ClearanceReasonCode.ToolUnknown or ClearanceReasonCode.ToolForbidden)
            {
                continue; // Reported above with the usage wording.
            }

            reasons.Add(new UsageReason(UsageReasonCode.AgentNotCleared, reason.Message, reason.RuleId is null ? [] : [reason.RuleId], reason.ModuleId));
        }

        var decisionRule = Rule(CharterRuleKind.NoAutomatedDecision);
        if (request.InvolvesIndividualDecision && decisionRule is not null)
        {
            reasons.Add(new UsageReason(
                UsageReasonCode.AutomatedIndividualDecision,
                EngineText.Text(
                    "Une décision individuelle (aide, recrutement, sanction, autorisation…) ne peut pas être prise ou préparée au moyen d'un outil d'IA générative.",
                    "An individual decision (benefit, recruitment, sanction, permit…) may not be made or prepared with a generative AI tool."),
                [decisionRule.Id]));
        }

        if (reasons.Count > 0)
        {
            return Decision(toolClearance, request, UsageOutcome.Refused, [], reasons);
        }

        var conditions = new List<UsageCondition>();
        var anonymisation = Rule(CharterRuleKind.Anonymisation);
        if (request.DataClass >= DataClass.Personal && anonymisation is not null)
        {
            conditions.Add(new UsageCondition(
                UsageConditionKind.Anonymise,
                EngineText.Text(
                    "Anonymiser ou pseudonymiser les données personnelles avant de les saisir dans l'outil.",
                    "Anonymise or pseudonymise personal data before entering it into the tool."),
                [anonymisation.Id]));
        }

        if (request.PublishedExternally)
        {
            conditions.Add(new UsageCondition(
                UsageConditionKind.Labelling,
                EngineText.Text(
                    "Signaler au public que le contenu a été produit avec l'aide d'une IA.",
                    "Tell the public that the content was produced with the help of AI."),
                Ids(Rule(CharterRuleKind.Labelling))));
        }

        var reviewRule = Rule(CharterRuleKind.HumanReview);
        if (request.PublishedExternally || request.InvolvesIndividualDecision || (request.OutputUsed && reviewRule is not null))
        {
            conditions.Add(new UsageCondition(
                UsageConditionKind.HumanReview,
                EngineText.Text(
                    "Relire et valider le résultat avant toute utilisation ou publication : l'agent en reste responsable.",
                    "Review and validate the output before any use or publication: the agent remains responsible for it."),
                Ids(reviewRule)));
        }

        return Decision(toolClearance, request, conditions.Count == 0 ? UsageOutcome.Allowed : UsageOutcome.AllowedWithConditions, conditions, []);
    }

    private CharterRule? Rule(CharterRuleKind kind) => Definitions.RuleOf(kind);

    private static UsageDecision Decision(
        ToolClearance toolClearance,
        UsageRequest request,
        UsageOutcome outcome,
        IReadOnlyList<UsageCondition> conditions,
        IReadOnlyList<UsageReason> reasons) => new()
        {
            Request = request,
            EmployeeNumber = toolClearance.EmployeeNumber,
            AsOf = toolClearance.AsOf,
            Outcome = outcome,
            Tool = toolClearance.Tool,
            Conditions = conditions,
            Reasons = reasons,
        };

    private static string[] Ids(params CharterRule?[] rules)
    {
        var ids = new List<string>(rules.Length);
        foreach (var rule in rules)
        {
            if (rule is not null && !ids.Contains(rule.Id))
            {
                ids.Add(rule.Id);
            }
        }

        return [.. ids];
    }

    private static string DataClassFr(DataClass dataClass) => dataClass switch
    {
        DataClass.Public => "publique",
        DataClass.Internal => "interne",
        DataClass.Confidential => "confidentielle",
        DataClass.Personal => "données personnelles",
        _ => "données sensibles",
    };

    private static string DataClassEn(DataClass dataClass) => dataClass switch
    {
        DataClass.Public => "public",
        DataClass.Internal => "internal",
        DataClass.Confidential => "confidential",
        DataClass.Personal => "personal data",
        _ => "sensitive data",
    };
}
