using System.Text.Json;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Accounts;

/// <summary>
/// Reads the two import formats: our export (<c>{"format":"antigravity-gateway-accounts/1","accounts":[…]}</c>)
/// and an Antigravity Tools data folder sent as JSON (<c>{"accountsJson":{…accounts.json…},"accounts":{"&lt;id&gt;.json":{…}}}</c>,
/// each account file with <c>email</c>, <c>name</c>, <c>disabled</c>, <c>token.refresh_token</c>, <c>token.project_id</c>).
/// </summary>
internal static class ImportFormats
{
    public sealed record Parsed(IReadOnlyList<ExportedAccount> Accounts, IReadOnlyList<string> Errors);

    /// <summary>The accounts found, or a <see cref="FieldError"/> when the body is neither format.</summary>
    public static (Parsed? Parsed, FieldError? Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, new FieldError { Error = "The import body must be a JSON object: our export, or {\"accountsJson\":…,\"accounts\":{…}} from an Antigravity Tools data folder." });
        }
        if (body.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String)
        {
            if (format.GetString() != AccountExport.FormatName)
            {
                return (null, new FieldError { Error = $"format \"{format.GetString()}\" is not supported (expected \"{AccountExport.FormatName}\").", Field = "format" });
            }
            try
            {
                var export = body.Deserialize(Contracts.Accounts.PoolJsonContext.Default.AccountExport);
                return (new Parsed(export?.Accounts ?? [], []), null);
            }
            catch (JsonException ex)
            {
                return (null, new FieldError { Error = $"The export is malformed at {ex.Path ?? "$"}.", Field = ex.Path?.TrimStart('$', '.') });
            }
        }
        if (body.TryGetProperty("accounts", out var files) && files.ValueKind == JsonValueKind.Object)
        {
            return (ParseToolsFolder(body, files), null);
        }
        return (null, new FieldError { Error = "Unrecognised import: send our export (with \"format\") or an Antigravity Tools folder as {\"accountsJson\":{…},\"accounts\":{\"<id>.json\":{…}}}.", Field = "accounts" });
    }

    private static Parsed ParseToolsFolder(JsonElement body, JsonElement files)
    {
        // accounts.json lists the ids; every file in accounts/ is imported, in the index order when there is one.
        var order = new List<string>();
        if (body.TryGetProperty("accountsJson", out var index) && index.TryGetProperty("accounts", out var summaries) && summaries.ValueKind == JsonValueKind.Array)
        {
            foreach (var summary in summaries.EnumerateArray())
            {
                if (Str(summary, "id") is { } id)
                {
                    order.Add(id);
                }
            }
        }
        var byName = files.EnumerateObject().ToDictionary(p => p.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? p.Name[..^5] : p.Name, p => p.Value, StringComparer.Ordinal);
        var names = order.Where(byName.ContainsKey).Concat(byName.Keys.Where(k => !order.Contains(k))).ToList();
        List<ExportedAccount> accounts = [];
        List<string> errors = [];
        foreach (var name in names)
        {
            var file = byName[name];
            var refreshToken = file.TryGetProperty("token", out var token) ? Str(token, "refresh_token") : null;
            if (file.ValueKind != JsonValueKind.Object || string.IsNullOrWhiteSpace(refreshToken))
            {
                errors.Add($"accounts/{name}.json: token.refresh_token is missing.");
                continue;
            }
            var disabled = file.TryGetProperty("disabled", out var d) && d.ValueKind == JsonValueKind.True;
            accounts.Add(new ExportedAccount
            {
                Kind = AccountKinds.Antigravity,
                Email = Str(file, "email") ?? Str(token, "email"),
                Label = Str(file, "name") ?? Str(file, "email"),
                Enabled = !disabled,
                RefreshToken = refreshToken,
                ProjectId = Str(token, "project_id"),
            });
        }
        return new Parsed(accounts, errors);
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
