using Antigravity.Dashboard;
using Antigravity.Dashboard.Auth;
using Antigravity.Dashboard.Components;
using Antigravity.Dashboard.Endpoints;

var builder = WebApplication.CreateBuilder(args);
// The pages' scripts and styles are served from the build output in every environment (the AppHost runs the
// services as Production, where ASP.NET Core would otherwise serve them only from a published app).
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.AddDashboard();

var app = builder.Build();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
    ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapOpenApi();
app.MapProxyConfigApi();
app.MapAccountsApi();
app.MapMonitorApi();
app.MapStatsApi();
app.MapSessionEndpoints();
app.MapRazorComponents<App>();

app.Run();

/// <summary>Entry point, visible to tests through <c>WebApplicationFactory</c>.</summary>
public partial class Program;
