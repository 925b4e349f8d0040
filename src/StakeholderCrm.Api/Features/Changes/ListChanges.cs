using System.Globalization;
using System.Reflection;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Changes;

/// <summary>One committed change: the entity as it was after it. Archives are tombstones: remove the entity from a copy.</summary>
public sealed record ChangeEntry
{
    public long Position { get; init; }
    public string EntityType { get; init; } = "";
    public Guid EntityId { get; init; }
    /// <summary>created, updated, archived, restored or erased (a contact pseudonymised: erase your copy of its personal data).</summary>
    public string Operation { get; init; } = "";
    public bool Tombstone => Operation == "archived";
    public int Version { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The entity as it was after the change.</summary>
    public StoredJson Data { get; init; }
}

/// <summary>Changes after a cursor, in commit order. <c>nextCursor</c> is where to poll from next; it is never null.</summary>
public sealed record ChangeFeedPage(IReadOnlyList<ChangeEntry> Items, string NextCursor);

public sealed record ListChanges : IQuery<ChangeFeedPage>
{
    /// <summary>The nextCursor of the previous call; omit it to start from the beginning.</summary>
    public string? After { get; init; }
    /// <summary>1 to 1000, default 100.</summary>
    public int? Limit { get; init; }
    /// <summary>Only this kind of entity: organisation, contact, topic, engagement, commitment, body, membership, figure (or apiKey, for admins).</summary>
    [OneOf(Organisations.OrganisationQueries.EntityType, Contacts.ContactQueries.EntityType, Topics.TopicQueries.EntityType,
        Engagements.EngagementQueries.EntityType, Commitments.CommitmentQueries.EntityType, Bodies.BodyQueries.EntityType,
        Memberships.MembershipQueries.EntityType, Figures.FigureQueries.EntityType, ApiKeys.ApiKeyQueries.EntityType)]
    public string? EntityType { get; init; }
}

public sealed class ListChangesValidator : AbstractValidator<ListChanges>
{
    public ListChangesValidator()
    {
        RuleFor(q => q.After).Must(a => long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)).When(q => q.After is not null)
            .WithMessage("'after' must be a nextCursor this feed returned.");
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
        RuleFor(q => q.EntityType).Must(type => EntityTypes.Contains(type!)).When(q => q.EntityType is not null)
            .WithMessage($"'entityType' must be one of: {string.Join(", ", EntityTypes)} (as written, British spelling).");
    }

    // An unknown type would select nothing: a feed that stays empty, read by a sync as "no changes". The contract's list is the rule.
    private static readonly IReadOnlyList<string> EntityTypes =
        typeof(ListChanges).GetProperty(nameof(ListChanges.EntityType))!.GetCustomAttribute<OneOfAttribute>()!.Allowed;
}

public sealed class ListChangesHandler(DbSession session, Caller caller) : IRequestHandler<ListChanges, ChangeFeedPage>
{
    private static readonly string Filters =
        "(@EntityType IS NULL OR entity_type = @EntityType) AND (@IncludeKeys = 1 OR entity_type <> 'apiKey') AND "
            + $"{SensitiveRecords.VisibleEntity("entity_id")} AND {RestrictedContacts.VisibleChange("entity_type", "entity_id", "operation")}";

    private static readonly SqlText Feed = new(
        Sqlite: $"""
            SELECT sequence AS position, entity_type, entity_id, operation, version, actor, occurred_at, data FROM changes
            WHERE sequence > @After AND {Filters}
            ORDER BY sequence LIMIT @Take
            """,
        SqlServer: $"""
            SELECT TOP (@Take) CAST(commit_order AS bigint) AS position, entity_type, entity_id, operation, version, actor, occurred_at, data
            FROM changes
            WHERE commit_order > CAST(@After AS binary(8)) AND commit_order < MIN_ACTIVE_ROWVERSION() AND {Filters}
            ORDER BY commit_order
            """);

    public async Task<ChangeFeedPage> Handle(ListChanges query, CancellationToken cancellationToken)
    {
        var after = query.After is null ? 0 : long.Parse(query.After, CultureInfo.InvariantCulture);
        var isAdmin = caller.IsAdmin;
        var rows = (await session.QueryAsync<ChangeRow>(Feed, new
        {
            After = after, Take = query.Limit ?? 100, query.EntityType, IncludeKeys = isAdmin ? 1 : 0, caller.Cleared, SeesRestricted = isAdmin,
        }, cancellationToken)).ToList();
        var seen = await RestrictedContacts.SnapshotsAsync(session, caller, cancellationToken);
        // An erasure's own row holds only the pseudonym, which a synced system is to take over.
        var items = rows.Select(r => r.Operation == "erased" ? r.Entry() : r.Entry(seen)).ToList();
        return new ChangeFeedPage(items, (items.Count == 0 ? after : items[^1].Position).ToString(CultureInfo.InvariantCulture));
    }

    private sealed record ChangeRow
    {
        public long Position { get; init; }
        public string EntityType { get; init; } = "";
        public Guid EntityId { get; init; }
        public string Operation { get; init; } = "";
        public int Version { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Data { get; init; } = "null";

        public ChangeEntry Entry(Func<string, string>? seen = null) => new()
        {
            Position = Position, EntityType = EntityType, EntityId = EntityId, Operation = Operation, Version = Version, Actor = Actor,
            OccurredAt = OccurredAt, Data = new StoredJson(seen is null ? Data : seen(Data)),
        };
    }
}
