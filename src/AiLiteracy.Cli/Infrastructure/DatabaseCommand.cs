using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>A command working on the database: usage problems (no database, unknown tenant…) end with exit code 2.</summary>
/// <typeparam name="TSettings">The settings.</typeparam>
internal abstract class DatabaseCommand<TSettings>(IAnsiConsole console) : AsyncCommand<TSettings>
    where TSettings : DatabaseSettings
{
    protected IAnsiConsole Console { get; } = console;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        if (Console.Profile.Out.IsTerminal is false && Console.Profile.Width < 160)
        {
            Console.Profile.Width = 160; // Redirected output (files, CI logs): do not wrap tables and messages.
        }

        try
        {
            return await RunAsync(settings, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            CliOutput.Error(Console, settings.T(ex.French, ex.English));
            return ExitCodes.Usage;
        }
        catch (Services.InputValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                CliOutput.Error(Console, $"{error.Path}: {settings.T(error.Message)}");
            }

            return ExitCodes.ValidationErrors;
        }
        catch (Services.ResourceNotFoundException ex)
        {
            CliOutput.Error(Console, settings.T(ex.LocalizedMessage));
            return ExitCodes.ValidationErrors;
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);

    /// <summary>Checks that an input file exists.</summary>
    protected static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"Fichier introuvable : {path}", $"File not found: {path}");
        }
    }
}
