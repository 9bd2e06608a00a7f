using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiLiteracy.Tests.Cli;

public sealed class OperatorKeyCliTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [Fact]
    public async Task OperatorKeyCreate_PrintsTheKeyOnce_AndItsSha256HashToConfigure_WithoutADatabase()
    {
        var (exitCode, output) = await cli.Run("operator-key", "create");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var key = Assert.Single(lines, l => l.StartsWith("ailop_", StringComparison.Ordinal));
        var hash = Assert.Single(lines, l => l.Length == 64 && l.All(char.IsAsciiHexDigitLower));
        Assert.Equal(Sha256Hex(key), hash);
        Assert.True(key.Length >= "ailop_".Length + 43, key);
        Assert.Single(lines, l => l.Contains(key, StringComparison.Ordinal));
        Assert.Contains("AiLiteracy:Server:Operator:KeyHashes", output, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Database));
    }

    [Fact]
    public async Task OperatorKeyCreate_MakesADifferentKeyEachTime_AndWritesJsonOnRequest()
    {
        var (firstExit, firstOutput) = await cli.Run("operator-key", "create", "--format", "json");
        var (secondExit, secondOutput) = await cli.Run("operator-key", "create", "--format", "json", "--lang", "en");

        Assert.Equal(0, firstExit);
        Assert.Equal(0, secondExit);
        var first = JsonDocument.Parse(firstOutput).RootElement;
        var second = JsonDocument.Parse(secondOutput).RootElement;
        Assert.Equal(Sha256Hex(first.GetProperty("key").GetString()!), first.GetProperty("keyHash").GetString());
        Assert.Equal(Sha256Hex(second.GetProperty("key").GetString()!), second.GetProperty("keyHash").GetString());
        Assert.NotEqual(first.GetProperty("key").GetString(), second.GetProperty("key").GetString());
        Assert.Equal("AiLiteracy:Server:Operator:KeyHashes", first.GetProperty("setting").GetString());
    }

    [Fact]
    public async Task OperatorKeyCreate_UnknownFormat_IsAUsageError()
    {
        var (exitCode, output) = await cli.Run("operator-key", "create", "--format", "xml");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("text", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ailop_", output, StringComparison.Ordinal);
    }
}
