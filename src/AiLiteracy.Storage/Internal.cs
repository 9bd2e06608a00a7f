using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiLiteracy.Storage;

/// <summary>Small helpers shared by the repositories.</summary>
internal static class Internal
{
    /// <summary>The current UTC time truncated to microseconds, the precision both providers store.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }

    /// <summary>A time-ordered id.</summary>
    public static Guid NewId(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow());

    /// <summary>URL-safe random text of <paramref name="bytes"/> random bytes.</summary>
    public static string RandomToken(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Lower-case hexadecimal SHA-256 of the UTF-8 text.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Throws when <paramref name="value"/> is null, empty or white space.</summary>
    public static string Required(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required.", name);
        }

        return value;
    }

    /// <summary>Encodes a keyset position as an opaque token.</summary>
    public static string EncodeToken(long position) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { position.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    /// <summary>Encodes a keyset position as an opaque token.</summary>
    public static string EncodeToken(string position) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { position }));

    /// <summary>Decodes a token made by <see cref="EncodeToken(string)"/>.</summary>
    public static string? DecodeStringToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(token));
            if (parts is [{ } position])
            {
                return position;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }

        throw new ArgumentException("The continuation token is not valid.", nameof(token));
    }

    /// <summary>Decodes a token made by <see cref="EncodeToken(long)"/>.</summary>
    public static long? DecodeLongToken(string? token)
    {
        var text = DecodeStringToken(token);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException("The continuation token is not valid.", nameof(token));
    }
}
