using CivilizationNews.Web.Cli;
using CivilizationNews.Web.Infrastructure;

// The composition root. Command-line verbs (seed-demo, migrate, …) run against the same
// services as the web app and exit; without a verb the portal starts.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);

builder.AddPortalLogging(command);
builder.AddPortalData();
builder.AddPortalWeb();
builder.AddNewsroom();

var app = builder.Build();

if (command.Verb is not null)
{
    return await CommandLine.RunAsync(app, command);
}

// In Production, listening beyond this machine needs the public origin and host list (docs/deployment.md).
if (!app.CheckBeforeStart())
{
    return 1;
}

await app.PrepareDatabaseAsync();
// The home page's document is built on the other core while the rest of start-up runs (StartupWarmUp).
app.StartWarmUp();
app.UsePortalPipeline();
app.MapPortalEndpoints();
await app.RunAsync();
return 0;
