using System.Globalization;

namespace AiLiteracy.Model;

/// <summary>
/// A user-facing text in French (the default language) and English.
/// </summary>
/// <param name="Fr">The French text (required; French is the default language).</param>
/// <param name="En">The English text; when empty, the French text is used.</param>
public sealed record LocalizedText(string Fr, string En)
{
    /// <summary>Creates a text with the same value in both languages (codes, proper names).</summary>
    /// <param name="value">The text used for both languages.</param>
    /// <returns>A localized text.</returns>
    public static LocalizedText Invariant(string value) => new(value, value);

    /// <summary>Returns the text in the requested culture: English for any <c>en</c> culture, French otherwise.</summary>
    /// <param name="culture">The culture to render; <see cref="CultureInfo.CurrentUICulture"/> when <see langword="null"/>.</param>
    /// <returns>The localized text.</returns>
    public string Get(CultureInfo? culture = null) => Get((culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName);

    /// <summary>Returns the text for a two-letter language code: <c>en</c> gives English, anything else French.</summary>
    /// <param name="language">A two-letter language code such as <c>fr</c> or <c>en</c>.</param>
    /// <returns>The localized text.</returns>
    public string Get(string language) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(En) ? En : Fr;

    /// <inheritdoc />
    public override string ToString() => Fr;
}
