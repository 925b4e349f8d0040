using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>A merge patch of the engagement's fields; each list it names (participants, keyPoints, …) is replaced whole.</summary>
public sealed record UpdateEngagement(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<EngagementResponse>;

public sealed class UpdateEngagementHandler(
    DbSession session, ChangeLog changes, TimeProvider clock, IValidator<EngagementFields> validator, Caller caller,
    PublicationCalendar calendar)
    : IRequestHandler<UpdateEngagement, EngagementResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE engagements SET title = @Title, kind = @Kind, status = @Status, starts_at = @StartsAt, ends_at = @EndsAt, time_zone = @TimeZone,
            location = @Location, purpose = @Purpose, summary = @Summary, author_id = @AuthorId, confidentiality = @Confidentiality,
            external_ids = @ExternalIds, meeting_date = @MeetingDate, unregistered_override_reason = @UnregisteredOverrideReason,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<EngagementResponse> Handle(UpdateEngagement command, CancellationToken cancellationToken)
    {
        var stored = await EngagementQueries.LoadStoredAsync(session, caller, command.Id, calendar.Today, cancellationToken);
        var current = await EngagementQueries.AsSeenByAsync(session, stored, caller, calendar.Today, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, EngagementQueries.EntityType);
        var before = stored.ToFields();
        var fields = MergePatch.Apply(before, command.Patch);
        if (!ReferenceEquals(current, stored)) fields = MaskedText.Restore(fields, current.ToFields(), before);
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        caller.EnsureClearedFor(fields.Confidentiality == Confidentiality.Sensitive);
        var participants = await EngagementReferences.ResolveAsync(session, caller, fields, current, cancellationToken);
        if (MergePatch.ChangesNothing(before, AsStored(fields, participants))) return current;

        var rows = await session.ExecuteAsync(Update, EngagementWrites.Row(current.Id, current.Version, fields, clock.GetUtcNow()), cancellationToken);
        if (rows == 0) throw Archiving.Stale(EngagementQueries.EntityType);
        return await EngagementWrites.WriteChildrenAsync(session, caller, changes, calendar, current.Id, fields, participants, ChangeOperation.Updated,
            current.Warnings, cancellationToken);
    }

    /// <summary>The fields as they would be stored: the title trimmed, times in UTC, each participant's side and attendance resolved.</summary>
    private static EngagementFields AsStored(EngagementFields fields, IReadOnlyList<ResolvedParticipant> participants) => fields with
    {
        Title = fields.Title?.Trim(),
        UnregisteredOverride = fields.UnregisteredOverride is { } unregistered ? unregistered with { Reason = unregistered.Reason?.Trim() } : null,
        StartsAt = fields.StartsAt?.ToUniversalTime(),
        EndsAt = fields.EndsAt?.ToUniversalTime(),
        Participants = participants.Select(p => new ParticipantFields { ContactId = p.ContactId, Side = p.Side, Role = p.Role, Attended = p.Attended })
            .ToList(),
    };
}
