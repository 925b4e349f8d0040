using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Memberships;

/// <summary>A merge patch of the membership's fields; its status changes only through transitions, which keep the history.</summary>
public sealed record UpdateMembership(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<MembershipResponse>;

public sealed class UpdateMembershipHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<MembershipFields> validator, Caller caller)
    : IRequestHandler<UpdateMembership, MembershipResponse>
{
    private static readonly SqlText MoveHistory = SqlText.Portable(
        "UPDATE membership_history SET organisation_id = @OrganisationId WHERE membership_id = @Id AND organisation_id <> @OrganisationId");

    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE memberships SET organisation_id = @OrganisationId, body_id = @BodyId, since = @Since, until = @Until,
            source_engagement_id = @SourceEngagementId, notes = @Notes, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<MembershipResponse> Handle(UpdateMembership command, CancellationToken cancellationToken)
    {
        var current = await MembershipQueries.LoadAsync(session, caller, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, MembershipQueries.EntityType);
        if (command.Patch.ValueKind == JsonValueKind.Object && command.Patch.TryGetProperty("status", out _))
        {
            throw new BadRequestFieldException("status", "The status changes only through POST /api/memberships/{id}/transitions.");
        }
        var fields = MergePatch.Apply<MembershipFields>(current, command.Patch);
        if (MergePatch.ChangesNothing<MembershipFields>(current, fields)) return current;
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        await MembershipQueries.CheckReferencesAsync(session, caller, fields, cancellationToken);
        try
        {
            var rows = await session.ExecuteAsync(Update, new
            {
                current.Id, current.Version, fields.OrganisationId, fields.BodyId, fields.Since, fields.Until, fields.SourceEngagementId, fields.Notes,
                Now = clock.GetUtcNow(),
            }, cancellationToken);
            if (rows == 0) throw Archiving.Stale(MembershipQueries.EntityType);
            await session.ExecuteAsync(MoveHistory, new { current.Id, fields.OrganisationId }, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            throw await MembershipQueries.DuplicateAsync(session, current.Id, fields, cancellationToken);
        }
        return await MembershipWrites.ReloadAndRecordAsync(session, caller, changes, current.Id, ChangeOperation.Updated, cancellationToken);
    }
}
