using Antigravity.AppHost;
using Antigravity.AppHost.Redis;
using Antigravity.AppHost.Supervision;
using Microsoft.Extensions.DependencyInjection;

var options = AppHostCommandLine.Parse(args, out var error, out var helpRequested);
if (helpRequested)
{
    Console.WriteLine(AppHostCommandLine.Help);
    return 0;
}
if (options is null)
{
    Console.Error.WriteLine($"apphost: {error}");
    return 2;
}

GarnetTool? garnet = null;
if (await StartChecks.FirstProblemAsync(options, tool => garnet = tool) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

var builder = DistributedApplication.CreateBuilder(AspireDashboardDefaults.Arguments(args, options));
builder.AddAntigravity(options, garnet);

await using var app = builder.Build();
await app.RunAsync();
return app.Services.GetRequiredService<StartupWatch>().ExitCode;
