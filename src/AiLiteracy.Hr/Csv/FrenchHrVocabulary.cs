using System.Globalization;
using System.Text;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Csv;

/// <summary>
/// The words and formats French HR exports use (statuses, roles, outcomes, delivery modes, dates, decimal comma),
/// read tolerantly (case, accents, English synonyms) and written in French.
/// </summary>
public static class FrenchHrVocabulary
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Parses a date written <c>dd/MM/yyyy</c> (French) or ISO <c>yyyy-MM-dd</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="date">The date.</param>
    /// <returns>Whether the text is a date.</returns>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Formats a date as French HR exports do (<c>dd/MM/yyyy</c>).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The text.</returns>
    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal written with a comma (<c>85,5</c>) or a point.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the text is a number.</returns>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        var trimmed = text?.Trim().Replace('\u00a0', ' ').Replace(" ", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(trimmed, NumberStyles.Number, French, out value)
            || decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Formats a decimal with a comma.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatDecimal(decimal value) => value.ToString("0.##", French);

    /// <summary>Parses an employment status: <c>actif</c>, <c>congé</c>, <c>sorti</c> (or English).</summary>
    /// <param name="text">The text; empty means active.</param>
    /// <param name="status">The status.</param>
    /// <returns>Whether the text is a known status.</returns>
    public static bool TryParseStatus(string? text, out EmploymentStatus status)
    {
        if (text is "actif")
        {
            // The usual value, as written by the SDK and most exports.
            status = EmploymentStatus.Active;
            return true;
        }

        switch (Fold(text))
        {
            case "" or "actif" or "active" or "en poste" or "en activite":
                status = EmploymentStatus.Active;
                return true;
            case "conge" or "en conge" or "on-leave" or "on leave" or "disponibilite" or "detache":
                status = EmploymentStatus.OnLeave;
                return true;
            case "sorti" or "parti" or "left" or "radie":
                status = EmploymentStatus.Left;
                return true;
            default:
                status = default;
                return false;
        }
    }

    /// <summary>Formats a status in French.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The text.</returns>
    public static string FormatStatus(EmploymentStatus status) => status switch
    {
        EmploymentStatus.OnLeave => "congé",
        EmploymentStatus.Left => "sorti",
        _ => "actif",
    };

    /// <summary>Parses roles separated by <c>|</c> or <c>,</c>: <c>agent</c>, <c>encadrant</c>, <c>référent</c>, <c>élu</c> (or English).</summary>
    /// <param name="text">The text; empty means <see cref="AgentRoles.Agent"/>.</param>
    /// <param name="roles">The roles.</param>
    /// <param name="unknown">The first unknown role, when parsing fails.</param>
    /// <returns>Whether every role is known.</returns>
    public static bool TryParseRoles(string? text, out AgentRoles roles, out string? unknown)
    {
        roles = AgentRoles.None;
        unknown = null;
        if (text is "agent")
        {
            roles = AgentRoles.Agent;
            return true;
        }

        if (text is not null && text.AsSpan().IndexOfAny('|', ',') < 0)
        {
            // One role (most rows): no split.
            roles = Role(Fold(text)) ?? AgentRoles.None;
            if (roles == AgentRoles.None && Fold(text).Length > 0)
            {
                unknown = text.Trim();
                return false;
            }

            roles = roles == AgentRoles.None ? AgentRoles.Agent : roles;
            return true;
        }

        foreach (var part in (text ?? string.Empty).Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = Role(Fold(part));
            if (role is null)
            {
                unknown = part;
                return false;
            }

            roles |= role.Value;
        }

        if (roles == AgentRoles.None)
        {
            roles = AgentRoles.Agent;
        }

        return true;
    }

    private static AgentRoles? Role(string folded) => folded switch
    {
        "agent" => AgentRoles.Agent,
        "encadrant" or "manager" or "responsable" => AgentRoles.Manager,
        "referent" or "referent ia" or "ambassadeur" => AgentRoles.Referent,
        "elu" or "elected" => AgentRoles.Elected,
        _ => null,
    };

    /// <summary>Formats roles in French, separated by <c>|</c>.</summary>
    /// <param name="roles">The roles.</param>
    /// <returns>The text.</returns>
    public static string FormatRoles(AgentRoles roles)
    {
        var parts = new List<string>(4);
        if (roles.HasFlag(AgentRoles.Agent))
        {
            parts.Add("agent");
        }

        if (roles.HasFlag(AgentRoles.Manager))
        {
            parts.Add("encadrant");
        }

        if (roles.HasFlag(AgentRoles.Referent))
        {
            parts.Add("référent");
        }

        if (roles.HasFlag(AgentRoles.Elected))
        {
            parts.Add("élu");
        }

        return string.Join('|', parts);
    }

    /// <summary>Parses an outcome: <c>terminé</c>, <c>réussi</c>, <c>échoué</c> (or English).</summary>
    /// <param name="text">The text.</param>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Whether the text is a known outcome.</returns>
    public static bool TryParseOutcome(string? text, out CompletionOutcome outcome)
    {
        switch (Fold(text))
        {
            case "termine" or "suivi" or "complete" or "completed" or "present" or "presente":
                outcome = CompletionOutcome.Completed;
                return true;
            case "reussi" or "valide" or "acquis" or "passed":
                outcome = CompletionOutcome.Passed;
                return true;
            case "echoue" or "echec" or "non acquis" or "non valide" or "failed":
                outcome = CompletionOutcome.Failed;
                return true;
            default:
                outcome = default;
                return false;
        }
    }

    /// <summary>Formats an outcome in French.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The text.</returns>
    public static string FormatOutcome(CompletionOutcome outcome) => outcome switch
    {
        CompletionOutcome.Passed => "réussi",
        CompletionOutcome.Failed => "échoué",
        _ => "terminé",
    };

    /// <summary>Parses a delivery mode: <c>présentiel</c>, <c>distanciel</c>, <c>e-learning</c>, <c>atelier</c> (or English).</summary>
    /// <param name="text">The text.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>Whether the text is a known mode.</returns>
    public static bool TryParseDeliveryMode(string? text, out DeliveryMode mode)
    {
        switch (Fold(text))
        {
            case "presentiel" or "in-person" or "in person":
                mode = DeliveryMode.InPerson;
                return true;
            case "distanciel" or "visio" or "classe virtuelle" or "remote":
                mode = DeliveryMode.Remote;
                return true;
            case "e-learning" or "elearning" or "formation en ligne":
                mode = DeliveryMode.ELearning;
                return true;
            case "atelier" or "workshop":
                mode = DeliveryMode.Workshop;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>Formats a delivery mode in French.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The text.</returns>
    public static string FormatDeliveryMode(DeliveryMode mode) => mode switch
    {
        DeliveryMode.InPerson => "présentiel",
        DeliveryMode.Remote => "distanciel",
        DeliveryMode.ELearning => "e-learning",
        _ => "atelier",
    };

    /// <summary>Parses a completion source: <c>lms</c>, <c>csv</c>, <c>xapi</c>, <c>api</c>, <c>manuel</c>.</summary>
    /// <param name="text">The text; empty means <see cref="CompletionSource.Csv"/>.</param>
    /// <param name="source">The source.</param>
    /// <returns>Whether the text is a known source.</returns>
    public static bool TryParseSource(string? text, out CompletionSource source)
    {
        switch (Fold(text))
        {
            case "" or "csv" or "fichier":
                source = CompletionSource.Csv;
                return true;
            case "lms" or "plateforme":
                source = CompletionSource.Lms;
                return true;
            case "xapi":
                source = CompletionSource.Xapi;
                return true;
            case "api":
                source = CompletionSource.Api;
                return true;
            case "manuel" or "manual" or "saisie":
                source = CompletionSource.Manual;
                return true;
            default:
                source = default;
                return false;
        }
    }

    /// <summary>Formats a completion source.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The text.</returns>
    public static string FormatSource(CompletionSource source) =>
        source == CompletionSource.Manual ? "manuel" : source.ToString().ToLowerInvariant();

    /// <summary>Lower-cases, trims and removes accents, for tolerant matching of French words.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The folded text.</returns>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        if (System.Text.Ascii.IsValid(text))
        {
            // Fast path (most header names and codes): nothing to decompose.
            return text.Trim().ToLowerInvariant();
        }

        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
