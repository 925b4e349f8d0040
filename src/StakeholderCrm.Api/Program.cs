using StakeholderCrm.Api.Features;
using StakeholderCrm.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddStakeholderCrm();
var app = builder.Build();
app.MapStakeholderCrmEndpoints();
if (await app.RunToolCommandAsync(args)) return;
app.UseStakeholderCrm();
app.Run();

public partial class Program;
