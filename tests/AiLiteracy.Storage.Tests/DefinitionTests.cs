using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task SaveDefinition_StoresANewVersion_OnlyWhenTheDocumentChanges()
    {
        await using var harness = await NewHarnessAsync();
        var v1 = CurriculumJson("TC-01", "2026.1");
        var v2 = CurriculumJson("TC-01", "2026.2", moduleVersion: 2);

        var first = await harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Curriculum, v1));
        harness.Time.Advance(TimeSpan.FromDays(1));
        var same = await harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Curriculum, v1));
        var second = await harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Curriculum, v2));

        Assert.True(first.Created);
        Assert.Equal(1, first.Definition.Info.Version);
        Assert.Equal("2026.1", first.Definition.Info.Label);
        Assert.Equal(64, first.Definition.Info.Hash.Length);
        Assert.False(same.Created);
        Assert.Equal(first.Definition, same.Definition);
        Assert.True(second.Created);
        Assert.Equal(2, second.Definition.Info.Version);
        Assert.Equal(harness.Time.GetUtcNow(), second.Definition.Info.CreatedAt);
        Assert.Equal(v2, (await harness.With<IDefinitionRepository, StoredDefinition?>(TenantA, r => r.GetCurrentAsync(DefinitionKind.Curriculum)))!.Json);
        Assert.Equal(v1, (await harness.With<IDefinitionRepository, StoredDefinition?>(TenantA, r => r.GetVersionAsync(DefinitionKind.Curriculum, 1)))!.Json);
        Assert.Equal([2, 1], (await harness.With<IDefinitionRepository, IReadOnlyList<DefinitionVersionInfo>>(TenantA, r => r.ListVersionsAsync(DefinitionKind.Curriculum))).Select(v => v.Version));
        Assert.Null(await harness.With<IDefinitionRepository, StoredDefinition?>(TenantA, r => r.GetCurrentAsync(DefinitionKind.Charter)));
    }

    [Fact]
    public async Task ListModules_ProjectsTheCurrentCurriculum_ForListsAndDropDowns()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Curriculum, CurriculumJson("TC-01", "2026.1")));
        await harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Curriculum, CurriculumJson("TC-02", "2026.2", moduleVersion: 3)));

        var all = await harness.With<IDefinitionRepository, IReadOnlyList<ModuleSummary>>(TenantA, r => r.ListModulesAsync());
        var jobOnly = await harness.With<IDefinitionRepository, IReadOnlyList<ModuleSummary>>(TenantA, r => r.ListModulesAsync(TrackKind.Job));

        Assert.Equal(["TC-02", "JOB-RH-01"], all.Select(m => m.Id));
        var core = all[0];
        Assert.Equal(3, core.Version);
        Assert.Equal(TrackKind.CommonCore, core.Track);
        Assert.Equal(new LocalizedText("Comprendre l'IA générative", "Understanding generative AI"), core.Title);
        Assert.Equal(3.5m, core.DurationHours);
        Assert.Equal(24, core.ValidityMonths);
        Assert.True(core.Required);
        Assert.Equal(2, core.CurriculumVersion);
        var job = Assert.Single(jobOnly);
        Assert.Equal("IA et RH", job.Title.En);
        Assert.False(job.Required);
        Assert.Null(job.ValidityMonths);
    }

    [Fact]
    public async Task SaveDefinition_RejectsADocumentThatIsNotOfItsKind()
    {
        await using var harness = await NewHarnessAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Charter, """{"id":"charte"}""")));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Curriculum, "not json")));
        Assert.Empty(await harness.With<IDefinitionRepository, IReadOnlyList<DefinitionVersionInfo>>(TenantA, r => r.ListVersionsAsync(DefinitionKind.Charter)));
    }

    [Fact]
    public async Task SaveDefinition_LabelsACharterWithItsVersionNumber()
    {
        await using var harness = await NewHarnessAsync();
        const string Charter = """{"id":"charte-ia","version":3,"title":{"fr":"Charte IA","en":"AI charter"},"rules":[]}""";

        var saved = await harness.With<IDefinitionRepository, DefinitionSaveResult>(TenantA, r => r.SaveAsync(DefinitionKind.Charter, Charter));

        Assert.Equal("3", saved.Definition.Info.Label);
        Assert.Equal(DefinitionKind.Charter, saved.Definition.Info.Kind);
    }
}
