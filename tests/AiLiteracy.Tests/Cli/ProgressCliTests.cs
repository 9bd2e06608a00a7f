using System.Text;
using AiLiteracy.Cli;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Testing;

namespace AiLiteracy.Tests.Cli;

/// <summary>Long imports show a Spectre.Console progress bar on a terminal, plain lines when redirected, nothing with JSON.</summary>
public sealed class ProgressCliTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private async Task<(int ExitCode, string Output)> RunOnTerminalAsync(params string[] args)
    {
        var console = new TestConsole().Width(160).Interactive().EmitAnsiSequences();
        console.Profile.Out = new TerminalOutput(console.Profile.Out.Writer, 160);
        var exitCode = await CliApplication.RunAsync([.. args, "--db", cli.Database], console, services => services.AddSingleton<TimeProvider>(cli.Clock));
        return (exitCode, console.Output);
    }

    [Fact]
    public async Task AgentsImport_OnATerminal_DrawsAProgressBarPerPhase()
    {
        await cli.MigrateDemoAsync();

        var (exitCode, output) = await RunOnTerminalAsync("agents", "import", CliHarness.Samples("agents.csv"), "--tenant", "val-de-brume");

        Assert.Equal(0, exitCode);
        Assert.Contains("100%", output, StringComparison.Ordinal);
        Assert.Contains("━", output, StringComparison.Ordinal);
        Assert.Contains("\u001b[", output, StringComparison.Ordinal);
        Assert.DoesNotContain("… 25 %", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentsImport_Redirected_WritesPlainProgressLines_AndWithJsonNone()
    {
        await cli.MigrateDemoAsync();

        var (exitCode, output) = await cli.RunDb("agents", "import", CliHarness.Samples("agents.csv"), "--tenant", "val-de-brume");
        var json = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"), "--tenant", "val-de-brume");

        Assert.Equal(0, exitCode);
        Assert.Contains("100 %", output, StringComparison.Ordinal);
        Assert.DoesNotContain("━", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, json.ValueKind);
    }

    /// <summary>An output that says it is a terminal, as a real console window does.</summary>
    private sealed class TerminalOutput(TextWriter writer, int width) : IAnsiConsoleOutput
    {
        public TextWriter Writer { get; } = writer;

        public bool IsTerminal => true;

        public int Width => width;

        public int Height => 40;

        public void SetEncoding(Encoding encoding)
        {
        }
    }
}
