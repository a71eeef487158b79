namespace Antigravity.UpstreamEmulator.State;

/// <summary>Hides secrets in logs and answers: keeps a hint (last four characters) for correlation.</summary>
internal static class Masking
{
    public static string MaskSecret(string secret) =>
        secret.Length <= 8 ? "****" : $"****{secret[^4..]}";

    /// <summary>Masks an <c>Authorization</c> value, keeping its scheme.</summary>
    public static string MaskAuthorization(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? $"{value[..space]} {MaskSecret(value[(space + 1)..].Trim())}" : MaskSecret(value);
    }
}
