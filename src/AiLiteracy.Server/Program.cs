using AiLiteracy.Server;
using AiLiteracy.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseAiLiteracyDefaultUrls();
builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseAiLiteracyServer();
app.MapAiLiteracyApi("/api/v1");
app.Run();

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c> in tests).</summary>
public partial class Program;
