using MediatR;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>Erases the contacts <see cref="ListRetention"/> lists, as an erasure does, each logged with kind <c>retention</c>; a dry run erases nothing.</summary>
public sealed record ApplyRetention(bool DryRun) : ICommand<RetentionResult>;

public sealed record RetentionResult
{
    public bool DryRun { get; init; }
    /// <summary>The contacts due, at most 1000.</summary>
    public int Candidates { get; init; }
    /// <summary>The contacts erased: at most DataProtection:RetentionBatchSize (default 25) per run, 0 in a dry run.</summary>
    public int Erased { get; init; }
    /// <summary>true: more were due than this run erased; apply again for the rest.</summary>
    public bool Truncated { get; init; }
    /// <summary>The contacts due, under their pseudonym once erased.</summary>
    public IReadOnlyList<RetentionCandidate> Contacts { get; init; } = [];
}

public sealed class ApplyRetentionHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock, PublicationCalendar calendar,
    UnitOfWork unitOfWork, ConnectionFactory connections, IOptions<DataProtectionOptions> options, ILogger<ApplyRetentionHandler> logger)
    : IRequestHandler<ApplyRetention, RetentionResult>
{
    public const string Kind = "retention";

    public async Task<RetentionResult> Handle(ApplyRetention command, CancellationToken cancellationToken)
    {
        var years = options.Value.InactiveContactYears;
        var due = await RetentionQueries.CandidatesAsync(session, years, clock, cancellationToken);
        if (command.DryRun || due.Items.Count == 0)
        {
            return new RetentionResult { DryRun = command.DryRun, Candidates = due.Items.Count, Truncated = due.Truncated, Contacts = due.Items };
        }

        var work = new ErasureWork(session, changes, clock, calendar, caller.Name);
        var reason = $"Retention: no engagement, position change or commitment since {due.Cutoff:yyyy-MM-dd} ({years} years)";
        var batch = due.Items.Take(options.Value.RetentionBatchSize).ToList();
        var erased = new List<RetentionCandidate>(batch.Count);
        foreach (var candidate in batch)
        {
            var current = await ContactQueries.LoadAsync(session, candidate.Id, cancellationToken);
            var erasure = await EraseContactHandler.EraseAsync(work, current, Kind, reason, redact: false, cancellationToken);
            erased.Add(candidate with { FullName = erasure.Contact.FullName! });
        }
        await ErasedFile.CheckpointAfterCommit(unitOfWork, connections, logger);
        return new RetentionResult
        {
            Candidates = due.Items.Count, Erased = erased.Count, Truncated = due.Truncated || due.Items.Count > batch.Count, Contacts = erased,
        };
    }
}

/// <summary>
/// <c>dotnet run --project src/StakeholderCrm.Api -- apply-retention [--dry-run]</c>: applies retention as the API does, batch after
/// batch until none is due, and prints a summary line. Exit code 0, or 2 for other arguments.
/// </summary>
public sealed class ApplyRetentionCommand(ILogger<ApplyRetentionCommand> logger) : IToolCommand
{
    public string Name => "apply-retention";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var args = Environment.GetCommandLineArgs();
        Environment.ExitCode = await ApplyAsync(services, args.SkipWhile(a => a != Name).Skip(1).ToArray(), cancellationToken);
    }

    /// <summary>The exit code: 0 applied (or dry run), 2 for arguments other than <c>--dry-run</c>.</summary>
    public async Task<int> ApplyAsync(IServiceProvider services, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count > 1 || arguments.Any(a => a != "--dry-run"))
        {
            logger.LogError("Usage: apply-retention [--dry-run]; '{Arguments}' is not understood.", string.Join(' ', arguments));
            return 2;
        }
        var dryRun = arguments.Count == 1;
        var (runs, erased) = (0, 0);
        RetentionResult result;
        do // one transaction per batch, so that the API's writers wait for one batch at most
        {
            await using var scope = services.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ApplyRetention(dryRun), cancellationToken);
            (runs, erased) = (runs + 1, erased + result.Erased);
        }
        while (!dryRun && result.Truncated && result.Erased > 0);
        logger.LogInformation("Retention{DryRun}: {Erased} contacts erased in {Runs} transaction(s){Due}.", dryRun ? " (dry run)" : "", erased, runs,
            dryRun ? $", {result.Candidates}{(result.Truncated ? " or more" : "")} due" : "");
        return 0;
    }
}
