using AiLiteracy.Model;

namespace AiLiteracy.Server.Problems;

/// <summary>Chooses the language of error messages from <c>Accept-Language</c>: English when asked for first, French otherwise.</summary>
internal static class ProblemLanguage
{
    public static string Of(HttpContext context)
    {
        var header = context.Request.Headers.AcceptLanguage.ToString();
        return header.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr";
    }

    public static string Text(HttpContext context, LocalizedText text) => text.Get(Of(context));

    public static string Text(HttpContext context, string fr, string en) => Of(context) == "en" ? en : fr;
}
