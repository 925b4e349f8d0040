using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Topics;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// The events a subscription can ask for: one per entity type and operation of the change feed
/// (<c>engagement.created</c>, <c>commitment.updated</c>, <c>contact.erased</c>), the reminders and <c>webhook.ping</c>. A subscription
/// names them exactly, by entity type (<c>commitment.*</c>), or all (<c>*</c>).
/// </summary>
public static class WebhookEventTypes
{
    public const string Ping = "webhook.ping";

    /// <summary>The operation of an event about a commitment's or membership's change of status, an update in the feed.</summary>
    public const string Transitioned = "transitioned";

    /// <summary>The entity types that make events, with the path a receiver reads one at.</summary>
    public static readonly IReadOnlyDictionary<string, string> Routes = new Dictionary<string, string>
    {
        [OrganisationQueries.EntityType] = OrganisationEndpoints.Route,
        [ContactQueries.EntityType] = ContactEndpoints.Route,
        [TopicQueries.EntityType] = TopicEndpoints.Route,
        [EngagementQueries.EntityType] = EngagementEndpoints.Route,
        [CommitmentQueries.EntityType] = CommitmentEndpoints.Route,
        [BodyQueries.EntityType] = BodyEndpoints.Route,
        [MembershipQueries.EntityType] = MembershipEndpoints.Route,
        [FigureQueries.EntityType] = FigureEndpoints.Route,
    };

    private static readonly string[] Operations = ["created", "updated", "archived", "restored"];

    /// <summary>Reminders of what falls due: sent once per record, occasion and date, not from a change.</summary>
    public static readonly IReadOnlyList<string> Reminders = ["commitment.dueSoon", "commitment.overdue", "publication.due", "publication.overdue"];

    public static readonly IReadOnlyList<string> Known = Routes.Keys.SelectMany(type => Operations.Select(operation => $"{type}.{operation}"))
        .Append($"{ContactQueries.EntityType}.erased").Append($"{CommitmentQueries.EntityType}.{Transitioned}")
        .Append($"{MembershipQueries.EntityType}.{Transitioned}").Concat(Reminders).Append(Ping).ToList();

    public static string Of(string entityType, string operation) => $"{entityType}.{operation}";

    /// <summary>An event type, <c>entityType.*</c> or <c>*</c>.</summary>
    public static bool IsPattern(string? pattern)
        => pattern is "*" || (pattern is not null && (Known.Contains(pattern) || (pattern.EndsWith(".*", StringComparison.Ordinal)
            && Known.Any(type => type.StartsWith(pattern[..^1], StringComparison.Ordinal)))));

    public static bool Matches(IEnumerable<string> patterns, string type)
        => patterns.Any(p => p == "*" || p == type || (p.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(p[..^1], StringComparison.Ordinal)));
}
