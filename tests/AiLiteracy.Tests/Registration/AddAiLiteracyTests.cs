using AiLiteracy.Definitions;
using AiLiteracy.Demo;
using AiLiteracy.Import;
using AiLiteracy.Reports;
using AiLiteracy.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Tests.Registration;

public sealed class AddAiLiteracyTests
{
    private static ServiceProvider BuildWithoutStorage(Action<AiLiteracyOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddAiLiteracy(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddAiLiteracy_RegistersTheTenantUseCases_TooInOneCall()
    {
        var services = new ServiceCollection();

        services.AddAiLiteracy();

        foreach (var type in new[] { typeof(AgentService), typeof(CompletionService), typeof(AgentStatusService), typeof(CharterService), typeof(PersonalDataService), typeof(WebhookSubscriptionService), typeof(AuthorityReportService), typeof(Import.AgentImportService), typeof(DefinitionService), typeof(DemoService) })
        {
            Assert.Contains(services, d => d.ServiceType == type);
        }
    }

    [Fact]
    public void Container_WithoutStorage_PassesValidateOnBuild_AndServesTheStorageFreeUseCases()
    {
        using var provider = BuildWithoutStorage();

        Assert.NotNull(provider.GetRequiredService<DemoService>());
        Assert.NotNull(provider.GetRequiredService<DefinitionService>());
        Assert.NotNull(provider.GetRequiredService<StatusReportService>());
    }

    [Fact]
    public void StorageUseCase_WithoutStorage_FailsOnlyWhenResolved_NamingTheMissingPort()
    {
        using var provider = BuildWithoutStorage();
        using var scope = provider.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<PersonalDataService>());

        Assert.Contains("AiLiteracy.Ports.I", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAiLiteracy_Twice_AddsNothingMore_AndValidatesOptionsOnce()
    {
        var services = new ServiceCollection();
        services.AddAiLiteracy();
        var count = services.Count;

        services.AddAiLiteracy(o => o.Language = "xx");
        using var provider = services.BuildServiceProvider();

        Assert.Equal(count + 1, services.Count); // the second configure callback only
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AiLiteracyOptions>>().Value);
        Assert.Single(error.Failures);
    }
}
