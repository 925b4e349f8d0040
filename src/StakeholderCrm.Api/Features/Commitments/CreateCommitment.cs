using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Commitments;

public sealed record CreateCommitment : CommitmentFields, ICommand<CommitmentResponse>
{
    /// <summary>proposed (default) or open; later changes go through transitions.</summary>
    public CommitmentStatus? Status { get; init; }
}

public sealed class CreateCommitmentValidator : AbstractValidator<CreateCommitment>
{
    public CreateCommitmentValidator()
    {
        Include(new CommitmentFieldsValidator());
        RuleFor(c => c.Status).Must(s => s is null or CommitmentStatus.Proposed or CommitmentStatus.Open)
            .WithMessage("A commitment starts as proposed or open; record later steps with POST /api/commitments/{id}/transitions.");
    }
}

public sealed class CreateCommitmentHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock)
    : IRequestHandler<CreateCommitment, CommitmentResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO commitments (id, title, description, direction, organisation_id, made_in_engagement_id, committed_by_id, owner_id,
            category, due_date, due_sort, target_event, topic_ids, external_ids, status, version, created_at, updated_at, archived)
        VALUES (@Id, @Title, @Description, @Direction, @OrganisationId, @MadeInEngagementId, @CommittedById, @OwnerId,
            @Category, @DueDate, @DueSort, @TargetEvent, @TopicIds, @ExternalIds, @Status, @Version, @Now, @Now, 0)
        """);

    public async Task<CommitmentResponse> Handle(CreateCommitment command, CancellationToken cancellationToken)
    {
        await CommitmentQueries.CheckReferencesAsync(session, caller, command, cancellationToken);
        var id = Guid.CreateVersion7();
        var status = command.Status ?? CommitmentStatus.Proposed;
        var now = clock.GetUtcNow();
        await session.ExecuteAsync(Insert, CommitmentWrites.Row(id, 1, command, status, now), cancellationToken);
        await CommitmentWrites.WriteIndexesAsync(session, id, command, cancellationToken);
        await CommitmentWrites.RecordTransitionAsync(session, id, null, status, "Recorded.", null, caller.Name, now, cancellationToken);
        return await CommitmentWrites.ReloadAndRecordAsync(session, caller, changes, clock, id, ChangeOperation.Created, cancellationToken);
    }
}
