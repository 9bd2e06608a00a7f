using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>Issues Entra-shaped access tokens signed with a test RSA key the test server trusts.</summary>
public sealed class TestTokens
{
    public const string Audience = "api://ailiteracy-tests";
    public const string Instance = "https://login.microsoftonline.com/";

    private readonly JsonWebTokenHandler handler = new();

    public TestTokens()
    {
        SigningKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" };
    }

    public RsaSecurityKey SigningKey { get; }

    public static string IssuerOf(string entraTenantId) => Instance + entraTenantId + "/v2.0";

    public string Create(
        string entraTenantId,
        IEnumerable<string> roles,
        string? audience = Audience,
        string? issuer = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = entraTenantId,
            ["oid"] = Guid.NewGuid().ToString(),
            ["roles"] = roles.ToArray(),
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? IssuerOf(entraTenantId),
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-5)),
            NotBefore = notBefore ?? now.AddMinutes(-5),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return handler.CreateToken(descriptor);
    }
}
