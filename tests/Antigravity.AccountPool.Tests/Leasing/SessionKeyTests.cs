using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Leasing;

public sealed class SessionKeyTests
{
    [Fact]
    public void The_anthropic_user_id_wins_then_the_first_message_hash()
    {
        Assert.Equal("user:user_abc_account_x", SessionKeys.Create("user_abc_account_x", "hello"));
        var fromMessage = SessionKeys.Create(null, "Refactor this function");
        Assert.StartsWith("msg:", fromMessage);
        Assert.Equal(fromMessage, SessionKeys.Create("", "  Refactor this function "));
        Assert.NotEqual(fromMessage, SessionKeys.Create(null, "Another task"));
        Assert.DoesNotContain("Refactor", fromMessage);
        Assert.Null(SessionKeys.Create(null, " "));
    }
}
