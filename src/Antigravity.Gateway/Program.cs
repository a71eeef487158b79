using Antigravity.Contracts.Redis;
using Antigravity.Gateway;
using Antigravity.Gateway.Chat;
using Antigravity.Gateway.Endpoints;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// No span per Redis command: the gateway writes monitor batches at request rate, and the instrumentation would hold
// each one for 10 s (its request path touches Redis only for thinking signatures and stored responses).
builder.AddRedis(traceCommands: false);
builder.AddProxySettings();
builder.AddGateway();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapDefaultEndpoints();
app.MapHealthz();
app.MapOpenAiApi();
app.MapChatCompletions();
app.MapResponses();
app.MapMessages();
app.MapCountTokens();
app.MapGeminiModels();
app.MapGeminiGenerate();
app.MapGatewayFallback();
return await app.RunGatewayAsync();

/// <summary>Entry point, visible to tests through <c>WebApplicationFactory</c>.</summary>
public partial class Program;
