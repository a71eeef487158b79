namespace Antigravity.UpstreamEmulator.State;

/// <summary>The accounts and keys present at start and after <c>POST /_emulator/reset</c>.</summary>
internal static class EmulatorSeed
{
    public sealed record SeedAccount(string RefreshToken, string Email, string Name, string ProjectId, AccountTier Tier);

    public static readonly IReadOnlyList<SeedAccount> Accounts =
    [
        new("emulator-refresh-1", "ultra@emulator.test", "Ulla Ultra", "emulator-project-1", AccountTier.Ultra),
        new("emulator-refresh-2", "pro@emulator.test", "Paul Pro", "emulator-project-2", AccountTier.Pro),
        new("emulator-refresh-3", "free@emulator.test", "Fay Free", "emulator-project-3", AccountTier.Free),
    ];

    public static readonly IReadOnlyList<(string Key, ApiKeyKind Kind)> ApiKeys =
    [
        ("emulator-gemini-key", ApiKeyKind.Gemini),
        ("emulator-anthropic-key", ApiKeyKind.Anthropic),
        ("emulator-openai-key", ApiKeyKind.OpenAi),
    ];
}
