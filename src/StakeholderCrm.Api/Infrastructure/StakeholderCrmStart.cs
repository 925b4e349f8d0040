using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure;

/// <summary>Starts the API, or runs a tool command, and turns a database fault at start-up into one error line and exit code 1.</summary>
public static class StakeholderCrmStart
{
    public const int FaultExitCode = 1;

    /// <summary>Migrates, then serves until stopped; returns the process's exit code.</summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app, string[] args)
    {
        try
        {
            if (await app.RunToolCommandAsync(args)) return Environment.ExitCode;
            app.UseStakeholderCrm();
        }
        catch (Exception e) when (StartupFaults.Explain(e, app.Services.GetRequiredService<ConnectionFactory>) is { } fault)
        {
            // The operator needs the sentence; a stack trace of the database provider says nothing more to them.
            app.Logger.LogDebug(e, "The start-up fault in detail.");
            app.Logger.LogError("{StartupFault}", fault);
            // Disposing flushes the console log, which writes from a queue of its own.
            await app.DisposeAsync();
            return FaultExitCode;
        }
        await app.RunAsync();
        return Environment.ExitCode;
    }
}
