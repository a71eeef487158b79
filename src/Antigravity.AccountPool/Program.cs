using Antigravity.AccountPool;
using Antigravity.AccountPool.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAccountPool();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapLeasesApi();
app.MapAccountsApi();
app.MapOAuthApi();
app.Run();

/// <summary>Entry point, visible to tests through <c>WebApplicationFactory</c>.</summary>
public partial class Program;
