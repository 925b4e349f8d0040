using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Publications;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>
/// Whose name the copy released on an access-to-documents request (Regulation 1049/2001) keeps: those who held a
/// management or cabinet function that day (the functions today's publication rules cover, whatever the meeting's
/// date), and representatives in a public-facing role. Everyone else's is personal data the release withholds, and so
/// is a restricted person's, whoever asks for the copy: a document for the public is no place for a name an admin alone sees.
/// </summary>
internal sealed class ReleaseRule(bool released, DateOnly day, IReadOnlyDictionary<Guid, EngagementQueries.ContactFacts> contacts)
{
    public bool Keeps(Participant participant)
        => !released || (!participant.Restricted && (CoveredFunctions.CoveredFrom2025.Contains(participant.StaffFunction ?? StaffFunction.Staff)
           || (participant.Side == Side.External && contacts.TryGetValue(participant.ContactId, out var contact)
               && contact.Positions.Any(p => p.OrganisationId == participant.OrganisationId && p.PublicFacing && p.Covers(day)))));

    /// <summary>A recipient or the author: by the positions they held on the meeting's date.</summary>
    public bool Keeps(Guid contactId)
        => !released || (contacts.TryGetValue(contactId, out var contact) && !contact.Restricted && contact.Positions.Any(p => p.Covers(day)
            && (p.PublicFacing || CoveredFunctions.CoveredFrom2025.Contains(p.Function ?? StaffFunction.Staff))));
}
