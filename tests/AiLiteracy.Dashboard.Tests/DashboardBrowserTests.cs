using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiLiteracy.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AiLiteracy.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests
{
    private readonly DashboardFixture fixture;

    public DashboardBrowserTests(DashboardFixture fixture) => this.fixture = fixture;

    private static readonly string[] Pages = ["/", "/expiring", "/plan", "/referents"];

    private static async Task<List<(string Id, decimal Value)>> ChartAsync(IPage page, string selector)
    {
        var items = await page.Locator(selector).EvaluateAllAsync<JsonElement>(
            "els => els.map(e => [e.getAttribute('data-id'), e.getAttribute('data-value')])");
        return [.. items.EnumerateArray().Select(e => (e[0].GetString()!, decimal.Parse(e[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    private static async Task<decimal> KpiAsync(IPage page, string key) =>
        decimal.Parse((await page.GetAttributeAsync($"dd[data-kpi='{key}']", "data-value"))!, CultureInfo.InvariantCulture);

    private static decimal Number(JsonNode? node) => node!.GetValue<decimal>();

    [Fact]
    public async Task Dashboard_RequiresSignIn_AndComesBackToTheAskedPage()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/plan?jobFamilyId=rh");

        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal("Connexion", await page.TextContentAsync("h1"));
        await DashboardFixture.ScreenshotAsync(page, "sign-in");
        await page.FillAsync("#apiKey", fixture.Server.DevelopmentKey);
        await page.ClickAsync("form button[type=submit]");
        await page.UntilUrlAsync("**/plan?jobFamilyId=rh");
        Assert.Equal("Plan de formation", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task SignIn_WithAWrongKey_SaysSo_AndSetsNoSession()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.FillAsync("#apiKey", "ail_0000000000000000_not-a-real-key");
        await page.ClickAsync("form button[type=submit]");

        Assert.Contains("Clé d'API inconnue", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "ailiteracy-dashboard");
        var response = await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
    }

    [Fact]
    public async Task SignIn_KeepsTheKeyInAnHttpOnlyStrictCookie_AndSignOutEndsTheSession()
    {
        var page = await fixture.SignedInPageAsync();

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "ailiteracy-dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(fixture.Server.DevelopmentKey, cookie.Value, StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<string?>("() => document.cookie.includes('ailiteracy-dashboard') ? 'visible' : null"));

        await page.ClickAsync("header form button[type=submit]");
        await page.UntilUrlAsync("**/sign-in");
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithTheDevelopmentKeyButton_OpensTheDashboard()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.ClickAsync("text=Se connecter avec la clé de développement");

        await page.UntilUrlAsync(url => url.EndsWith('/'), "/");
        Assert.Equal("Vue d'ensemble", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task Overview_CoverageBars_EqualTheApi()
    {
        var page = await fixture.SignedInPageAsync();
        var api = await fixture.Server.GetJsonAsync("/api/v1/reports/coverage");

        var bars = await ChartAsync(page, "svg#chart-coverage g.bar");

        var expected = api["byDirectorate"]!.AsArray().Select(d => (d!["id"]?.GetValue<string>() ?? "none", Number(d["clearedShare"]))).ToList();
        Assert.True(expected.Count >= 5);
        Assert.Equal(expected, bars);
        Assert.Equal(Number(api["total"]!["activeAgents"]), await KpiAsync(page, "active"));
        Assert.Equal(Number(api["total"]!["cleared"]), await KpiAsync(page, "cleared"));
        var table = await page.Locator("#table-coverage tbody tr").CountAsync();
        Assert.Equal(expected.Count, table);
        await DashboardFixture.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task Overview_ClearanceDonut_EqualsTheApi_AndAddsUpToTheActiveAgents()
    {
        var page = await fixture.SignedInPageAsync();
        var total = (await fixture.Server.GetJsonAsync("/api/v1/reports/coverage"))["total"]!;

        var slices = (await ChartAsync(page, "svg#chart-clearance circle.slice")).ToDictionary(s => s.Id, s => s.Value);

        Assert.Equal(Number(total["clearedUpToDate"]), slices["cleared"]);
        Assert.Equal(Number(total["refreshDue"]), slices["refresh-due"]);
        Assert.Equal(Number(total["charterPending"]), slices["charter-pending"]);
        Assert.Equal(Number(total["trainingIncomplete"]), slices["training-incomplete"]);
        Assert.Equal(Number(total["activeAgents"]), slices.Values.Sum());
        Assert.Equal(4, await page.Locator("#table-clearance tbody tr").CountAsync());
    }

    [Fact]
    public async Task Filters_ByOrgUnitAndJobFamily_ChangeTheFiguresLikeTheApi()
    {
        var page = await fixture.SignedInPageAsync();
        var directorate = (await fixture.Server.GetJsonAsync("/api/v1/reports/coverage"))["byDirectorate"]!.AsArray()
            .First(d => d!["id"] is not null && d["activeAgents"]!.GetValue<int>() > 20)!["id"]!.GetValue<string>();

        await page.SelectOptionAsync("#f-org", directorate);
        await page.ClickAsync("form.filters button[type=submit]");
        await page.UntilUrlAsync($"**/?orgUnitId={directorate}*");
        var byUnit = await fixture.Server.GetJsonAsync($"/api/v1/reports/coverage?orgUnitId={directorate}");
        Assert.Equal(Number(byUnit["total"]!["activeAgents"]), await KpiAsync(page, "active"));
        Assert.Equal([directorate], (await ChartAsync(page, "svg#chart-coverage g.bar")).Select(b => b.Id));
        await DashboardFixture.ScreenshotAsync(page, "overview-filtered");

        await page.SelectOptionAsync("#f-family", "rh");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.UntilUrlAsync("**jobFamilyId=rh*");
        var both = await fixture.Server.GetJsonAsync($"/api/v1/reports/coverage?orgUnitId={directorate}&jobFamilyId=rh");
        Assert.Equal(Number(both["total"]!["activeAgents"]), await KpiAsync(page, "active"));
        Assert.True(Number(both["total"]!["activeAgents"]) < Number(byUnit["total"]!["activeAgents"]));

        // The filter follows the navigation.
        await page.ClickAsync("nav.tabs >> text=Plan de formation");
        await page.UntilUrlAsync("**/plan?*");
        var plan = await fixture.Server.GetJsonAsync($"/api/v1/reports/training-plan?orgUnitId={directorate}&jobFamilyId=rh");
        Assert.Equal(Number(plan["peopleToTrain"]), await KpiAsync(page, "people-to-train"));
        Assert.Equal(directorate, await page.InputValueAsync("#f-org"));
    }

    [Fact]
    public async Task Filters_RefuseAnUnknownOrgUnit_WithAMessage()
    {
        var page = await fixture.SignedInPageAsync();

        var response = await page.GotoAsync("/?orgUnitId=NOPE");

        Assert.Equal(400, response!.Status);
        Assert.Contains("NOPE", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiringPage_EqualsTheApi()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/expiring");
        var api = await fixture.Server.GetJsonAsync("/api/v1/reports/expiring-modules");

        var bars = await ChartAsync(page, "svg#chart-expiring g.bar");

        Assert.Equal(api["modules"]!.AsArray().Select(m => (m!["moduleId"]!.GetValue<string>(), Number(m["agents"]))), bars);
        Assert.Equal(Number(api["agents"]), await KpiAsync(page, "agents"));
        Assert.Equal(60, api["windowDays"]!.GetValue<int>());
        Assert.Equal(Math.Min(200, api["items"]!.AsArray().Count), await page.Locator("#table-expiring-agents tbody tr").CountAsync());
        await DashboardFixture.ScreenshotAsync(page, "expiring");
    }

    [Fact]
    public async Task PlanPage_QuartersAndKpis_EqualTheApi()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/plan");
        var api = await fixture.Server.GetJsonAsync("/api/v1/reports/training-plan");

        var quarters = await ChartAsync(page, "svg#chart-quarters g.bar");

        var budget = api["budget"]!;
        Assert.Equal(budget["quarters"]!.AsArray().Select(q => Number(q!["sessions"])), quarters.Select(q => q.Value));
        Assert.Equal(Number(api["peopleToTrain"]), await KpiAsync(page, "people-to-train"));
        Assert.Equal(Number(budget["totalCost"]), await KpiAsync(page, "cost"));
        Assert.True(Number(budget["totalCost"]) > 0);
        Assert.Equal(api["modules"]!.AsArray().Count, await page.Locator("#table-modules tbody tr").CountAsync());
        await DashboardFixture.ScreenshotAsync(page, "plan");
    }

    [Fact]
    public async Task ReferentsPage_EqualsTheApi()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/referents");
        var api = await fixture.Server.GetJsonAsync("/api/v1/reports/training-plan");

        var bars = await ChartAsync(page, "svg#chart-referents g.bar");

        Assert.Equal(api["referentCoverage"]!.AsArray().Select(r => (r!["directorateId"]!.GetValue<string>(), Number(r["activeReferents"]))), bars);
        var targets = await page.Locator("svg#chart-referents g.bar").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-target'))");
        Assert.Equal(api["referentCoverage"]!.AsArray().Select(r => r!["target"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture)), targets);
        await DashboardFixture.ScreenshotAsync(page, "referents");
    }

    [Fact]
    public async Task EveryPage_HasNoSeriousAccessibilityViolation_InFrenchAndEnglish()
    {
        var page = await fixture.SignedInPageAsync();
        var failures = new List<string>();
        foreach (var language in new[] { "fr", "en" })
        {
            foreach (var path in Pages)
            {
                await page.GotoAsync(path + "?lang=" + language);
                failures.AddRange((await DashboardFixture.SeriousAccessibilityViolationsAsync(page)).Select(v => $"{path} [{language}] {v}"));
            }
        }

        var signIn = await fixture.NewPageAsync();
        await signIn.GotoAsync("/sign-in");
        failures.AddRange((await DashboardFixture.SeriousAccessibilityViolationsAsync(signIn)).Select(v => "/sign-in " + v));

        Assert.Empty(failures);
    }

    [Fact]
    public async Task EnglishSwitch_TranslatesThePages_AndIsRemembered()
    {
        var page = await fixture.SignedInPageAsync();
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));

        await page.ClickAsync("a[hreflang=en]");
        await page.UntilUrlAsync("**lang=en*");

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Overview", await page.TextContentAsync("h1"));
        await page.GotoAsync("/referents");
        Assert.Equal("AI referents per directorate", await page.TextContentAsync("h1"));
        await DashboardFixture.ScreenshotAsync(page, "referents-en");
    }

    [Fact]
    public async Task Keyboard_SkipLinkFirst_ThenEveryControlInOrder()
    {
        var page = await fixture.SignedInPageAsync();

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // Tabbing reaches the filters and every table region; Enter on a focused tab follows it.
        var reached = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.getAttribute('aria-labelledby') || document.activeElement.tagName"));
        }

        Assert.Contains("f-org", reached);
        Assert.Contains("f-family", reached);
        Assert.Contains("table-coverage-caption", reached);
        await page.Locator("nav.tabs a[href='/expiring']").FocusAsync();
        Assert.Equal("/expiring", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
        await page.Keyboard.PressAsync("Enter");
        await page.UntilUrlAsync(url => url.EndsWith("/expiring", StringComparison.Ordinal), "/expiring");
        var outline = await page.EvaluateAsync<string>("() => { const a = document.querySelector('nav.tabs a'); a.focus(); return getComputedStyle(a).outlineStyle; }");
        Assert.Equal("solid", outline);
    }

    [Fact]
    public async Task Phone_PagesFitTheScreenWidth()
    {
        var page = await fixture.SignedInPageAsync(width: 375, height: 740, mobile: true);
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} overflows the phone screen by {overflow} px");
            await DashboardFixture.ScreenshotAsync(page, "phone" + (path == "/" ? "-overview" : path.Replace('/', '-')));
            await page.Locator("section.panel").First.ScreenshotAsync(new LocatorScreenshotOptions
            {
                Path = Path.Combine(DashboardFixture.Screenshots, "phone-panel" + (path == "/" ? "-overview" : path.Replace('/', '-')) + ".png"),
            });
        }
    }

    [Fact]
    public async Task RegisterDownload_IsAPrintableDatedDocumentWithTheAuthoritysName()
    {
        var page = await fixture.SignedInPageAsync();

        var response = await page.GotoAsync("/exports/literacy-register?format=html");

        Assert.Equal(200, response!.Status);
        Assert.Contains("Communauté d'agglomération du Val de Brume", await page.TextContentAsync("header.doc"), StringComparison.Ordinal);
        Assert.NotNull(await page.QuerySelectorAsync("header.doc time[datetime]"));
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(DashboardFixture.Screenshots, "register.pdf"), PreferCSSPageSize = true });
        Assert.True(pdf.Length > 10_000);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        await DashboardFixture.ScreenshotAsync(page, "register-printable", fullPage: false);
    }

    [Fact]
    public async Task Downloads_AreSpreadsheetsForTheSelection()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/plan?jobFamilyId=rh");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-export='training-plan.xlsx']"));

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(DashboardFixture.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var names = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Contains("Besoins", names);
        Assert.Contains("Trimestres", names);
    }

    [Fact]
    public async Task Pages_AreServedWellUnderHalfASecond_OnceTheSnapshotIsWarm()
    {
        var page = await fixture.SignedInPageAsync();
        var timings = new List<(string Path, double Ms)>();
        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(path);
            var header = (await response!.AllHeadersAsync())["server-timing"];
            timings.Add((path, double.Parse(header[(header.LastIndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture)));
        }

        Assert.All(timings, t => Assert.True(t.Ms < 500, $"{t.Path}: {t.Ms} ms"));
    }
}
