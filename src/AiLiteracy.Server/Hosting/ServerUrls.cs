using Microsoft.AspNetCore.Hosting;

namespace AiLiteracy.Server.Hosting;

/// <summary>The address the server listens on when nothing else is configured.</summary>
public static class ServerUrls
{
    /// <summary>The default address: <c>http://localhost:5080</c>.</summary>
    public const string Default = "http://localhost:5080";

    /// <summary>
    /// Listens on <see cref="Default"/> unless an address is configured the usual ASP.NET Core ways: <c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c> / <c>DOTNET_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> / <c>ASPNETCORE_HTTPS_PORTS</c>, an
    /// <c>urls</c> setting or <c>Kestrel:Endpoints</c>. (A <c>Urls</c> key in appsettings.json would win over
    /// <c>ASPNETCORE_URLS</c>: this default is applied only when none is set.)
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder UseAiLiteracyDefaultUrls(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsAddressConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }

    /// <summary>Whether <paramref name="configuration"/> names an address or port for Kestrel.</summary>
    /// <param name="configuration">The application configuration.</param>
    /// <returns><see langword="true"/> when an address is configured.</returns>
    public static bool IsAddressConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
    }
}
