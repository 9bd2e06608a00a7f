namespace AiLiteracy.Packaging.Tests.Infrastructure;

/// <summary>Tests that redirect <see cref="Console.Out"/> or change the current directory run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console and current directory";
}

/// <summary>Runs an action with the console captured and the current directory set to a fresh temporary folder.</summary>
internal static class Sandbox
{
    public static async Task<string> RunAsync(Func<Task> action, Action<string>? prepare = null)
    {
        var folder = Directory.CreateTempSubdirectory("ailiteracy-snippet-").FullName;
        var previousDirectory = Environment.CurrentDirectory;
        var previousOut = Console.Out;
        var output = new StringWriter();
        try
        {
            prepare?.Invoke(folder);
            Environment.CurrentDirectory = folder;
            Console.SetOut(output);
            await action();
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on a slow machine; the temp folder is cleaned by the system.
            }
        }

        return output.ToString();
    }
}
