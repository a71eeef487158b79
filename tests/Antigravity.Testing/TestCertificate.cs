using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Antigravity.Testing;

/// <summary>A self-signed server certificate for localhost / 127.0.0.1, written in the forms the servers read.</summary>
internal static class TestCertificate
{
    public const string PfxPassword = "antigravity-test";

    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>Writes <c>server.pfx</c> (Garnet), <c>server.crt</c> and <c>server.key</c> (redis-server) into <paramref name="directory"/>.</summary>
    public static void Write(X509Certificate2 certificate, string directory)
    {
        File.WriteAllBytes(Path.Combine(directory, "server.pfx"), certificate.Export(X509ContentType.Pfx, PfxPassword));
        File.WriteAllText(Path.Combine(directory, "server.crt"), certificate.ExportCertificatePem());
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The test certificate has no RSA key.");
        File.WriteAllText(Path.Combine(directory, "server.key"), key.ExportPkcs8PrivateKeyPem());
    }
}
