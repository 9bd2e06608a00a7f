using AiLiteracy.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace AiLiteracy.Server.Tests;

public sealed class ServerUrlsTests
{
    [Fact]
    public void DefaultUrl_IsUsed_WhenNoAddressIsConfigured()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

        builder.UseAiLiteracyDefaultUrls();

        Assert.Equal(ServerUrls.Default, builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public void UrlsArgument_WinsOverTheDefault()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:5999"], ContentRootPath = AppContext.BaseDirectory });

        builder.UseAiLiteracyDefaultUrls();

        Assert.Equal("http://127.0.0.1:5999", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080")]
    public void AddressIsConfigured_ByEachAspNetCoreSetting(string key, string value)
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var empty = new ConfigurationBuilder().Build();

        Assert.True(ServerUrls.IsAddressConfigured(configured));
        Assert.False(ServerUrls.IsAddressConfigured(empty));
    }

    [Fact]
    public void AppSettings_DoNotPinTheAddress_SoThatAspNetCoreUrlsApplies()
    {
        var server = RepositoryPaths.Combine("src", "AiLiteracy.Server");
        foreach (var file in new[] { "appsettings.json", "appsettings.Development.json" })
        {
            var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(server, file)).Build();
            Assert.False(ServerUrls.IsAddressConfigured(settings), file + " must not set an address: it would override ASPNETCORE_URLS.");
        }
    }
}
