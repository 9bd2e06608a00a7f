using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace AiLiteracy.Entra.Tests.Fakes;

/// <summary>
/// A compact JWS (RFC 7515) as the test identity provider reads it, and the signer the tests use to play an external
/// identity provider (Kubernetes service account, GitHub Actions) or a client signing its own assertion.
/// </summary>
public sealed class TestJwt
{
    private TestJwt(JsonObject header, JsonObject payload, string signedPart, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SignedPart = signedPart;
        Signature = signature;
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    public string SignedPart { get; }

    public byte[] Signature { get; }

    public string? Algorithm => Header["alg"]?.GetValue<string>();

    public string? Issuer => Text(Payload["iss"]);

    public string? Subject => Text(Payload["sub"]);

    /// <summary>The <c>aud</c> claim: a string or an array of strings.</summary>
    public IReadOnlyList<string> Audiences => Payload["aud"] switch
    {
        JsonArray array => [.. array.Select(Text).OfType<string>()],
        JsonNode node when Text(node) is { } one => [one],
        _ => [],
    };

    public DateTimeOffset? Expires => Time(Payload["exp"]);

    public DateTimeOffset? NotBefore => Time(Payload["nbf"]);

    public static bool TryParse(string compact, out TestJwt jwt)
    {
        jwt = null!;
        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) is JsonObject header
                && JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) is JsonObject payload)
            {
                jwt = new TestJwt(header, payload, parts[0] + "." + parts[1], Base64Url.DecodeFromChars(parts[2]));
                return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
        }

        return false;
    }

    /// <summary>Checks the signature with the algorithm the header names (RS256, PS256, ES256).</summary>
    public bool VerifySignature(AsymmetricAlgorithm key)
    {
        var data = Encoding.ASCII.GetBytes(SignedPart);
        return (Algorithm, key) switch
        {
            ("RS256", RSA rsa) => rsa.VerifyData(data, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("PS256", RSA rsa) => rsa.VerifyData(data, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ("ES256", ECDsa ecdsa) => ecdsa.VerifyData(data, Signature, HashAlgorithmName.SHA256),
            _ => false,
        };
    }

    /// <summary>The certificates of the <c>x5c</c> header, leaf first (an array per RFC 7515, or one string as MSAL sends it).</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain()
    {
        IEnumerable<string> encoded = Header["x5c"] switch
        {
            JsonArray array => array.Select(Text).OfType<string>(),
            JsonNode node when Text(node) is { } one => one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };
        return [.. encoded.Select(e => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(e)))];
    }

    /// <summary>Signs a token with RS256 (RSA) or ES256 (ECDSA).</summary>
    public static string Sign(JsonObject header, JsonObject payload, AsymmetricAlgorithm key)
    {
        header["alg"] ??= key is ECDsa ? "ES256" : "RS256";
        header["typ"] ??= "JWT";
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var data = Encoding.ASCII.GetBytes(signed);
        var signature = key switch
        {
            ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256),
            RSA rsa when header["alg"]!.GetValue<string>() == "PS256" => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("RSA or ECDSA key expected.", nameof(key)),
        };
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// A workload identity token as Kubernetes or GitHub Actions issues it: <c>iss</c>, <c>sub</c>, <c>aud</c>, signed
    /// with the issuer's key named by <c>kid</c>.
    /// </summary>
    public static string WorkloadToken(
        string issuer, string subject, string audience, AsymmetricAlgorithm key, string keyId, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        Sign(
            new JsonObject { ["kid"] = keyId },
            new JsonObject
            {
                ["aud"] = new JsonArray(audience),
                ["iss"] = issuer,
                ["sub"] = subject,
                ["iat"] = issuedAt.ToUnixTimeSeconds(),
                ["nbf"] = issuedAt.ToUnixTimeSeconds(),
                ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
                ["jti"] = Guid.NewGuid().ToString(),
            },
            key);

    /// <summary>A client assertion signed by the app's own certificate (private_key_jwt), e.g. by a key vault.</summary>
    public static string CertificateAssertion(
        X509Certificate2 certificate, string clientId, string audience, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        using var key = certificate.GetRSAPrivateKey() ?? throw new ArgumentException("The certificate has no RSA private key.", nameof(certificate));
        return Sign(
            new JsonObject { ["alg"] = "PS256", ["x5t#S256"] = Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA256)) },
            new JsonObject
            {
                ["aud"] = audience,
                ["iss"] = clientId,
                ["sub"] = clientId,
                ["nbf"] = issuedAt.ToUnixTimeSeconds(),
                ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
                ["jti"] = Guid.NewGuid().ToString(),
            },
            key);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A NumericDate, as a number or (MSAL) as a string.</summary>
    private static DateTimeOffset? Time(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var seconds)
            || (value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds)))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return null;
    }
}
