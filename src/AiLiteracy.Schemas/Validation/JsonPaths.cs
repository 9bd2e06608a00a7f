using System.Globalization;
using Newtonsoft.Json.Linq;

namespace AiLiteracy.Schemas.Validation;

/// <summary>Builds the JSONPath strings used in errors: <c>$</c>, <c>$.modules[3].prerequisites[0]</c>, <c>$['odd name']</c>.</summary>
internal static class JsonPaths
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlainName(name) ? parent + "." + name : parent + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of a token of a Newtonsoft tree; for a <see cref="JProperty"/>, the path of its value.</summary>
    public static string Of(JToken token)
    {
        var segments = new Stack<object>();
        JToken? current = token;
        while (current?.Parent is { } parent)
        {
            switch (current, parent)
            {
                case (JProperty property, _):
                    segments.Push(property.Name);
                    current = parent;
                    break;
                case (_, JProperty owner):
                    segments.Push(owner.Name);
                    current = owner.Parent;
                    break;
                case (_, JArray array):
                    segments.Push(array.IndexOf(current));
                    current = array;
                    break;
                default:
                    current = parent;
                    break;
            }
        }

        var path = Root;
        while (segments.TryPop(out var segment))
        {
            path = segment is int index ? Index(path, index) : Property(path, (string)segment);
        }

        return path;
    }

    /// <summary>The display name of the last segment of a path: <c>durationHours</c>, <c>prerequisites[0]</c>, or <c>$</c>.</summary>
    public static string LastName(string path)
    {
        if (path == Root)
        {
            return Root;
        }

        var end = path.Length;
        var start = path.LastIndexOf('.');
        var bracket = path.LastIndexOf("['", StringComparison.Ordinal);
        if (bracket > start)
        {
            return path[(bracket + 2)..(path.Length - 2)];
        }

        if (start < 0)
        {
            return path;
        }

        return path[(start + 1)..end];
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
