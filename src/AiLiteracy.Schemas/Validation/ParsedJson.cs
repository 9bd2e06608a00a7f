using System.Text;
using System.Text.Json;
using AiLiteracy.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AiLiteracy.Schemas.Validation;

/// <summary>A position in a text file, 1-based.</summary>
internal readonly record struct TextPosition(int Line, int Column);

/// <summary>
/// A definition file parsed twice: strictly with System.Text.Json (the reader the SDK deserializes with), which
/// checks the syntax and records where every value and property name starts, then into a Newtonsoft tree for
/// NJsonSchema.
/// </summary>
internal sealed class ParsedJson
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    private readonly Dictionary<string, TextPosition> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TextPosition> _names = new(StringComparer.Ordinal);

    private ParsedJson(string file)
    {
        File = file;
    }

    public string File { get; }

    /// <summary>The Newtonsoft tree, or <see langword="null"/> when the file is not well-formed JSON.</summary>
    public JToken? Root { get; private set; }

    /// <summary>Syntax errors (at most one) and duplicate property names.</summary>
    public List<DefinitionError> Errors { get; } = [];

    public static ParsedJson Parse(string file, string content)
    {
        var parsed = new ParsedJson(file);
        if (string.IsNullOrWhiteSpace(content))
        {
            parsed.Errors.Add(new DefinitionError
            {
                File = file,
                JsonPath = JsonPaths.Root,
                Line = 1,
                Column = 1,
                Code = DefinitionErrorCodes.Json,
                Message = new LocalizedText(
                    "Le fichier est vide : il doit contenir un objet JSON.",
                    "The file is empty: it must contain a JSON object."),
            });
            return parsed;
        }

        if (!parsed.Scan(Encoding.UTF8.GetBytes(content)))
        {
            return parsed;
        }

        try
        {
            using var text = new StringReader(content);
            using var reader = new JsonTextReader(text)
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = 128,
            };
            parsed.Root = JToken.ReadFrom(reader, new JsonLoadSettings
            {
                CommentHandling = CommentHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
                LineInfoHandling = LineInfoHandling.Load,
            });
            parsed.ClampHugeNumbers();
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or FormatException or OverflowException)
        {
            var info = ex as JsonReaderException;
            parsed.Errors.Add(new DefinitionError
            {
                File = file,
                JsonPath = JsonPaths.Root,
                Line = info?.LineNumber > 0 ? info.LineNumber : null,
                Column = info?.LineNumber > 0 ? info.LinePosition : null,
                Code = DefinitionErrorCodes.Json,
                Message = new LocalizedText(
                    $"Le fichier n'est pas un JSON valide : {ex.Message}",
                    $"The file is not valid JSON: {ex.Message}"),
            });
        }

        return parsed;
    }

    /// <summary>Where the value at <paramref name="path"/> starts.</summary>
    public TextPosition? ValueAt(string path) => _values.TryGetValue(path, out var p) ? p : null;

    /// <summary>Where the name of the property at <paramref name="path"/> starts.</summary>
    public TextPosition? NameAt(string path) => _names.TryGetValue(path, out var p) ? p : _values.TryGetValue(path, out var v) ? v : null;

    /// <summary>
    /// Reports numbers no definition can hold (beyond 64-bit integers, or infinite) and replaces them with the nearest
    /// finite value, so that the schema and semantic checks still run on the rest of the file.
    /// </summary>
    private void ClampHugeNumbers()
    {
        var values = Root is JContainer container ? container.Descendants().OfType<JValue>().ToList() : Root is JValue single ? [single] : [];
        foreach (var value in values.OfType<JValue>())
        {
            object? replacement = value.Value switch
            {
                System.Numerics.BigInteger big => big.Sign < 0 ? long.MinValue : long.MaxValue,
                double d when double.IsNaN(d) || double.IsInfinity(d) => d < 0 ? double.MinValue : double.MaxValue,
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            var path = JsonPaths.Of(value);
            var position = ValueAt(path);
            Errors.Add(new DefinitionError
            {
                File = File,
                JsonPath = path,
                Line = position?.Line,
                Column = position?.Column,
                Code = DefinitionErrorCodes.Schema,
                Message = new LocalizedText(
                    $"Le nombre « {JsonPaths.LastName(path)} » est hors des limites acceptées.",
                    $"Number \"{JsonPaths.LastName(path)}\" is out of the accepted range."),
            });
            value.Value = replacement;
        }
    }

    private bool Scan(byte[] bytes)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        TextPosition PositionOf(long offset)
        {
            var line = lineStarts.BinarySearch((int)offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return new TextPosition(line + 1, Encoding.UTF8.GetCharCount(bytes, lineStarts[line], (int)offset - lineStarts[line]) + 1);
        }

        var frames = new Stack<Frame>();
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                var position = PositionOf(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames.Peek();
                        var name = reader.GetString()!;
                        var path = JsonPaths.Property(frame.Path, name);
                        if (!frame.Names.Add(name))
                        {
                            Errors.Add(new DefinitionError
                            {
                                File = File,
                                JsonPath = path,
                                Line = position.Line,
                                Column = position.Column,
                                Code = DefinitionErrorCodes.DuplicateProperty,
                                Message = new LocalizedText(
                                    $"La propriété « {name} » apparaît deux fois dans le même objet ; seule la dernière serait lue.",
                                    $"Property \"{name}\" appears twice in the same object; only the last one would be read."),
                            });
                        }

                        _names[path] = position;
                        frame.Pending = path;
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var containerPath = NextValuePath(frames);
                        _values[containerPath] = position;
                        frames.Push(new Frame(containerPath, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        _values[NextValuePath(frames)] = position;
                        break;
                }
            }

            return true;
        }
        catch (System.Text.Json.JsonException ex)
        {
            int? line = ex.LineNumber is { } l ? (int)l + 1 : null;
            int? column = null;
            if (line is { } ln && ln - 1 < lineStarts.Count && ex.BytePositionInLine is { } bytePosition)
            {
                var start = lineStarts[ln - 1];
                var count = (int)Math.Min(bytePosition, bytes.Length - start);
                column = Encoding.UTF8.GetCharCount(bytes, start, count) + 1;
            }

            var detail = ex.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                detail = detail[..cut];
            }

            Errors.Add(new DefinitionError
            {
                File = File,
                JsonPath = JsonPaths.Root,
                Line = line,
                Column = column,
                Code = DefinitionErrorCodes.Json,
                Message = new LocalizedText(
                    $"Le fichier n'est pas un JSON valide (les commentaires sont permis, pas les virgules finales) : {detail}",
                    $"The file is not valid JSON (comments are allowed, trailing commas are not): {detail}"),
            });
            return false;
        }
    }

    private static string NextValuePath(Stack<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return JsonPaths.Root;
        }

        var frame = frames.Peek();
        return frame.IsArray ? JsonPaths.Index(frame.Path, frame.NextIndex++) : frame.Pending ?? frame.Path;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }

        public string? Pending { get; set; }

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    }
}
