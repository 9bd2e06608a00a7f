using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiLiteracy.Entra.Tests.Fakes;

/// <summary>Certificates made for a test (CertificateRequest), and the PFX / PEM files an administrator would deploy.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly List<X509Certificate2> created = [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ailiteracy-entra-certs-" + Guid.NewGuid().ToString("N"));

    public TestCertificates()
    {
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>A self-signed RSA certificate with its private key, valid from yesterday for a year.</summary>
    public X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        return Track(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)));
    }

    /// <summary>A certificate authority (subject name + issuer trust).</summary>
    public X509Certificate2 Authority(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        return Track(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(2)));
    }

    /// <summary>A leaf certificate issued by <paramref name="authority"/>, with its private key.</summary>
    public X509Certificate2 IssuedBy(X509Certificate2 authority, string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var publicOnly = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serial);
        return Track(publicOnly.CopyWithPrivateKey(key));
    }

    /// <summary>The public part only, as uploaded to the app registration.</summary>
    public static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    /// <summary>Writes a password-protected PKCS #12 file; the chain certificates (if any) go in the same file.</summary>
    public string WritePfx(X509Certificate2 certificate, string password, params X509Certificate2[] chain)
    {
        var collection = new X509Certificate2Collection(certificate);
        collection.AddRange(chain.Select(PublicPart).ToArray());
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, collection.Export(X509ContentType.Pkcs12, password)!);
        return path;
    }

    /// <summary>Writes a PEM file holding the certificate and its private key (PKCS #8, encrypted when a password is given).</summary>
    public string WritePem(X509Certificate2 certificate, string? password = null)
    {
        using var key = certificate.GetRSAPrivateKey()!;
        var keyPem = password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + keyPem + "\n");
        return path;
    }

    public void Dispose()
    {
        foreach (var certificate in created)
        {
            certificate.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private X509Certificate2 Track(X509Certificate2 certificate)
    {
        created.Add(certificate);
        return certificate;
    }
}
