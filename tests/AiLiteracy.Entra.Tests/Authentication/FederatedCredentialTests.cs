using System.Security.Cryptography;
using AiLiteracy.Entra.Tests.Fakes;
using Microsoft.Identity.Client;

namespace AiLiteracy.Entra.Tests.Authentication;

/// <summary>
/// Workload identity federation end to end: an external identity provider (a Kubernetes cluster here) issues a token
/// for <c>api://AzureADTokenExchange</c>, MSAL presents it as the client assertion, and the test Entra ID matches it
/// against the app's federated identity credentials and the issuer's signing key.
/// </summary>
public sealed class FederatedCredentialTests : IDisposable
{
    private const string Issuer = "https://oidc.prod-aks.azure.com/6c2b1f0e-0000-4000-8000-000000000042/";
    private const string Subject = "system:serviceaccount:ailiteracy:sync";
    private const string KeyId = "k8s-sa-key-1";

    private readonly RSA issuerKey = RSA.Create(2048);
    private readonly string tokenDirectory = Directory.CreateTempSubdirectory("ailiteracy-federated-").FullName;

    [Fact]
    public async Task Federated_FromACallback_PresentsTheWorkloadToken_AndTheDryRunReadsGraphAsTheApp()
    {
        await using var context = await StartAsync();
        var requests = new List<AssertionRequestOptions>();
        var connection = context.Connection(EntraCredentialKind.FederatedCredential, o => o.ClientAssertionCallback = request =>
        {
            requests.Add(request);
            return Task.FromResult(WorkloadToken());
        });

        var result = await context.DryRunAsync(connection);

        context.AssertDryRunSucceededAs(result, "app:" + CredentialTestContext.ClientId);
        var request = Assert.Single(requests);
        Assert.Equal(CredentialTestContext.ClientId, request.ClientID);
        Assert.Equal(CredentialTestContext.TokenEndpoint, request.TokenEndpoint);
        var form = Assert.Single(context.Server.TokenRequests).Form;
        Assert.Equal(GraphTestServer.JwtBearerAssertionType, form["client_assertion_type"]);
        Assert.True(TestJwt.TryParse(form["client_assertion"], out var presented));
        Assert.Equal(Issuer, presented.Issuer);
        Assert.Equal([GraphTestServer.TokenExchangeAudience], presented.Audiences);
    }

    [Fact]
    public async Task Federated_FromATokenFile_ReadsTheProjectedToken_AndReadsItAgainForTheNextToken()
    {
        await using var context = await StartAsync();
        var file = Path.Combine(tokenDirectory, "azure-identity-token");
        var first = WorkloadToken();
        await File.WriteAllTextAsync(file, first + "\n");
        var connection = context.Connection(EntraCredentialKind.FederatedCredential, o => o.FederatedTokenFile = file);

        var result = await context.DryRunAsync(connection);

        context.AssertDryRunSucceededAs(result, "app:" + CredentialTestContext.ClientId);
        Assert.Equal(first, context.Server.TokenRequests.Single().Form["client_assertion"]);

        // The kubelet rotates the projected token; a new provider (restart, or MSAL's token near expiry) reads the new one.
        var rotated = WorkloadToken();
        await File.WriteAllTextAsync(file, rotated);
        await new Entra.Authentication.EntraAccessTokenProvider(connection, context.Msal).AcquireTokenAsync();
        Assert.Equal(rotated, context.Server.TokenRequests.Last().Form["client_assertion"]);
    }

