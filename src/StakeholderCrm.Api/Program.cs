using StakeholderCrm.Api.Features;
using StakeholderCrm.Api.Infrastructure;

// Settings are read once, at start. Reloading them would watch the content root and everything below it, where the
// SQLite database lives by default: each page written woke the watcher (about a quarter of a create's CPU, measured).
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddStakeholderCrm();
builder.AddStakeholderCrmFeatures();
var app = builder.Build();
app.MapStakeholderCrmEndpoints();
return await app.RunOrExplainAsync(args);

public partial class Program;
