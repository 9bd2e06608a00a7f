using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Net;
using AiLiteracy.Client.Models;
using AiLiteracy.Model;
using Microsoft.Extensions.Configuration;
using AiLiteracy.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Client.Tests;

public sealed class ClientBehaviourTests
{
    private static readonly Uri Server = new("https://ailiteracy.example.fr/");

    private const string AgentJson = """{"employeeNumber":"A001","roles":["agent"],"status":"on-leave","startDate":"2024-03-01"}""";

    private static IAiLiteracyApi Create(StubHandler handler, Action<AiLiteracyClientOptions>? configure = null)
    {
        var options = new AiLiteracyClientOptions { BaseAddress = Server, ApiKey = "key-123", RetryDelay = TimeSpan.FromMilliseconds(10) };
        configure?.Invoke(options);
        return AiLiteracyClient.Create(options, handler);
    }

    [Fact]
    public async Task ApiKey_IsSentAsXApiKeyHeader_WithTheLanguage()
    {
        var handler = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, AgentJson));
        var api = Create(handler, o => o.Language = "en");

        var agent = await api.GetAgentAsync("A001");

        Assert.Equal(EmploymentStatus.OnLeave, agent.Status);
        Assert.Equal(new DateOnly(2024, 3, 1), agent.StartDate);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("key-123", request.Headers["X-Api-Key"]);
        Assert.Equal("en", request.Headers["Accept-Language"]);
        Assert.Equal("https://ailiteracy.example.fr/api/v1/agents/A001", request.Uri.ToString());
    }

    [Fact]
    public async Task BearerToken_IsAskedForAtEveryAttempt()
    {
        var tokens = new CountingTokenProvider();
        var handler = new StubHandler(
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => StubHandler.Json(HttpStatusCode.OK, AgentJson));
        var api = Create(handler, o => { o.ApiKey = null; o.AccessTokenProvider = tokens; });

        await api.GetAgentAsync("A001");

        Assert.Equal(["Bearer token-1", "Bearer token-2"], handler.Requests.Select(r => r.Headers["Authorization"]));
        Assert.DoesNotContain(handler.Requests, r => r.Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterTheRetryAfterDelay_EvenForPost()
    {
        var handler = new StubHandler(
            _ => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(1)) } },
            _ => StubHandler.Json(HttpStatusCode.OK, """{"employeeNumber":"A001","charterVersion":2,"date":"2026-01-05","created":true}"""));
        var api = Create(handler);

        var result = await api.RecordAcknowledgementAsync(new AcknowledgementInput { EmployeeNumber = "A001" });

        Assert.True(result.Created);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        Assert.True(handler.Requests[1].At - handler.Requests[0].At >= TimeSpan.FromMilliseconds(950),
            $"waited {(handler.Requests[1].At - handler.Requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheMaximum_IsNotWaitedFor_AndReported()
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Json(HttpStatusCode.TooManyRequests,
                """{"type":"https://tools.ietf.org/html/rfc6585#section-4","title":"Too Many Requests","status":429,"retryAfterSeconds":3600}""",
                "application/problem+json");
            response.Headers.RetryAfter = new(TimeSpan.FromHours(1));
            return response;
        });
        var api = Create(handler);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() => api.ListTracksAsync());

        Assert.Single(handler.Requests);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
    }

    [Fact]
    public async Task ServerError_IsRetriedForGet()
    {
        var handler = new StubHandler(
            _ => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            _ => new HttpResponseMessage(HttpStatusCode.BadGateway),
            _ => StubHandler.Json(HttpStatusCode.OK, """{"items":[{"id":"common-core","name":"Tronc commun"}]}"""));
        var api = Create(handler);

        var tracks = await api.ListTracksAsync();

        Assert.Equal("Tronc commun", Assert.Single(tracks.Items).Name);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task ServerError_IsNotRetriedForPost()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        var api = Create(handler);

        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() =>
            api.RecordCompletionAsync(new CompletionInput { EmployeeNumber = "A001", ModuleId = "TC-01", Date = new DateOnly(2026, 1, 5) }));

        Assert.Single(handler.Requests);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task ProblemDetails_BecomeAnExceptionWithStatusTitleDetailAndJsonPaths()
    {
        var handler = new StubHandler(_ => StubHandler.Json(HttpStatusCode.UnprocessableEntity, """
            {"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"Unprocessable Entity","status":422,
             "detail":"La requête contient 2 erreur(s).","traceId":"00-abc",
             "errors":[{"path":"$.moduleId","code":"unknown-module","message":"Module inconnu : XX-99."},
                       {"path":"$.date","code":"future-date","message":"La date est dans le futur."}]}
            """, "application/problem+json"));
        var api = Create(handler);

        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() =>
            api.RecordCompletionAsync(new CompletionInput { EmployeeNumber = "A001", ModuleId = "XX-99", Date = new DateOnly(2030, 1, 1) }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("Unprocessable Entity", error.Title);
        Assert.Equal("La requête contient 2 erreur(s).", error.Detail);
        Assert.Equal("00-abc", error.TraceId);
        Assert.Equal(["$.moduleId", "$.date"], error.Errors.Select(e => e.Path));
        Assert.Equal("unknown-module", error.Errors[0].Code);
        Assert.Contains("POST /api/v1/completions: 422", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.date future-date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonError_KeepsTheBody()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html>proxy says no</html>") });
        var api = Create(handler);

        var error = await Assert.ThrowsAsync<AiLiteracyApiException>(() => api.GetOrganizationAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Empty(error.Errors);
        Assert.Equal("<html>proxy says no</html>", error.Content);
    }

    [Fact]
    public async Task Query_UsesKebabCaseEnumsAndServerParameterNames()
    {
        var handler = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, """{"items":[]}"""));
        var api = Create(handler);

        await api.ListAgentsAsync(new AgentListQuery { Status = EmploymentStatus.OnLeave, Cleared = false, PageSize = 50, OrgUnitId = "DRH" });
        await api.ListModulesAsync(TrackKind.CommonCore);

        Assert.Equal("?orgUnitId=DRH&status=on-leave&cleared=false&pageSize=50", handler.Requests[0].Uri.Query);
        Assert.Equal("?track=common-core", handler.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task ListAll_FollowsNextLinkAcrossPages()
    {
        var handler = new StubHandler(
            _ => StubHandler.Json(HttpStatusCode.OK, """{"items":[{"employeeNumber":"A1","status":"active"},{"employeeNumber":"A2","status":"active"}],"nextLink":"https://ailiteracy.example.fr/api/v1/agents?pageSize=2&continuationToken=t1"}"""),
            _ => StubHandler.Json(HttpStatusCode.OK, """{"items":[{"employeeNumber":"A3","status":"left"}]}"""));
        var api = Create(handler);

        var agents = new List<AgentView>();
        await foreach (var agent in api.ListAllAgentsAsync(new AgentListQuery { PageSize = 2 }))
        {
            agents.Add(agent);
        }

        Assert.Equal(["A1", "A2", "A3"], agents.Select(a => a.EmployeeNumber));
        Assert.Equal("?pageSize=2&continuationToken=t1", handler.Requests[1].Uri.Query);
        Assert.Equal("key-123", handler.Requests[1].Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task ListAll_StopsWhenOnlyTheFirstItemsAreRead()
    {
        var handler = new StubHandler(
            _ => StubHandler.Json(HttpStatusCode.OK, """{"items":[{"employeeNumber":"A1","status":"active"}],"nextLink":"/api/v1/agents?continuationToken=t1"}"""));
        var api = Create(handler);

        await foreach (var agent in api.ListAllAgentsAsync())
        {
            Assert.Equal("A1", agent.EmployeeNumber);
            break;
        }

        Assert.Single(handler.Requests);
    }

    [Fact]
    public void NextLink_ToAnotherHost_IsRebasedOntoTheConfiguredServer()
    {
        var uri = AiLiteracyApiPagingExtensions.Resolve(Server, "http://10.0.0.5:8080/api/v1/completions?continuationToken=abc");

        Assert.Equal("https://ailiteracy.example.fr/api/v1/completions?continuationToken=abc", uri.ToString());
    }

    [Fact]
    public async Task ListAll_RefusesALoopingNextLink()
    {
        var handler = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK,
            """{"items":[{"employeeNumber":"A1","status":"active"}],"nextLink":"https://ailiteracy.example.fr/api/v1/agents?continuationToken=same"}"""));
        var api = Create(handler);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in api.ListAllAgentsAsync())
            {
            }
        });
    }

    [Fact]
    public void Create_RejectsOptionsWithoutCredentials()
    {
        var error = Assert.Throws<ValidationException>(() =>
            AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = Server }, new StubHandler()));
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsARelativeBaseAddress()
    {
        Assert.Throws<ValidationException>(() =>
            AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = new Uri("/api", UriKind.Relative), ApiKey = "k" }, new StubHandler()));
    }

    [Fact]
    public async Task AddAiLiteracyClient_FailsAtStartup_WithoutBaseAddress()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAiLiteracyClient(o => o.ApiKey = "k");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAiLiteracyClient_BindsConfiguration_AndSendsThroughTheHandlers()
    {
        var stub = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, """{"items":[]}"""));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiLiteracy:Client:BaseAddress"] = "https://lms.example.com/ailiteracy/",
            ["AiLiteracy:Client:ApiKey"] = "from-config",
            ["AiLiteracy:Client:Language"] = "en",
        });
        builder.Services.AddAiLiteracyClient(builder.Configuration.GetSection(AiLiteracyClientOptions.SectionName))
            .ConfigurePrimaryHttpMessageHandler(() => stub);
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IAiLiteracyApi>().ListSubscriptionsAsync();

        var request = Assert.Single(stub.Requests);
        Assert.Equal("https://lms.example.com/ailiteracy/api/v1/subscriptions", request.Uri.ToString());
        Assert.Equal("from-config", request.Headers["X-Api-Key"]);
        Assert.Equal("en", request.Headers["Accept-Language"]);
        await host.StopAsync();
    }

    private sealed class CountingTokenProvider : IAccessTokenProvider
    {
        private int count;

        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult("token-" + Interlocked.Increment(ref count));
    }
}
