using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Engagements;

public sealed record CreateEngagement : EngagementFields, ICommand<EngagementResponse>;

public sealed class CreateEngagementValidator : AbstractValidator<CreateEngagement>
{
    public CreateEngagementValidator(TimeProvider clock) => Include(new EngagementFieldsValidator(clock));
}

public sealed class CreateEngagementHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller, IOptions<EngagementOptions> options,
    PublicationCalendar calendar)
    : IRequestHandler<CreateEngagement, EngagementResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO engagements (id, title, kind, status, starts_at, ends_at, time_zone, location, purpose, summary, author_id,
            confidentiality, external_ids, version, created_at, updated_at, archived, meeting_date, unregistered_override_reason)
        VALUES (@Id, @Title, @Kind, @Status, @StartsAt, @EndsAt, @TimeZone, @Location, @Purpose, @Summary, @AuthorId,
            @Confidentiality, @ExternalIds, @Version, @Now, @Now, 0, @MeetingDate, @UnregisteredOverrideReason)
        """);

    public async Task<EngagementResponse> Handle(CreateEngagement command, CancellationToken cancellationToken)
    {
        caller.EnsureClearedFor(command.Confidentiality == Confidentiality.Sensitive);
        var fields = command with { TimeZone = command.TimeZone ?? options.Value.TimeZone };
        var participants = await EngagementReferences.ResolveAsync(session, caller, fields, null, cancellationToken);
        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(Insert, EngagementWrites.Row(id, 1, fields, clock.GetUtcNow()), cancellationToken);
        return await EngagementWrites.WriteChildrenAsync(session, caller, changes, calendar, id, fields, participants, ChangeOperation.Created, [],
            cancellationToken);
    }
}