    public static TheoryData<string, int> RefusedTokens => new()
    {
        { "wrong-key", 700027 },
        { "wrong-audience", 700212 },
        { "wrong-subject", 700213 },
        { "unknown-issuer", 700211 },
        { "expired", 700024 },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Federated_TokenEntraMustRefuse_FailsWithItsAadstsCode_NamingTheCallback(string defect, int code)
    {
        await using var context = await StartAsync();
        using var otherKey = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow;
        var token = defect switch
        {
            "wrong-key" => TestJwt.WorkloadToken(Issuer, Subject, GraphTestServer.TokenExchangeAudience, otherKey, KeyId, now, TimeSpan.FromHours(1)),
            "wrong-audience" => TestJwt.WorkloadToken(Issuer, Subject, "api://ailiteracy", issuerKey, KeyId, now, TimeSpan.FromHours(1)),
            "wrong-subject" => TestJwt.WorkloadToken(Issuer, "system:serviceaccount:default:default", GraphTestServer.TokenExchangeAudience, issuerKey, KeyId, now, TimeSpan.FromHours(1)),
            "unknown-issuer" => TestJwt.WorkloadToken("https://token.actions.githubusercontent.com", Subject, GraphTestServer.TokenExchangeAudience, issuerKey, KeyId, now, TimeSpan.FromHours(1)),
            "expired" => TestJwt.WorkloadToken(Issuer, Subject, GraphTestServer.TokenExchangeAudience, issuerKey, KeyId, now.AddHours(-2), TimeSpan.FromHours(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
        var connection = context.Connection(EntraCredentialKind.FederatedCredential, o => o.ClientAssertionCallback = _ => Task.FromResult(token));

        var result = await context.DryRunAsync(connection);

        context.AssertFailedBeforeGraph(result, "AADSTS" + code, nameof(EntraOptions.ClientAssertionCallback));
        Assert.Equal([code], context.Server.TokenErrors);
        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);
        Assert.Equal("AADSTS" + code, error.ErrorCode);
        Assert.Equal(nameof(EntraOptions.ClientAssertionCallback), error.Setting);
        Assert.IsType<MsalServiceException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task Federated_ExpiredTokenInTheFile_NamesFederatedTokenFile()
    {
        await using var context = await StartAsync();
        var file = Path.Combine(tokenDirectory, "stale-token");
        await File.WriteAllTextAsync(file, TestJwt.WorkloadToken(Issuer, Subject, GraphTestServer.TokenExchangeAudience, issuerKey, KeyId, DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromHours(1)));

        var error = await CredentialTestContext.AcquireFailsAsync(
            context.Connection(EntraCredentialKind.FederatedCredential, o => o.FederatedTokenFile = file), context.Msal);

        Assert.Equal("AADSTS700024", error.ErrorCode);
        Assert.Equal(nameof(EntraOptions.FederatedTokenFile), error.Setting);
        Assert.Contains("AiLiteracy:Entra:FederatedTokenFile", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Federated_MissingOrEmptyTokenFile_NamesFederatedTokenFile_AndSendsNothingToEntra(bool exists)
    {
        await using var context = await StartAsync();
        var file = Path.Combine(tokenDirectory, "not-projected-yet");
        if (exists)
        {
            await File.WriteAllTextAsync(file, "  \n");
        }

        var result = await context.DryRunAsync(context.Connection(EntraCredentialKind.FederatedCredential, o => o.FederatedTokenFile = file));

        Assert.Equal(Sync.GroupSyncRunStatus.Failed, result.Status);
        Assert.Contains("AiLiteracy:Entra:FederatedTokenFile", result.Record.Message, StringComparison.Ordinal);
        Assert.Contains(file, result.Record.Message, StringComparison.Ordinal);
        Assert.Empty(context.Server.TokenRequests);
        Assert.Empty(context.Server.GraphCallers);
    }

    [Fact]
    public async Task Federated_CallbackReturningNothing_NamesClientAssertionCallback()
    {
        await using var context = await StartAsync();

        var error = await CredentialTestContext.AcquireFailsAsync(
            context.Connection(EntraCredentialKind.FederatedCredential, o => o.ClientAssertionCallback = _ => Task.FromResult(string.Empty)), context.Msal);

        Assert.Equal(nameof(EntraOptions.ClientAssertionCallback), error.Setting);
        Assert.Empty(context.Server.TokenRequests);
    }

    [Fact]
    public async Task ClientAssertionCallback_SigningWithTheAppCertificate_IsAccepted_ButNotForAnotherAudience()
    {
        // The callback may also sign the app's own assertion elsewhere (a key vault or an HSM): MSAL gives it the audience.
        await using var context = await StartAsync();
        using var certificates = new TestCertificates();
        var certificate = certificates.SelfSigned("ailiteracy-hsm");
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        var signed = context.Connection(EntraCredentialKind.FederatedCredential, o => o.ClientAssertionCallback = request =>
            Task.FromResult(TestJwt.CertificateAssertion(certificate, request.ClientID, request.TokenEndpoint, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10))));
        var wrongAudience = context.Connection(EntraCredentialKind.FederatedCredential, o => o.ClientAssertionCallback = request =>
            Task.FromResult(TestJwt.CertificateAssertion(certificate, request.ClientID, "https://login.microsoftonline.com/contoso.fr/oauth2/v2.0/token", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10))));

        var result = await context.DryRunAsync(signed);
        var error = await CredentialTestContext.AcquireFailsAsync(wrongAudience, context.Msal);

        context.AssertDryRunSucceededAs(result, "app:" + CredentialTestContext.ClientId);
        Assert.Equal("AADSTS700023", error.ErrorCode);
        Assert.Contains("audience claim does not match", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        issuerKey.Dispose();
        Directory.Delete(tokenDirectory, recursive: true);
    }

    private async Task<CredentialTestContext> StartAsync()
    {
        var context = await CredentialTestContext.StartAsync();
        context.Application.FederatedCredentials.Add(new FederatedIdentityCredential(Issuer, Subject));
        context.Server.RegisterExternalIssuer(Issuer, KeyId, issuerKey);
        return context;
    }

    private string WorkloadToken() =>
        TestJwt.WorkloadToken(Issuer, Subject, GraphTestServer.TokenExchangeAudience, issuerKey, KeyId, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
}
