using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StakeholderCrm.Api.Infrastructure.Health;

/// <summary>Readiness as JSON: the overall status and each check by name with what it found, so a probe's log says why.</summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
