using StakeholderCrm.Api.Infrastructure;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Features.Transfer;

/// <summary>
/// <c>dotnet run --project src/StakeholderCrm.Api -- transfer --to-provider SqlServer --to "&lt;connection string&gt;"</c>:
/// copies the configured database into a new one and verifies the copy.
/// </summary>
public sealed class TransferCommand(ConnectionFactory source, IHostEnvironment environment, ILogger<TransferCommand> logger) : IToolCommand
{
    public string Name => "transfer";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var args = Environment.GetCommandLineArgs();
        var provider = Argument(args, "--to-provider");
        var connectionString = Argument(args, "--to");
        if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var targetProvider) || string.IsNullOrWhiteSpace(connectionString))
        {
            logger.LogError("Usage: transfer --to-provider Sqlite|SqlServer --to \"<connection string>\"");
            Environment.ExitCode = 2;
            return;
        }
        var target = new ConnectionFactory(new DatabaseOptions { Provider = targetProvider, CommandTimeoutSeconds = source.Options.CommandTimeoutSeconds },
            connectionString, environment.ContentRootPath);
        TransferReport report;
        try
        {
            report = await new DatabaseTransfer(source, target, logger).RunAsync(cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            logger.LogError("Transfer refused: {Reason}", refused.Message);
            Environment.ExitCode = 1;
            return;
        }
        logger.LogInformation(report.Verified
            ? "Transfer verified: {Tables} tables, every row count and checksum matches."
            : "Transfer NOT verified: {Tables} tables copied, but counts or checksums differ (see above).", report.Tables.Count);
        Environment.ExitCode = report.Verified ? 0 : 1;
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
