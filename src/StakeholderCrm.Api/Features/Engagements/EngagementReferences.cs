using FluentValidation;
using FluentValidation.Results;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>A participant as stored: side settled, and title, organisation and function as they were on the engagement's date.</summary>
internal sealed record ResolvedParticipant(Guid ContactId, Side Side, string? Role, bool Attended, string? Title, Guid? OrganisationId,
    StaffFunction? Function);

/// <summary>
/// The rules that need the database: every id must exist (a 400 naming its path, e.g. <c>participants[2].contactId</c>),
/// organisations met are external, and each participant's side agrees with their organisation.
/// </summary>
internal static class EngagementReferences
{
    public static async Task<IReadOnlyList<ResolvedParticipant>> ResolveAsync(DbSession session, Caller caller, EngagementFields fields,
        EngagementResponse? current, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationFailure>();
        var contactIds = fields.ContactIds().ToList();
        // An update keeps the restricted contacts the record already names (current is null for a create).
        var named = current is null ? new HashSet<Guid>() : current.ToFields().ContactIds().ToHashSet();
        // To a caller who may not see a restricted contact it does not exist, unless the record already names them.
        var contacts = (await EngagementQueries.ContactsNamedAsync(session, contactIds, cancellationToken))
            .Where(c => !c.Restricted || caller.IsAdmin || named.Contains(c.Id)).ToDictionary(c => c.Id);

        // The meeting's own date, in its time zone: the day its publication duty and registration are judged by.
        var day = DateOnly.FromDateTime(TimeZones.Local(fields.StartsAt!.Value, fields.TimeZone!).DateTime);
        var positions = fields.Participants.Select(p => contacts.TryGetValue(p.ContactId, out var c) ? c.PositionOn(day) : null).ToList();
        var organisationIds = fields.OrganisationIds.Concat(positions.OfType<Position>().Select(p => p.OrganisationId)).ToList();
        var organisations = (await EngagementQueries.OrganisationsNamedAsync(session, organisationIds, cancellationToken)).ToDictionary(o => o.Id);
        var topics = (await EngagementQueries.TopicsNamedAsync(session, fields.TopicIds, cancellationToken)).ToHashSet();

        for (var i = 0; i < fields.OrganisationIds.Count; i++)
        {
            if (!organisations.TryGetValue(fields.OrganisationIds[i], out var organisation)) errors.Add(Missing($"organisationIds[{i}]", "organisation"));
            else if (organisation.Internal) errors.Add(new($"organisationIds[{i}]",
                $"'{organisation.Name}' is one of our own units: add its people as internal participants instead."));
        }
        for (var i = 0; i < fields.TopicIds.Count; i++)
        {
            if (!topics.Contains(fields.TopicIds[i])) errors.Add(Missing($"topicIds[{i}]", "topic"));
        }
        if (fields.AuthorId is { } authorId && !contacts.ContainsKey(authorId)) errors.Add(Missing("authorId", "contact"));
        for (var i = 0; i < fields.Distribution.Count; i++)
        {
            if (!contacts.ContainsKey(fields.Distribution[i].ContactId)) errors.Add(Missing($"distribution[{i}].contactId", "contact"));
        }

        var resolved = new List<ResolvedParticipant>();
        for (var i = 0; i < fields.Participants.Count; i++)
        {
            var participant = fields.Participants[i];
            if (!contacts.ContainsKey(participant.ContactId))
            {
                errors.Add(Missing($"participants[{i}].contactId", "contact"));
                continue;
            }
            var position = positions[i];
            var organisation = position is null ? null : organisations.GetValueOrDefault(position.OrganisationId);
            Side? derived = organisation is null ? null : organisation.Internal ? Side.Internal : Side.External;
            if (participant.Side is null && derived is null)
            {
                errors.Add(new($"participants[{i}].side", "'side' is required: this contact has no position to tell it from."));
                continue;
            }
            if (participant.Side is { } side && derived is { } expected && side != expected)
            {
                errors.Add(new($"participants[{i}].side",
                    $"This contact was at '{organisation!.Name}' on that date, "
                        + $"which is {(organisation.Internal ? "one of our own units" : "an external organisation")}: "
                        + $"side must be {Infrastructure.Http.Json.Name(expected)}."));
                continue;
            }
            resolved.Add(new ResolvedParticipant(participant.ContactId, participant.Side ?? derived!.Value, participant.Role,
                participant.Attended ?? fields.Status == EngagementStatus.Held, position?.Title, position?.OrganisationId,
                // A current role stands in for the title and unit, never for a function not yet (or no longer) held that day.
                position?.Covers(day) == true ? position.Function : null));
        }

        if (errors.Count > 0) throw new ValidationException(errors);
        return resolved;
    }

    private static ValidationFailure Missing(string path, string entity) => new(path, $"No {entity} has this id.");
}
