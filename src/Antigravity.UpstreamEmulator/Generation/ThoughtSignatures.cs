using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// Issues and checks thought signatures. A signature is base64 of a version byte, a 16-byte digest of the
/// signed content and a 32-byte HMAC over both, so any change to the bytes (or a signature made elsewhere)
/// fails verification, and the same content always gets the same signature.
/// </summary>
internal sealed class ThoughtSignatures(IOptions<EmulatorOptions> options)
{
    private const byte Version = 1;
    private const int DigestLength = 16;
    private const int MacLength = 32;

    /// <summary>The placeholder values Google documents for skipping validation of synthetic history.</summary>
    public static readonly IReadOnlySet<string> Bypass = new HashSet<string>(StringComparer.Ordinal)
    {
        "skip_thought_signature_validator",
        "context_engineering_is_the_way_to_go",
    };

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey + "/thought-signature");

    public string Issue(string model, string content)
    {
        var payload = new byte[1 + DigestLength + MacLength];
        payload[0] = Version;
        SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + content)).AsSpan(0, DigestLength).CopyTo(payload.AsSpan(1));
        HMACSHA256.HashData(_key, payload.AsSpan(0, 1 + DigestLength)).CopyTo(payload.AsSpan(1 + DigestLength));
        return Convert.ToBase64String(payload);
    }

    public bool IsValid(string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }
        if (Bypass.Contains(signature))
        {
            return true;
        }
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length) || length != 1 + DigestLength + MacLength || bytes[0] != Version)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(_key, bytes.AsSpan(0, 1 + DigestLength), expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(1 + DigestLength, MacLength))
            && Convert.ToBase64String(bytes, 0, length) == signature;
    }
}
