using System.Text.Json;
using Microsoft.Playwright;

namespace AiLiteracy.Dashboard.Tests.Infrastructure;

/// <summary>
/// One server and one browser shared by the dashboard tests; every test opens its own browser context. The server's
/// dashboard signs in with Entra ID against <see cref="Provider"/>, whose tenant <see cref="RegisteredEntraTenantId"/> is
/// mapped to the demo authority.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The Entra tenant id mapped to the demo authority.</summary>
    public const string RegisteredEntraTenantId = "3f6c2b1a-8d4e-4f0a-b5c9-1e2d3c4b5a69";

    private IPlaywright? playwright;

    public DashboardServer Server { get; private set; } = null!;

    public TestOpenIdProvider Provider { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept: <c>screenshots/</c> under the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Provider = await TestOpenIdProvider.StartAsync();
        Server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["AiLiteracy:Dashboard:Entra:ClientId"] = TestOpenIdProvider.ClientId,
            ["AiLiteracy:Dashboard:Entra:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            ["AiLiteracy:Dashboard:Entra:Instance"] = Provider.Instance.ToString(),
        });
        Provider.RegisteredRedirectUri = Server.BaseAddress.ToString().TrimEnd('/') + "/signin-oidc";
        await Server.MapEntraTenantAsync(RegisteredEntraTenantId);
        (playwright, Browser) = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }

    /// <summary>A new browser context (its own cookies) with a page.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool mobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
            Locale = "fr-FR",
            // axe-core is injected into the page under test; the dashboard's CSP forbids scripts.
            BypassCSP = true,
        });
        context.SetDefaultTimeout(30_000);

        // Page loads share 2 cores with the other test projects in CI: give navigations room before calling them hung.
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in with the development key (through the sign-in form).</summary>
    public async Task<IPage> SignedInPageAsync(int width = 1280, int height = 900, bool mobile = false)
    {
        var page = await NewPageAsync(width, height, mobile);
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#apiKey", Server.DevelopmentKey);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = fullPage });

    /// <summary>Runs axe-core on the page and returns the serious and critical violations (rule id: nodes).</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = await AxeCore.ScriptAsync() });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '));
            }
            """);
        return [.. json.EnumerateArray().Select(e => e.GetString()!)];
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
