using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Commitments;

/// <summary>A merge patch of the commitment's fields; its status changes only through transitions.</summary>
public sealed record UpdateCommitment(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<CommitmentResponse>;

public sealed class UpdateCommitmentHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<CommitmentFields> validator, Caller caller)
    : IRequestHandler<UpdateCommitment, CommitmentResponse>
{
    private static readonly SqlText MoveTransitions = SqlText.Portable(
        "UPDATE commitment_transitions SET organisation_id = @OrganisationId WHERE commitment_id = @Id AND organisation_id <> @OrganisationId");

    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE commitments SET title = @Title, description = @Description, direction = @Direction, organisation_id = @OrganisationId,
            made_in_engagement_id = @MadeInEngagementId, committed_by_id = @CommittedById, owner_id = @OwnerId, category = @Category,
            due_date = @DueDate, due_sort = @DueSort, target_event = @TargetEvent, topic_ids = @TopicIds, external_ids = @ExternalIds,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<CommitmentResponse> Handle(UpdateCommitment command, CancellationToken cancellationToken)
    {
        var current = await CommitmentQueries.LoadAsync(session, caller, clock, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, CommitmentQueries.EntityType);
        if (command.Patch.ValueKind == JsonValueKind.Object && command.Patch.TryGetProperty("status", out _))
        {
            throw new BadRequestFieldException("status", "The status changes only through POST /api/commitments/{id}/transitions.");
        }
        var fields = MergePatch.Apply<CommitmentFields>(current, command.Patch);
        // Text the caller read masked and sent back unchanged keeps its stored words.
        var seen = CommitmentQueries.AsSeenBy(current, await RestrictedContacts.NamesAsync(session, caller, cancellationToken));
        if (fields.Title == seen.Title) fields = fields with { Title = current.Title };
        if (fields.Description == seen.Description) fields = fields with { Description = current.Description };
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        var now = clock.GetUtcNow();
        var row = CommitmentWrites.Row(current.Id, current.Version, fields, current.Status, now);
        if (MergePatch.ChangesNothing(CommitmentWrites.Row(current.Id, current.Version, current, current.Status, now), row)) return current;
        await CommitmentQueries.CheckReferencesAsync(session, caller, fields, cancellationToken);

        var rows = await session.ExecuteAsync(Update, row, cancellationToken);
        if (rows == 0) throw Archiving.Stale(CommitmentQueries.EntityType);
        await session.ExecuteAsync(MoveTransitions, new { current.Id, fields.OrganisationId }, cancellationToken);
        await CommitmentWrites.WriteIndexesAsync(session, current.Id, fields, cancellationToken);
        return await CommitmentWrites.ReloadAndRecordAsync(session, caller, changes, clock, current.Id, ChangeOperation.Updated, cancellationToken);
    }
}
