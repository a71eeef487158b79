using Antigravity.Contracts.Redis;
using Antigravity.Gateway;
using Antigravity.Gateway.Chat;
using Antigravity.Gateway.Endpoints;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedis();
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
