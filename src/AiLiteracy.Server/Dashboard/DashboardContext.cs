using System.Globalization;
using System.Text;
using AiLiteracy.Reports;

namespace AiLiteracy.Server.Dashboard;

/// <summary>What a dashboard page is rendered for: the language, the filter, the current path, formatting helpers.</summary>
internal sealed class DashboardContext
{
    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    public DashboardContext(string language, ReportFilter filter, string path, string? pathBase)
    {
        Language = language == "en" ? "en" : "fr";
        Filter = filter;
        Path = path;
        PathBase = pathBase ?? string.Empty;
    }

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public string Language { get; }

    public bool English => Language == "en";

    public CultureInfo Culture => English ? EnglishCulture : FrenchCulture;

    public ReportFilter Filter { get; }

    public string Path { get; }

    public string PathBase { get; }

    /// <summary>Reads the language (query <c>lang</c>, then the language cookie; French by default) and the filter of a request.</summary>
    public static DashboardContext From(HttpContext http)
    {
        var query = http.Request.Query;
        var lang = query["lang"].ToString() is "en" or "fr" ? query["lang"].ToString()
            : http.Request.Cookies.TryGetValue(DashboardAuthentication.LanguageCookie, out var cookie) && cookie is "en" ? "en" : "fr";
        var filter = ReportFilter.Of(query["orgUnitId"].ToString(), query["jobFamilyId"].ToString());
        return new DashboardContext(lang, filter, http.Request.Path.Value ?? "/", http.Request.PathBase.Value);
    }

    public string T(string fr, string en) => English ? en : fr;

    public string N(int value) => value.ToString("#,##0", Culture);

    public string N(decimal value) => value.ToString("#,##0.#", Culture);

    public string Money(decimal value, string currency) =>
        English ? (currency == "EUR" ? "€" : currency + " ") + value.ToString("#,##0", Culture) : value.ToString("#,##0", Culture) + "\u00a0" + (currency == "EUR" ? "€" : currency);

    public string P(decimal share) => (share * 100).ToString("0.#", Culture) + (English ? "%" : "\u00a0%");

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public string ShortDate(DateOnly date) => date.ToString(English ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A link to a dashboard path keeping the filter (and optionally switching language).</summary>
    public string Link(string path, string? language = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var query = new StringBuilder();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("orgUnitId", Filter.OrgUnitId);
        Add("jobFamilyId", Filter.JobFamilyId);
        foreach (var (key, value) in extra ?? [])
        {
            Add(key, value);
        }

        Add("lang", language);
        return PathBase + path + query;
    }
}
