using Antigravity.Contracts.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisClient();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to tests through <c>WebApplicationFactory</c>.</summary>
public partial class Program;
