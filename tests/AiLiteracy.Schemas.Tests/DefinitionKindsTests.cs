namespace AiLiteracy.Schemas.Tests;

public sealed class DefinitionKindsTests
{
    [Theory]
    [InlineData(DefinitionKind.Curriculum, "curriculum")]
    [InlineData(DefinitionKind.CompetencyFramework, "competency-framework")]
    [InlineData(DefinitionKind.JobFamilies, "job-families")]
    [InlineData(DefinitionKind.Charter, "charter")]
    [InlineData(DefinitionKind.ToolRegistry, "tool-registry")]
    public void KindName_RoundTrips(DefinitionKind kind, string name)
    {
        Assert.Equal(name, kind.ToKindName());
        Assert.Equal(name + ".json", kind.ToFileName());
        Assert.True(DefinitionKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("Curriculum")]
    [InlineData("competency_framework")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RejectsAnythingButTheExactName(string? name) => Assert.False(DefinitionKinds.TryParse(name, out _));

    [Theory]
    [InlineData("curriculum.json", DefinitionKind.Curriculum)]
    [InlineData("/srv/defs/Ville-Curriculum-2026.json", DefinitionKind.Curriculum)]
    [InlineData("competency-framework.json", DefinitionKind.CompetencyFramework)]
    [InlineData("job-families.json", DefinitionKind.JobFamilies)]
    [InlineData("charter.json", DefinitionKind.Charter)]
    [InlineData("charte-ia-v2.json", DefinitionKind.Charter)]
    [InlineData("tool-registry.json", DefinitionKind.ToolRegistry)]
    [InlineData("charter-tool-registry.json", DefinitionKind.ToolRegistry)]
    public void FromFileName_GuessesTheKind(string fileName, DefinitionKind expected) =>
        Assert.Equal(expected, DefinitionKinds.FromFileName(fileName));

    [Theory]
    [InlineData("definitions.json")]
    [InlineData("")]
    [InlineData(null)]
    public void FromFileName_ReturnsNull_WhenTheNameSaysNothing(string? fileName) => Assert.Null(DefinitionKinds.FromFileName(fileName));

    [Fact]
    public void ToKindName_Throws_ForAnUndefinedValue() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DefinitionKind)42).ToKindName());
}
