using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Commitments;

/// <summary>The body of a status change: fulfilment needs evidence (an engagement, a URL or a note).</summary>
public sealed record TransitionRequest
{
    [RequiredField] public CommitmentStatus? To { get; init; }
    public string? Note { get; init; }
    public Evidence? Evidence { get; init; }
}

public sealed record TransitionCommitment(Guid Id, int? RequiredVersion, TransitionRequest Request) : ICommand<CommitmentResponse>;

public sealed class TransitionCommitmentValidator : AbstractValidator<TransitionCommitment>
{
    public TransitionCommitmentValidator()
    {
        RuleFor(t => t.Request.To).NotNull().WithMessage("'to' is required: the status the commitment moves to.").OverridePropertyName("to");
        RuleFor(t => t.Request.Note).Must(n => Text.Characters(n) <= 4000).WithMessage("'note' must be at most 4000 characters.").OverridePropertyName("note");
        RuleFor(t => t.Request.Evidence).Must(HaveSomething).When(t => t.Request.To == CommitmentStatus.Fulfilled)
            .WithMessage("Fulfilment needs evidence: an engagementId, a url or a note.").OverridePropertyName("evidence");
        RuleFor(t => t.Request.Evidence!.Url).Must(Text.IsWebAddress!).When(t => t.Request.Evidence?.Url is not null)
            .WithMessage("'url' must be an absolute http or https URL.").OverridePropertyName("evidence.url");
        RuleFor(t => t.Request.Evidence!.Note).Must(n => Text.Characters(n) <= 4000).When(t => t.Request.Evidence is not null)
            .WithMessage("'note' must be at most 4000 characters.").OverridePropertyName("evidence.note");
    }

    private static bool HaveSomething(Evidence? evidence)
        => evidence is not null
           && (evidence.EngagementId is not null || !string.IsNullOrWhiteSpace(evidence.Url) || !string.IsNullOrWhiteSpace(evidence.Note));
}

public sealed class TransitionCommitmentHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock)
    : IRequestHandler<TransitionCommitment, CommitmentResponse>
{
    private static readonly SqlText SetStatus = SqlText.Portable("""
        UPDATE commitments SET status = @Status, version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version
        """);

    public async Task<CommitmentResponse> Handle(TransitionCommitment command, CancellationToken cancellationToken)
    {
        var current = await CommitmentQueries.LoadAsync(session, caller, clock, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, CommitmentQueries.EntityType);
        var to = command.Request.To!.Value;
        var allowed = CommitmentLifecycle.Allowed[current.Status];
        if (!allowed.Contains(to))
        {
            var names = allowed.Select(Json.Name).ToArray();
            throw new ConflictException(
                $"A commitment cannot go from {Json.Name(current.Status)} to {Json.Name(to)}; from {Json.Name(current.Status)} it may go to: "
                    + $"{(names.Length == 0 ? "nothing, it is closed" : string.Join(", ", names))}.",
                current.Id, new Dictionary<string, object?> { ["allowed"] = names });
        }
        var evidence = command.Request.Evidence;
        var references = await new References(session, caller)
            .OneAsync(SensitiveRecords.EngagementExists, evidence?.EngagementId, "evidence.engagementId", "engagement", cancellationToken);
        references.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var rows = await session.ExecuteAsync(SetStatus, new { current.Id, current.Version, Status = Json.Name(to), Now = now }, cancellationToken);
        if (rows == 0) throw Archiving.Stale(CommitmentQueries.EntityType);
        await CommitmentWrites.RecordTransitionAsync(session, current.Id, current.Status, to, command.Request.Note, evidence, caller.Name, now,
            cancellationToken);
        return await CommitmentWrites.ReloadAndRecordAsync(session, caller, changes, clock, current.Id, ChangeOperation.Updated, cancellationToken);
    }
}
