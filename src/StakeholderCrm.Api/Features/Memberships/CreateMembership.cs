using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Memberships;

public sealed record CreateMembership : MembershipFields, ICommand<MembershipResponse>
{
    /// <summary>The status to start with; it takes effect on <c>since</c>, or today.</summary>
    [RequiredField] public MembershipStatus? Status { get; init; }
}

public sealed class CreateMembershipValidator : AbstractValidator<CreateMembership>
{
    public CreateMembershipValidator()
    {
        Include(new MembershipFieldsValidator());
        RuleFor(m => m.Status).NotNull().WithMessage("'status' is required: interested, applied, member, signatory, observer, suspended or withdrawn.");
    }
}

public sealed class CreateMembershipHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock)
    : IRequestHandler<CreateMembership, MembershipResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO memberships (id, organisation_id, body_id, status, since, until, source_engagement_id, notes, version, created_at, updated_at, archived)
        VALUES (@Id, @OrganisationId, @BodyId, @Status, @Since, @Until, @SourceEngagementId, @Notes, 1, @Now, @Now, 0)
        """);

    public async Task<MembershipResponse> Handle(CreateMembership command, CancellationToken cancellationToken)
    {
        await MembershipQueries.CheckReferencesAsync(session, caller, command, cancellationToken);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        try
        {
            await session.ExecuteAsync(Insert, new
            {
                Id = id, command.OrganisationId, command.BodyId, Status = Json.Name(command.Status!.Value), command.Since, command.Until,
                command.SourceEngagementId, command.Notes, Now = now,
            }, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            throw await MembershipQueries.DuplicateAsync(session, id, command, cancellationToken);
        }
        var on = command.Since ?? DateOnly.FromDateTime(now.UtcDateTime);
        await MembershipWrites.RecordChangeAsync(session, id, command.Status.Value, on, "Recorded.", caller.Name, now, cancellationToken);
        return await MembershipWrites.ReloadAndRecordAsync(session, caller, changes, id, ChangeOperation.Created, cancellationToken);
    }
}
