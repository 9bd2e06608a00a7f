using System.Globalization;
using AiLiteracy.Dashboard.Tests.Infrastructure;
using AiLiteracy.Server.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiLiteracy.Dashboard.Tests;

/// <summary>
/// Sign-in with Microsoft Entra ID in the real browser, against the local OpenID Connect provider: the whole round trip
/// (authorization code with PKCE, ID token signed by the provider's key, issuer of the user's own tenant) is real.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardEntraSignInTests
{
    private const string UnregisteredEntraTenantId = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private const string Name = "Camille Martin";
    private const string Email = "camille.martin@val-de-brume.fr";

    private readonly DashboardFixture fixture;

    public DashboardEntraSignInTests(DashboardFixture fixture) => this.fixture = fixture;

    private static TestUser User(string tenantId, params string[] roles) => new(tenantId, Guid.NewGuid().ToString(), roles, Name, Email);

    private static async Task<BrowserContextCookiesResult?> SessionCookieAsync(IPage page) =>
        (await page.Context.CookiesAsync()).FirstOrDefault(c => c.Name == DashboardAuthentication.SessionCookie);

    /// <summary>
    /// Waits for the round trip through the identity provider to land on a dashboard page; on a busy CI machine it gets 90 s,
    /// and a failure says where the browser stopped and what it showed.
    /// </summary>
    private Task WaitForDashboardAsync(IPage page, string path) =>
        WaitForAsync(page, url => url.StartsWith(fixture.Server.BaseAddress.ToString().TrimEnd('/') + path, StringComparison.Ordinal) && !url.Contains("/sign", StringComparison.Ordinal), path);

    private Task WaitForUrlAsync(IPage page, string glob) =>
        page.UntilUrlAsync(glob, () => "; provider refusals: " + string.Join(" | ", fixture.Provider.Refusals));

    private Task WaitForAsync(IPage page, Func<string, bool> reached, string what) =>
        page.UntilUrlAsync(reached, what, () => "; provider refusals: " + string.Join(" | ", fixture.Provider.Refusals));

    private async Task<IPage> SignedInWithEntraAsync(TestUser user)
    {
        fixture.Provider.User = user;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.ClickAsync("#entra-sign-in");
        await WaitForDashboardAsync(page, "/");
        return page;
    }

    [Fact]
    public async Task EntraButton_SignsInWithPkce_AndLandsOnTheOverviewWithTheAuthoritysFigures()
    {
        var user = User(DashboardFixture.RegisteredEntraTenantId, "AiLiteracy.Read");
        var issued = fixture.Provider.TokensIssued;
        fixture.Provider.User = user;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");
        Assert.Equal("Se connecter avec Microsoft Entra ID", (await page.TextContentAsync("#entra-sign-in"))?.Trim());
        Assert.Equal(1, await page.Locator("#apiKey").CountAsync());

        await page.ClickAsync("#entra-sign-in");
        await WaitForAsync(page, url => url == fixture.Server.BaseAddress.ToString(), "/");

        Assert.Equal("Vue d'ensemble", await page.TextContentAsync("h1"));
        var organization = await fixture.Server.GetJsonAsync("/api/v1/organization");
        Assert.Equal(organization["name"]!.GetValue<string>(), await page.TextContentAsync("header .brand .org"));
        var coverage = await fixture.Server.GetJsonAsync("/api/v1/reports/coverage");
        Assert.Equal(coverage["total"]!["activeAgents"]!.GetValue<decimal>(), decimal.Parse((await page.GetAttributeAsync("dd[data-kpi='active']", "data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal(coverage["total"]!["cleared"]!.GetValue<decimal>(), decimal.Parse((await page.GetAttributeAsync("dd[data-kpi='cleared']", "data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal(issued + 1, fixture.Provider.TokensIssued);
        Assert.Empty(fixture.Provider.Refusals);
        await DashboardFixture.ScreenshotAsync(page, "overview-entra");

        // The session: HttpOnly, SameSite=Strict, holding the tenant, the object id and the roles, never the name nor the e-mail.
        var cookie = await SessionCookieAsync(page);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        var session = fixture.Server.Services.GetRequiredService<DashboardSessionProtector>().UnprotectEntra(cookie.Value);
        Assert.NotNull(session);
        Assert.Equal(fixture.Server.TenantId, session.TenantId);
        Assert.Equal(DashboardFixture.RegisteredEntraTenantId, session.EntraTenantId);
        Assert.Equal(user.ObjectId, session.ObjectId);
        Assert.Equal(["AiLiteracy.Read"], session.Roles);
        Assert.DoesNotContain("Camille", session.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("@", session.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name.StartsWith(".AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EntraSignIn_ComesBackToTheAskedPage()
    {
        fixture.Provider.User = User(DashboardFixture.RegisteredEntraTenantId, "AiLiteracy.Write");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/plan?jobFamilyId=rh");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("#entra-sign-in");

        await WaitForUrlAsync(page, "**/plan?jobFamilyId=rh");
        Assert.Equal("Plan de formation", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task EntraUserOfAnUnregisteredTenant_IsRefusedWithAMessage_AndGetsNoSession()
    {
        fixture.Provider.User = User(UnregisteredEntraTenantId, "AiLiteracy.Admin");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.ClickAsync("#entra-sign-in");
        await WaitForUrlAsync(page, "**/sign-in?error=entra-tenant*");

        Assert.Equal("Connexion", await page.TextContentAsync("h1"));
        Assert.Contains("n'est rattachée à aucune collectivité", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Null(await SessionCookieAsync(page));
        Assert.Null(await page.GetAttributeAsync("#apiKey", "aria-invalid"));
        await DashboardFixture.ScreenshotAsync(page, "sign-in-entra-unregistered-tenant");
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntraUserWithoutAnyAppRole_IsRefusedWithAMessage_InEnglishToo()
    {
        fixture.Provider.User = User(DashboardFixture.RegisteredEntraTenantId, "Some.Other.Role");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in?lang=en");
        Assert.Equal("Sign in with Microsoft Entra ID", (await page.TextContentAsync("#entra-sign-in"))?.Trim());

        await page.ClickAsync("#entra-sign-in");
        await WaitForUrlAsync(page, "**/sign-in?error=entra-role*");

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Your account has no role for this dashboard", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Null(await SessionCookieAsync(page));
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);

        fixture.Provider.User = User(DashboardFixture.RegisteredEntraTenantId);
        await page.GotoAsync("/sign-in");
        await page.ClickAsync("#entra-sign-in");
        await WaitForUrlAsync(page, "**/sign-in?error=entra-role*");
        Assert.Null(await SessionCookieAsync(page));
    }

    [Fact]
    public async Task EntraToken_IssuedByAnotherTenantThanItsOwn_IsRefused()
    {
        // A token whose tid is the registered tenant but whose issuer is another tenant's: refused like the bearer scheme does.
        fixture.Provider.User = User(DashboardFixture.RegisteredEntraTenantId, "AiLiteracy.Admin") with { IssuerTenantId = UnregisteredEntraTenantId };
        var issued = fixture.Provider.TokensIssued;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.ClickAsync("#entra-sign-in");
        await WaitForUrlAsync(page, "**/sign-in?error=entra&*");

        Assert.Equal(issued + 1, fixture.Provider.TokensIssued);
        Assert.Contains("La connexion avec Microsoft Entra ID a échoué", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Null(await SessionCookieAsync(page));
    }

    [Fact]
    public async Task EntraSignOut_EndsTheSession()
    {
        var page = await SignedInWithEntraAsync(User(DashboardFixture.RegisteredEntraTenantId, "AiLiteracy.Read"));
        Assert.NotNull(await SessionCookieAsync(page));

        await page.ClickAsync("header form button[type=submit]");
        await WaitForUrlAsync(page, "**/sign-in");

        Assert.Null(await SessionCookieAsync(page));
        await page.GotoAsync("/referents");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntraSession_Ends_WhenItsTenantIsNoLongerMapped()
    {
        var page = await SignedInWithEntraAsync(User(DashboardFixture.RegisteredEntraTenantId, "AiLiteracy.Read"));
        try
        {
            await fixture.Server.MapEntraTenantAsync(null);

            await page.GotoAsync("/plan");

            Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Server.MapEntraTenantAsync(DashboardFixture.RegisteredEntraTenantId);
        }

        await page.GotoAsync("/plan");
        Assert.Equal("Plan de formation", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task SignInPage_WithEntra_HasNoSeriousAccessibilityViolation_InFrenchAndEnglish_WithAndWithoutError()
    {
        var page = await fixture.NewPageAsync();
        var failures = new List<string>();
        foreach (var path in new[] { "/sign-in", "/sign-in?lang=en", "/sign-in?error=entra-tenant", "/sign-in?lang=en&error=entra-role" })
        {
            await page.GotoAsync(path);
            Assert.Equal(1, await page.Locator("#entra-sign-in").CountAsync());
            failures.AddRange((await DashboardFixture.SeriousAccessibilityViolationsAsync(page)).Select(v => path + " " + v));
        }

        Assert.Empty(failures);
        await page.GotoAsync("/sign-in");
        await DashboardFixture.ScreenshotAsync(page, "sign-in-entra");
    }

    [Fact]
    public async Task SignInPage_ShowsNoMessage_ForAnUnknownErrorCode()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/sign-in?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.Equal(0, await page.Locator("[role=alert]").CountAsync());
        Assert.DoesNotContain("<script>", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
