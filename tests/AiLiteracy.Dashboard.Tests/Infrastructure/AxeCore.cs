using System.Diagnostics;

namespace AiLiteracy.Dashboard.Tests.Infrastructure;

/// <summary>
/// axe-core, installed from npm at test time into a cache folder (no CDN): <c>npm install axe-core@{Version}</c> into
/// <c>$XDG_CACHE_HOME/ailiteracy-tests/axe-core-{Version}</c> (or the temp folder), once per machine.
/// </summary>
public static class AxeCore
{
    public const string Version = "4.14.1";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? script;

    public static async Task<string> ScriptAsync()
    {
        if (script is not null)
        {
            return script;
        }

        await Gate.WaitAsync();
        try
        {
            if (script is not null)
            {
                return script;
            }

            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.GetTempPath();
            var folder = Path.Combine(cache, "ailiteracy-tests", "axe-core-" + Version);
            var file = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(folder);
                var start = new ProcessStartInfo("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", folder, "axe-core@" + Version])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not start.");
                var stderr = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0 || !File.Exists(file))
                {
                    throw new InvalidOperationException($"npm install axe-core@{Version} failed ({npm.ExitCode}): {await stderr}");
                }
            }

            script = await File.ReadAllTextAsync(file);
            return script;
        }
        finally
        {
            Gate.Release();
        }
    }
}
