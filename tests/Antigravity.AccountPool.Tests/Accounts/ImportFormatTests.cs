using System.Text.Json;
using Antigravity.AccountPool.Accounts;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Tests.Accounts;

public sealed class ImportFormatTests
{
    [Fact]
    public void A_tools_folder_yields_its_accounts_in_index_order_with_disabled_flags()
    {
        var body = JsonDocument.Parse("""
            {"accountsJson":{"version":"2.0","accounts":[{"id":"b"},{"id":"a"}]},
             "accounts":{"a.json":{"email":"a@x.test","token":{"refresh_token":"rt-a"}},
                         "b.json":{"email":"b@x.test","name":"Bee","disabled":true,"token":{"refresh_token":"rt-b","project_id":"p-b"}}}}
            """).RootElement;

        var (parsed, error) = ImportFormats.Parse(body);

        Assert.Null(error);
        Assert.Equal(["b@x.test", "a@x.test"], parsed!.Accounts.Select(a => a.Email));
        Assert.False(parsed.Accounts[0].Enabled);
        Assert.Equal("p-b", parsed.Accounts[0].ProjectId);
        Assert.All(parsed.Accounts, a => Assert.Equal(AccountKinds.Antigravity, a.Kind));
    }

    [Fact]
    public void Unknown_shapes_are_refused_with_a_reason()
    {
        Assert.NotNull(ImportFormats.Parse(JsonDocument.Parse("[]").RootElement).Error);
        Assert.Equal("format", ImportFormats.Parse(JsonDocument.Parse("""{"format":"other/9"}""").RootElement).Error!.Field);
        Assert.Equal("accounts", ImportFormats.Parse(JsonDocument.Parse("""{"hello":1}""").RootElement).Error!.Field);
    }
}
