using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Reports.Export;
using AiLiteracy.Reports.Tests.TestData;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Reports.Tests;

public sealed class RegisterHtmlWriterTests
{
    private static ReportWorld World()
    {
        var world = new ReportWorld(DefinitionsBuilder.WithStandardCharter()
            .WithModules(CommonCore("TC-01").ValidFor(12))
            .WithTools(ToolBuilder.Approved("albert"), ToolBuilder.Forbidden("deepseek")));
        world.Add(AgentBuilder.Agent("A1").InOrgUnit("DRH-PAIE"), HistoryBuilder.For("A1").Completed("TC-01", c => c.DaysAgo(10).Passed(85)).Acknowledged(1));
        world.Add(new Model.Agent { EmployeeNumber = "A2", DisplayName = "<script>alert('x')</script> & Co", OrgUnitId = "DST" });
        world.Add(AgentBuilder.Agent("A3").InOrgUnit("DST").LeftOn(TestClock.Today.AddMonths(-1)), HistoryBuilder.For("A3").Completed("TC-01", c => c.MonthsAgo(3)));
        return world;
    }

    [Fact]
    public void Write_IsADatedDocumentWithTheAuthoritysName()
    {
        var html = RegisterHtmlWriter.ToString(World().Register());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Communauté d&#39;agglomération du Val de Brume", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-03-15\">15 mars 2026</time>", html, StringComparison.Ordinal);
        Assert.Contains("Registre des mesures de littératie en IA", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsMadeForPrinting_WithoutScriptOrExternalResource()
    {
        var html = RegisterHtmlWriter.ToString(World().Register());

        Assert.Contains("@page { size: A4 landscape;", html, StringComparison.Ordinal);
        Assert.Contains("thead { display: table-header-group; }", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Write_EncodesNames()
    {
        var html = RegisterHtmlWriter.ToString(World().Register());

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ListsSystemsInUse_MeasuresAndPeopleWhoLeft()
    {
        var html = RegisterHtmlWriter.ToString(World().Register());

        Assert.Contains("<td>Tool albert</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tool deepseek", html, StringComparison.Ordinal);
        Assert.Contains("Réussi", html, StringComparison.Ordinal);
        Assert.Contains("Parti le 15/02/2026", html, StringComparison.Ordinal);
        Assert.Contains("Aucune mesure enregistrée.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InEnglish_TranslatesTheDocument()
    {
        var html = RegisterHtmlWriter.ToString(World().Register(), "en");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("AI literacy register", html, StringComparison.Ordinal);
        Assert.Contains("15 March 2026", html, StringComparison.Ordinal);
        Assert.Contains("Left on 2026-02-15", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NamesTheScope_WhenFiltered()
    {
        var html = RegisterHtmlWriter.ToString(World().Register(new ReportFilter { OrgUnitId = "DST" }));

        Assert.Contains("Périmètre : unité Unité DST (DST)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("matricule A1", html, StringComparison.Ordinal);
        Assert.Contains("matricule A3", html, StringComparison.Ordinal);
    }
}
