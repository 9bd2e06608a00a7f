using System.Globalization;
using AiLiteracy.Import;
using Spectre.Console;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>
/// Shows the progress of a long import or export: a Spectre.Console progress bar when writing to a terminal, a few
/// plain lines when the output is redirected (logs, CI), nothing when the output is JSON or CSV.
/// </summary>
internal static class CliProgress
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, LanguageSettings settings, bool quiet, Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (quiet)
        {
            return await work(new Sink(_ => { })).ConfigureAwait(false);
        }

        if (console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal)
        {
            T result = default!;
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<ImportPhase, ProgressTask>();
                    result = await work(new Sink(p =>
                    {
                        if (!tasks.TryGetValue(p.Phase, out var task))
                        {
                            foreach (var previous in tasks.Values)
                            {
                                previous.Value = previous.MaxValue;
                            }

                            tasks[p.Phase] = task = context.AddTask(PhaseName(settings, p.Phase), maxValue: 1000);
                        }

                        task.Value = p.Total is > 0 ? Math.Min(1000, p.Done * 1000.0 / p.Total.Value) : task.Value;
                        task.Description = $"{PhaseName(settings, p.Phase)} ({p.Rows.ToString("N0", Culture(settings))})";
                    })).ConfigureAwait(false);
                    foreach (var task in tasks.Values)
                    {
                        task.Value = task.MaxValue;
                    }
                }).ConfigureAwait(false);
            return result;
        }

        // Redirected: a line per quarter of the work, and one at the end of each phase.
        var lastPhase = (ImportPhase?)null;
        var lastQuarter = 0;
        return await work(new Sink(p =>
        {
            if (p.Phase != lastPhase)
            {
                lastPhase = p.Phase;
                lastQuarter = 0;
            }

            var quarter = p.Total is > 0 ? (int)Math.Min(4, p.Done * 4 / p.Total.Value) : 0;
            if (p.Final)
            {
                console.WriteLine($"{PhaseName(settings, p.Phase)}… {(p.Total is > 0 ? "100 % " : string.Empty)}({p.Rows.ToString("N0", Culture(settings))})");
            }
            else if (quarter > lastQuarter && quarter < 4)
            {
                lastQuarter = quarter;
                console.WriteLine($"{PhaseName(settings, p.Phase)}… {quarter * 25} % ({p.Rows.ToString("N0", Culture(settings))})");
            }
        })).ConfigureAwait(false);
    }

    private static CultureInfo Culture(LanguageSettings settings) => CultureInfo.GetCultureInfo(settings.English ? "en-GB" : "fr-FR");

    private static string PhaseName(LanguageSettings settings, ImportPhase phase) => phase switch
    {
        ImportPhase.Checking => settings.T("Vérification", "Checking"),
        ImportPhase.Applying => settings.T("Enregistrement", "Writing"),
        ImportPhase.Deactivating => settings.T("Désactivation", "Deactivating"),
        _ => phase.ToString(),
    };

    /// <summary>Reports synchronously, in order (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class Sink(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
