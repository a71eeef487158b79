using System.Text.Json;

namespace Antigravity.Dashboard.Accounts;

/// <summary>
/// Turns the files chosen on the Accounts page into the body of the pool's import: our export file as it is,
/// or the files of an Antigravity Tools data folder (<c>accounts.json</c> and <c>accounts/&lt;id&gt;.json</c>) as
/// <c>{"accountsJson":…,"accounts":{"&lt;id&gt;.json":…}}</c>.
/// </summary>
internal static class AccountImport
{
    /// <summary>Most bytes read from the chosen files together.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>The import body, or why the files cannot be imported.</summary>
    public static async Task<(JsonElement? Body, string? Error)> ReadAsync(IFormFileCollection files, CancellationToken cancellationToken)
    {
        var chosen = files.Where(f => f.Length > 0).ToList();
        if (chosen.Count == 0)
        {
            return (null, "Choose our export file or the files of an Antigravity Tools data folder.");
        }
        if (chosen.Sum(f => f.Length) > MaxBytes)
        {
            return (null, $"The files are larger than {MaxBytes / (1024 * 1024)} MiB together.");
        }
        var parsed = new List<(string Name, JsonElement Json)>();
        foreach (var file in chosen)
        {
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
            if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                continue; // a folder pick brings along logs and other files
            }
            try
            {
                await using var stream = file.OpenReadStream();
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                parsed.Add((name, document.RootElement.Clone()));
            }
            catch (JsonException)
            {
                return (null, $"{name} is not valid JSON.");
            }
        }
        if (parsed.Count == 0)
        {
            return (null, "None of the chosen files is a .json file.");
        }
        if (parsed.FirstOrDefault(p => p.Json.ValueKind == JsonValueKind.Object && p.Json.TryGetProperty("format", out _)) is { Name: not null } export)
        {
            return (export.Json, null);
        }
        return (ToolsFolder(parsed), null);
    }

    /// <summary>"a, b c\nd" → [a, b, c, d] without repeats.</summary>
    public static IReadOnlyList<string> SplitModels(string? text) =>
        (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    private static JsonElement ToolsFolder(List<(string Name, JsonElement Json)> files)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (files.FirstOrDefault(f => string.Equals(f.Name, "accounts.json", StringComparison.OrdinalIgnoreCase)) is { Name: not null } index)
            {
                writer.WritePropertyName("accountsJson");
                index.Json.WriteTo(writer);
            }
            writer.WriteStartObject("accounts");
            // Account files carry a token; the folder's other files (settings, logs) are left out.
            foreach (var (name, json) in files.Where(f => f.Json.ValueKind == JsonValueKind.Object && f.Json.TryGetProperty("token", out _)))
            {
                writer.WritePropertyName(name);
                json.WriteTo(writer);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
