using Antigravity.UpstreamEmulator;
using Antigravity.UpstreamEmulator.Anthropic;
using Antigravity.UpstreamEmulator.CloudCode;
using Antigravity.UpstreamEmulator.Control;
using Antigravity.UpstreamEmulator.GeminiApi;
using Antigravity.UpstreamEmulator.Home;
using Antigravity.UpstreamEmulator.OAuth;
using Antigravity.UpstreamEmulator.OpenAi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUpstreamEmulator();

var app = builder.Build();
app.UseRequestLog();
app.UseMalformedRequestGuard();
app.MapDefaultEndpoints();

app.MapHomePage();
app.MapOAuthApi();
app.MapCloudCodeApi();
app.MapGeminiApi();
app.MapAnthropicApi();
app.MapOpenAiApi();
app.MapControlApi();

app.Run();

/// <summary>Entry point, visible to tests through <c>WebApplicationFactory</c>.</summary>
public partial class Program;
