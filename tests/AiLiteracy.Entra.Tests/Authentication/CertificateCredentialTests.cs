using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Entra.Tests.Authentication;

/// <summary>The certificate credential end to end: MSAL signs a client assertion, the test Entra ID validates it like Entra ID.</summary>
public sealed class CertificateCredentialTests
{
    private const string PfxPassword = "pfx-P@ss-2026";

    [Fact]
    public async Task Certificate_FromAPasswordProtectedPfx_SignsAnAssertionEntraAccepts_AndTheDryRunReadsGraphWithTheIssuedToken()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var certificate = certificates.SelfSigned("ailiteracy-sync");
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = certificates.WritePfx(certificate, PfxPassword);
            o.CertificatePassword = PfxPassword;
        });

        var result = await context.DryRunAsync(connection);

        context.AssertDryRunSucceededAs(result, "app:" + CredentialTestContext.ClientId);
        var (host, form) = Assert.Single(context.Server.TokenRequests);
        Assert.Equal("login.sovcloud-identity.fr", host);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Equal(GraphTestServer.JwtBearerAssertionType, form["client_assertion_type"]);
        Assert.True(TestJwt.TryParse(form["client_assertion"], out var assertion));
        Assert.Equal([CredentialTestContext.TokenEndpoint], assertion.Audiences);
        Assert.Equal(CredentialTestContext.ClientId, assertion.Issuer);
        Assert.Equal(CredentialTestContext.ClientId, assertion.Subject);
        Assert.Equal(Base64UrlSha256(certificate), assertion.Header["x5t#S256"]!.GetValue<string>());
        Assert.Null(assertion.Header["x5c"]); // no chain unless SendCertificateChain
        using var publicKey = certificate.GetRSAPublicKey()!;
        Assert.True(assertion.VerifySignature(publicKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pem-P@ss")]
    public async Task Certificate_FromAPemFile_PlainOrEncryptedKey_AuthenticatesAndReadsGraph(string? password)
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var certificate = certificates.SelfSigned("ailiteracy-pem");
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = certificates.WritePem(certificate, password);
            o.CertificatePassword = password;
        });

        var result = await context.DryRunAsync(connection);

        context.AssertDryRunSucceededAs(result, "app:" + CredentialTestContext.ClientId);
    }

    [Fact]
    public async Task Certificate_ByThumbprint_IsFoundInTheCurrentUserStore_EvenWithSpacesAndLowerCase()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        using var certificate = X509CertificateLoader.LoadPkcs12(
            certificates.SelfSigned("ailiteracy-store").Export(X509ContentType.Pkcs12, PfxPassword), PfxPassword, X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.Exportable);
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        try
        {
            var spaced = string.Join(' ', certificate.Thumbprint.ToLowerInvariant().Chunk(2).Select(c => new string(c)));
            var connection = context.Connection(EntraCredentialKind.Certificate, o => o.CertificateThumbprint = "\u200e" + spaced);

            var result = await context.DryRunAsync(connection);

            context.AssertDryRunSucceededAs(result, "app:" + CredentialTestContext.ClientId);
        }
        finally
        {
            store.Remove(certificate);
        }
    }

    [Fact]
    public async Task Certificate_WithSendCertificateChain_IsAcceptedBySubjectNameAndIssuer_WithoutTheCertificateBeingRegistered()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var authority = certificates.Authority("Collectivite Test Root CA");
        var leaf = certificates.IssuedBy(authority, "sync.ailiteracy.test");
        context.Application.TrustedSubjects.Add(new TrustedSubject("sync.ailiteracy.test", TestCertificates.PublicPart(authority)));
        var path = certificates.WritePfx(leaf, PfxPassword, authority);

        var withChain = await context.DryRunAsync(context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = path;
            o.CertificatePassword = PfxPassword;
            o.SendCertificateChain = true;
        }));

        context.AssertDryRunSucceededAs(withChain, "app:" + CredentialTestContext.ClientId);
        Assert.True(TestJwt.TryParse(context.Server.TokenRequests.Single().Form["client_assertion"], out var assertion));
        Assert.Equal(leaf.RawData, Assert.Single(assertion.CertificateChain()).RawData);

        // Without the chain, Entra ID only has the thumbprint, which is not registered.
        var error = await CredentialTestContext.AcquireFailsAsync(
            context.Connection(EntraCredentialKind.Certificate, o =>
            {
                o.CertificatePath = path;
                o.CertificatePassword = PfxPassword;
            }),
            context.Msal);
        Assert.Equal("AADSTS700027", error.ErrorCode);
        Assert.Equal(nameof(EntraOptions.CertificatePath), error.Setting);
    }

    [Fact]
    public async Task Certificate_WithSendCertificateChain_IssuedByAnUntrustedAuthority_IsRefused()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var trusted = certificates.Authority("Trusted CA");
        var rogue = certificates.Authority("Trusted CA"); // same name, other key
        context.Application.TrustedSubjects.Add(new TrustedSubject("sync.ailiteracy.test", TestCertificates.PublicPart(trusted)));
        var leaf = certificates.IssuedBy(rogue, "sync.ailiteracy.test");
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = certificates.WritePfx(leaf, PfxPassword);
            o.CertificatePassword = PfxPassword;
            o.SendCertificateChain = true;
        });

        var result = await context.DryRunAsync(connection);

        context.AssertFailedBeforeGraph(result, "AADSTS700027", nameof(EntraOptions.CertificatePath));
    }

    [Fact]
    public async Task Certificate_NotRegisteredOnTheApp_FailsWithInvalidSignature_KeyNotFound_NamingCertificatePath()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificates.SelfSigned("registered")));
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = certificates.WritePfx(certificates.SelfSigned("another"), PfxPassword);
            o.CertificatePassword = PfxPassword;
        });

        var result = await context.DryRunAsync(connection);

        context.AssertFailedBeforeGraph(result, "AADSTS700027", nameof(EntraOptions.CertificatePath));
        Assert.Contains("The key was not found", result.Record.Message, StringComparison.Ordinal);
        Assert.Equal([700027], context.Server.TokenErrors);
    }

    [Fact]
    public async Task Certificate_RegisteredThumbprintButAnotherKey_FailsTheSignatureCheck()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var registered = certificates.SelfSigned("registered");
        context.Application.Certificates.Add(TestCertificates.PublicPart(registered));
        using var otherKey = RSA.Create(2048);

        // A forged assertion naming the registered certificate, signed with a key that is not its own.
        var forged = TestJwt.Sign(
            new System.Text.Json.Nodes.JsonObject { ["alg"] = "PS256", ["x5t#S256"] = Base64UrlSha256(registered) },
            new System.Text.Json.Nodes.JsonObject
            {
                ["aud"] = CredentialTestContext.TokenEndpoint,
                ["iss"] = CredentialTestContext.ClientId,
                ["sub"] = CredentialTestContext.ClientId,
                ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
            },
            otherKey);
        var connection = context.Connection(EntraCredentialKind.FederatedCredential, o => o.ClientAssertionCallback = _ => Task.FromResult(forged));

        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);

        Assert.Equal("AADSTS700027", error.ErrorCode);
        Assert.Contains("did not match the expected signature", error.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(EntraOptions.ClientAssertionCallback), error.Setting);
    }

    [Fact]
    public async Task Certificate_AssertionSeenAfterItsExpiry_FailsWithAADSTS700024()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var certificate = certificates.SelfSigned("ailiteracy-sync");
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        // Entra ID's clock is an hour ahead: MSAL's ten-minute assertion has expired when it arrives.
        context.Server.Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = certificates.WritePfx(certificate, PfxPassword);
            o.CertificatePassword = PfxPassword;
        });

        var result = await context.DryRunAsync(connection);

        context.AssertFailedBeforeGraph(result, "AADSTS700024", nameof(EntraOptions.CertificatePath));
        Assert.Contains("not within its valid time range", result.Record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_WrongPfxPassword_NamesCertificatePassword_AndSendsNothingToEntra()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.CertificatePath = certificates.WritePfx(certificates.SelfSigned("ailiteracy-sync"), PfxPassword);
            o.CertificatePassword = "not-the-password";
        });

        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);

        Assert.Equal(nameof(EntraOptions.CertificatePassword), error.Setting);
        Assert.Contains("AiLiteracy:Entra:CertificatePassword", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Server.TokenRequests);
    }

    [Fact]
    public async Task Certificate_MissingFileOrPemWithoutKey_NamesCertificatePath_AndTheNextRequestRetriesTheFile()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var certificate = certificates.SelfSigned("ailiteracy-sync");
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        var path = Path.Combine(certificates.Directory, "deployed-later.pem");
        var connection = context.Connection(EntraCredentialKind.Certificate, o => o.CertificatePath = path);
        var provider = new EntraAccessTokenProvider(connection, context.Msal);

        var missing = await Assert.ThrowsAsync<EntraAuthenticationException>(() => provider.AcquireTokenAsync());
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());
        var withoutKey = await Assert.ThrowsAsync<EntraAuthenticationException>(() => provider.AcquireTokenAsync());
        File.Copy(certificates.WritePem(certificate), path, overwrite: true);
        var token = await provider.AcquireTokenAsync();

        Assert.Equal(nameof(EntraOptions.CertificatePath), missing.Setting);
        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(EntraOptions.CertificatePath), withoutKey.Setting);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Single(context.Server.TokenRequests);
    }

    [Fact]
    public async Task Certificate_UnknownThumbprint_NamesCertificateThumbprint()
    {
        await using var context = await CredentialTestContext.StartAsync();
        var connection = context.Connection(EntraCredentialKind.Certificate, o => o.CertificateThumbprint = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));

        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);

        Assert.Equal(nameof(EntraOptions.CertificateThumbprint), error.Setting);
        Assert.Contains("introuvable", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Server.TokenRequests);
    }

    [Fact]
    public async Task ClientSecret_OfARegisteredApp_ReadsGraph_AndAWrongOneNamesClientSecret()
    {
        await using var context = await CredentialTestContext.StartAsync();
        context.Application.Secrets.Add("Qx8~registered-secret");

        var ok = await context.DryRunAsync(context.Connection(EntraCredentialKind.ClientSecret, o => o.ClientSecret = "Qx8~registered-secret"));
        var error = await CredentialTestContext.AcquireFailsAsync(
            context.Connection(EntraCredentialKind.ClientSecret, o => o.ClientSecret = "Qx8~expired-secret"), context.Msal);

        context.AssertDryRunSucceededAs(ok, "app:" + CredentialTestContext.ClientId);
        Assert.Equal("AADSTS7000215", error.ErrorCode);
        Assert.Equal(nameof(EntraOptions.ClientSecret), error.Setting);
        Assert.Contains("Vérifiez le paramètre AiLiteracy:Entra:ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownClientId_FailsWithAADSTS700016_NamingClientId()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var certificates = new TestCertificates();
        var certificate = certificates.SelfSigned("ailiteracy-sync");
        context.Application.Certificates.Add(TestCertificates.PublicPart(certificate));
        var connection = context.Connection(EntraCredentialKind.Certificate, o =>
        {
            o.ClientId = "00000000-0000-4000-8000-00000000dead";
            o.CertificatePath = certificates.WritePem(certificate);
        });

        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);

        Assert.Equal("AADSTS700016", error.ErrorCode);
        Assert.Equal(nameof(EntraOptions.ClientId), error.Setting);
    }

    [Fact]
    public async Task UnreachableAuthority_NamesAuthorityHost()
    {
        await using var context = await CredentialTestContext.StartAsync();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there any more
        var connection = context.Connection(EntraCredentialKind.ClientSecret, o =>
        {
            o.ClientSecret = "irrelevant";
            o.AuthorityHost = $"https://127.0.0.1:{port}";
        });

        var error = await Assert.ThrowsAsync<EntraAuthenticationException>(() => new EntraAccessTokenProvider(connection).AcquireTokenAsync());

        Assert.Equal(nameof(EntraOptions.AuthorityHost), error.Setting);
        Assert.Contains($"https://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    private static string Base64UrlSha256(X509Certificate2 certificate) =>
        System.Buffers.Text.Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
