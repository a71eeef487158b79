using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Contracts.Settings;

/// <summary>
/// The proxy's API key as the settings document keeps it: its SHA-256, which is all the gateway needs to check a
/// presented key, and the key encrypted with Data Protection (<see cref="ProxyApiKeyProtector"/>), which only the
/// dashboard (and the AppHost's summary) decrypts to show it. Never the key in clear.
/// </summary>
/// <remarks>
/// A key set in this process (<see cref="FromPlaintext"/>) or read from a document written before keys were
/// hashed carries its clear form until <see cref="ProxySettingsStore"/> stores it, which encrypts it then.
/// </remarks>
[JsonConverter(typeof(ProxyApiKeyJsonConverter))]
public sealed record ProxyApiKey
{
    private const int HashLength = 32;

    /// <summary>No key: with auth on, every guarded request is refused.</summary>
    public static ProxyApiKey None { get; } = new();

    /// <summary>SHA-256 of the key's UTF-8 bytes, lowercase hex; empty when there is no key.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The key encrypted with Data Protection; empty when there is no key or it is not stored yet.</summary>
    public string Protected { get; init; } = "";

    /// <summary>The clear key while it is not yet stored encrypted (set here, or read from an older document); otherwise null.</summary>
    [JsonIgnore]
    public string? PendingPlaintext { get; init; }

    /// <summary>True when no key is set.</summary>
    [JsonIgnore]
    public bool IsEmpty => Sha256.Length == 0;

    /// <summary>True when the clear key still has to be encrypted before it is stored.</summary>
    [JsonIgnore]
    public bool NeedsProtection => PendingPlaintext is { Length: > 0 };

    /// <summary>A key given in clear (a new or generated key, or one read from an older document); empty gives <see cref="None"/>.</summary>
    public static ProxyApiKey FromPlaintext(string? key) =>
        string.IsNullOrEmpty(key) ? None : new ProxyApiKey { Sha256 = Hash(key), PendingPlaintext = key };

    /// <summary>
    /// True when <paramref name="presented"/> is this key. Hashes it into a stack buffer and compares the digests
    /// in constant time: no allocation for keys up to 256 bytes, and the time says nothing about where they differ.
    /// </summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        Span<byte> expected = stackalloc byte[HashLength];
        if (Convert.FromHexString(Sha256, expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashLength)
        {
            return false;
        }
        const int StackLimit = 256;
        var length = Encoding.UTF8.GetByteCount(presented);
        var rented = length <= StackLimit ? null : new byte[length];
        Span<byte> bytes = rented ?? stackalloc byte[StackLimit];
        bytes = bytes[..Encoding.UTF8.GetBytes(presented, bytes)];
        Span<byte> actual = stackalloc byte[HashLength];
        SHA256.HashData(bytes, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Equal when the same key is held (the encrypted form differs on every encryption).</summary>
    public bool Equals(ProxyApiKey? other) => other is not null && Sha256 == other.Sha256;

    /// <inheritdoc />
    public override int GetHashCode() => Sha256.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// Reads <c>"apiKey"</c> as <c>{"sha256":…,"protected":…}</c>, or as the clear string older versions stored (kept
/// pending so it is encrypted on the next write); writes only the object. Refuses to write a key whose clear
/// form is still pending: it would be lost, and must go through <see cref="ProxySettingsStore"/>.
/// </summary>
public sealed class ProxyApiKeyJsonConverter : JsonConverter<ProxyApiKey>
{
    /// <inheritdoc />
    public override ProxyApiKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return ProxyApiKey.None;
            case JsonTokenType.String:
                return ProxyApiKey.FromPlaintext(reader.GetString());
            case JsonTokenType.StartObject:
                string sha256 = "", protectedKey = "";
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (string.Equals(name, "sha256", StringComparison.OrdinalIgnoreCase))
                    {
                        sha256 = reader.GetString() ?? "";
                    }
                    else if (string.Equals(name, "protected", StringComparison.OrdinalIgnoreCase))
                    {
                        protectedKey = reader.GetString() ?? "";
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                return sha256.Length == 0 ? ProxyApiKey.None : new ProxyApiKey { Sha256 = sha256, Protected = protectedKey };
            default:
                throw new JsonException("apiKey must be an object {\"sha256\",\"protected\"} (or, from older versions, a string).");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ProxyApiKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.NeedsProtection && value.Protected.Length == 0)
        {
            throw new InvalidOperationException("The API key must be encrypted (ProxyApiKeyProtector) before the settings are stored.");
        }
        writer.WriteStartObject();
        writer.WriteString("sha256", value.Sha256);
        writer.WriteString("protected", value.Protected);
        writer.WriteEndObject();
    }
}
