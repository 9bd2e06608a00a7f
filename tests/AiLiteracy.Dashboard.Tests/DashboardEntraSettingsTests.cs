using AiLiteracy.Dashboard.Tests.Infrastructure;
using AiLiteracy.Server.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Dashboard.Tests;

/// <summary>The settings of the dashboard's Entra ID sign-in, on the real server's services (no browser, no network).</summary>
public sealed class DashboardEntraSettingsTests
{
    private const string Tid = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    private static async Task<T> WithAppAsync<T>(Dictionary<string, string?> settings, Func<WebApplication, Task<T>> use)
    {
        var folder = DashboardServer.NewFolder();
        var app = DashboardServer.Build(folder, settings);
        try
        {
            return await use(app);
        }
        finally
        {
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("AiLiteracy:Dashboard:Entra:Instance", "login.microsoftonline.com", "AiLiteracy:Dashboard:Entra:Instance must be an absolute https URL")]
    [InlineData("AiLiteracy:Dashboard:Entra:Instance", "http://login.example.fr/", "AiLiteracy:Dashboard:Entra:Instance must be an absolute https URL")]
    [InlineData("AiLiteracy:Server:Entra:Instance", "ftp://login.example.fr/", "AiLiteracy:Server:Entra:Instance, used by the dashboard's Entra ID sign-in")]
    [InlineData("AiLiteracy:Dashboard:Entra:MetadataAddress", "not a url", "AiLiteracy:Dashboard:Entra:MetadataAddress must be")]
    [InlineData("AiLiteracy:Dashboard:Entra:CallbackPath", "signin-oidc", "AiLiteracy:Dashboard:Entra:CallbackPath must be")]
    [InlineData("AiLiteracy:Dashboard:Entra:CallbackPath", "/api/signin-oidc", "AiLiteracy:Dashboard:Entra:CallbackPath must be")]
    [InlineData("AiLiteracy:Dashboard:Entra:CallbackPath", "/sign-in", "AiLiteracy:Dashboard:Entra:CallbackPath must be")]
    public async Task WrongEntraSetting_StopsTheStartUp_WithAMessageNamingIt(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["AiLiteracy:Dashboard:Entra:ClientId"] = TestOpenIdProvider.ClientId, [key] = value };

        var error = await WithAppAsync(settings, async app => await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutClientId_EntraSignInIsOff_AndWrongEntraSettingsAreIgnored()
    {
        var settings = new Dictionary<string, string?> { ["AiLiteracy:Dashboard:Entra:Instance"] = "not a url" };

        var (scheme, options) = await WithAppAsync(settings, async app =>
            (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(DashboardAuthentication.EntraScheme),
             app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value));

        Assert.Null(scheme);
        Assert.False(options.Entra.Enabled);
    }

    [Fact]
    public async Task SovereignCloudInstance_OfTheServer_IsUsedByDefault_ForMetadataAndIssuer()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AiLiteracy:Server:Entra:Instance"] = "https://login.sovcloud-identity.fr/",
            ["AiLiteracy:Dashboard:Entra:ClientId"] = TestOpenIdProvider.ClientId,
        };

        var options = await WithAppAsync(settings, app => Task.FromResult(
            app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(DashboardAuthentication.EntraScheme)));

        Assert.Equal("https://login.sovcloud-identity.fr/organizations/v2.0/.well-known/openid-configuration", options.MetadataAddress);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal("/signin-oidc", options.CallbackPath);
        Assert.True(options.UsePkce);
        Assert.Equal("code", options.ResponseType);
        Assert.Null(options.ClientSecret);
        Assert.False(options.SaveTokens);
        Assert.Equal(["openid", "profile"], options.Scope.Order(StringComparer.Ordinal));
        var validate = options.TokenValidationParameters.IssuerValidator;
        Assert.Equal("https://login.sovcloud-identity.fr/" + Tid + "/v2.0", validate("https://login.sovcloud-identity.fr/" + Tid + "/v2.0", Token(Tid), options.TokenValidationParameters));
        Assert.Throws<SecurityTokenInvalidIssuerException>(() => validate("https://login.microsoftonline.com/" + Tid + "/v2.0", Token(Tid), options.TokenValidationParameters));
        Assert.Throws<SecurityTokenInvalidIssuerException>(() => validate("https://login.sovcloud-identity.fr/" + Tid + "/v2.0", Token("11111111-2222-3333-4444-555555555555"), options.TokenValidationParameters));
    }

    [Fact]
    public async Task DashboardInstance_AndMetadataAddress_OverrideTheServers()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AiLiteracy:Dashboard:Entra:ClientId"] = TestOpenIdProvider.ClientId,
            ["AiLiteracy:Dashboard:Entra:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            ["AiLiteracy:Dashboard:Entra:Instance"] = "https://login.sovcloud-identity.fr",
            ["AiLiteracy:Dashboard:Entra:MetadataAddress"] = "https://login.sovcloud-identity.fr/" + Tid + "/v2.0/.well-known/openid-configuration",
            ["AiLiteracy:Dashboard:Entra:CallbackPath"] = "/auth/entra",
        };

        var options = await WithAppAsync(settings, app => Task.FromResult(
            app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(DashboardAuthentication.EntraScheme)));

        Assert.Equal("https://login.sovcloud-identity.fr/" + Tid + "/v2.0/.well-known/openid-configuration", options.MetadataAddress);
        Assert.Equal(TestOpenIdProvider.ClientSecret, options.ClientSecret);
        Assert.Equal("/auth/entra", options.CallbackPath);
        Assert.Equal(TestOpenIdProvider.ClientId, options.TokenValidationParameters.ValidAudience);
        Assert.Equal("https://login.sovcloud-identity.fr/" + Tid + "/v2.0",
            options.TokenValidationParameters.IssuerValidator("https://login.sovcloud-identity.fr/" + Tid + "/v2.0", Token(Tid), options.TokenValidationParameters));
    }

    private static JsonWebToken Token(string tid) =>
        new(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Claims = new Dictionary<string, object> { ["tid"] = tid } }));
}
