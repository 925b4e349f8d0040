using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Publications;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>
/// Whose name the copy released on an access-to-documents request (Regulation 1049/2001) keeps: those who held a
/// management or cabinet function that day (the functions today's publication rules cover, whatever the meeting's
/// date), and representatives in a public-facing role. Everyone else's is personal data the release withholds.
/// </summary>
internal sealed class ReleaseRule(bool released, DateOnly day, IReadOnlyDictionary<Guid, EngagementQueries.ContactFacts> contacts)
{
    public bool Keeps(Participant participant)
        => !released || CoveredFunctions.CoveredFrom2025.Contains(participant.StaffFunction ?? StaffFunction.Staff)
           || (participant.Side == Side.External && contacts.TryGetValue(participant.ContactId, out var contact)
               && contact.Positions.Any(p => p.OrganisationId == participant.OrganisationId && p.PublicFacing && p.Covers(day)));

    /// <summary>A recipient or the author: by the positions they held on the meeting's date.</summary>
    public bool Keeps(Guid contactId)
        => !released || (contacts.TryGetValue(contactId, out var contact) && contact.Positions.Any(p => p.Covers(day)
            && (p.PublicFacing || CoveredFunctions.CoveredFrom2025.Contains(p.Function ?? StaffFunction.Staff))));

    /// <summary>The role held that day, the latest started if several; else the current one.</summary>
    public static Position? PositionOn(EngagementQueries.ContactFacts contact, DateOnly day)
        => contact.Positions.Where(p => p.Covers(day)).OrderByDescending(p => p.From ?? DateOnly.MinValue).FirstOrDefault()
           ?? contact.Positions.FirstOrDefault(p => p.OrganisationId == contact.CurrentOrganisationId && p.To is null);
}
