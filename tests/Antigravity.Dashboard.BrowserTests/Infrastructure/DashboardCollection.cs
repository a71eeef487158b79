namespace Antigravity.Dashboard.BrowserTests.Infrastructure;

/// <summary>Every browser test shares one running application and runs one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "dashboard";
}
