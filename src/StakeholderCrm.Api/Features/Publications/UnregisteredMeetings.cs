using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>
/// "No registration, no meeting" (Interinstitutional Agreement of 20 May 2021): covered staff do not meet interest
/// representatives that are not in the Transparency Register. Checked on the engagement as written, inside its
/// transaction, so that a refusal leaves nothing behind.
/// </summary>
public static class UnregisteredMeetings
{
    public const string ProblemType = "/problems/unregistered-interest-representative";

    /// <summary>
    /// Refuses the breaches the write adds: those the record already had (<paramref name="before"/>: recorded before the
    /// rule, under warn, or before the register changed) stay accepted, so that fixing a typo is never refused.
    /// </summary>
    public static void Check(EngagementResponse engagement, IReadOnlyList<EngagementWarning> before, UnregisteredPolicy policy)
    {
        if (policy == UnregisteredPolicy.Warn || engagement.UnregisteredOverride is not null) return;
        var breaches = PublicationDuty.UnregisteredMeetings(engagement)
            .Where(b => !before.Any(a => a.OrganisationId == b.OrganisationId && a.ContactId == b.ContactId)).ToList();
        if (breaches.Count == 0) return;
        var first = breaches[0];
        throw new RuleViolationException(ProblemType, "Covered staff may not meet an unregistered interest representative.",
            first.Message + " Register it first, correct the organisation's identification number, or give unregisteredOverride with a reason.",
            new Dictionary<string, object?>
            {
                ["organisationId"] = first.OrganisationId,
                ["contactId"] = first.ContactId,
                ["breaches"] = breaches,
            });
    }
}
