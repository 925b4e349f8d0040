using Dapper;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>
/// Reading engagements: the rows, then every child list of every engagement read, in one batch of statements whose
/// count does not depend on how many engagements or children there are; and the facts about the contacts,
/// organisations and topics an engagement names that its writes check.
/// </summary>
internal static class EngagementQueries
{
    public const string EntityType = "engagement";

    public const string Columns = """
        e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.time_zone, e.location, e.purpose, e.summary, e.author_id,
        e.confidentiality, e.external_ids, e.version, e.created_at, e.updated_at, e.archived, e.meeting_date, e.unregistered_override_reason,
        e.published_on, e.publication_url, e.exemption_ground, e.exemption_reason
        """;

    public const string SummaryColumns = """
        e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.time_zone, e.location, e.confidentiality, e.external_ids, e.version,
        e.created_at, e.updated_at, e.archived
        """;

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM engagements e WHERE e.id = @Id");

    private static readonly SqlText ContactsNamed = IdSet.Statement("SELECT id, positions, current_organisation_id, restricted FROM contacts WHERE id IN ({ids})");
    private static readonly SqlText OrganisationsNamed = IdSet.Statement("SELECT id, name, internal FROM organisations WHERE id IN ({ids})");

    /// <summary>The child lists; <c>{engagements}</c> is the set of engagements read.</summary>
    private static readonly string[] ChildTemplates =
    [
        $$"""
        SELECT eo.engagement_id, o.id, o.name, CAST({{InterestRepresentation.Expression}} AS bit) AS interest_representative,
            o.transparency_register_id,
            CAST({{RegisterQueries.RegisteredOn("o.transparency_register_id", "x.meeting_date")}} AS bit) AS registered_that_day, o.archived
        FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id JOIN engagements x ON x.id = eo.engagement_id
        WHERE eo.engagement_id {engagements} ORDER BY eo.engagement_id, eo.position
        """,
        """
        SELECT ep.engagement_id, ep.contact_id, ep.side, ep.role, ep.attended, c.full_name, ep.title, ep.organisation_id,
            po.name AS organisation_name, ep.staff_function, c.archived, c.restricted
        FROM engagement_participants ep JOIN contacts c ON c.id = ep.contact_id LEFT JOIN organisations po ON po.id = ep.organisation_id
        WHERE ep.engagement_id {engagements} ORDER BY ep.engagement_id, ep.position
        """,
        """
        SELECT et.engagement_id, t.id, t.name, t.archived FROM engagement_topics et
        JOIN topics t ON t.id = et.topic_id WHERE et.engagement_id {engagements} ORDER BY et.engagement_id, et.position
        """,
        """
        SELECT ek.engagement_id, ek.section, ek.text FROM engagement_key_points ek
        WHERE ek.engagement_id {engagements} ORDER BY ek.engagement_id, ek.position
        """,
        """
        SELECT el.engagement_id, el.url, el.title FROM engagement_links el
        WHERE el.engagement_id {engagements} ORDER BY el.engagement_id, el.position
        """,
        """
        SELECT ed.engagement_id, ed.contact_id, ed.kind, c.full_name, c.archived, c.restricted FROM engagement_distribution ed
        JOIN contacts c ON c.id = ed.contact_id WHERE ed.engagement_id {engagements} ORDER BY ed.engagement_id, ed.position
        """,
        """
        SELECT e.id AS engagement_id, a.id, a.full_name, a.archived, a.restricted FROM engagements e
        JOIN contacts a ON a.id = e.author_id WHERE e.id {engagements}
        """,
    ];

    public static readonly SqlText OrganisationsOfMany = IdSet.Statement(ChildTemplates[0].Replace("{engagements}", "IN ({ids})"));

    private static readonly int AllChildren = (1 << ChildTemplates.Length) - 1;

    public static readonly SqlText ChildrenOfMany = IdSet.Statement(string.Join(";\n", ChildTemplates.Select(t => t.Replace("{engagements}", "IN ({ids})"))));

    /// <summary>
    /// One engagement's child lists, only those a bit of the index selects (bit i: <see cref="ChildTemplates"/>[i]), read
    /// by id. Parsing is most of what an empty list's statement costs a create.
    /// </summary>
    private static readonly SqlText[] SomeChildrenOfOne = Enumerable.Range(0, AllChildren + 1)
        .Select(mask => SqlText.Portable(string.Join(";\n", ChildTemplates.Where((_, i) => Selects(mask, i)).Select(t => t.Replace("{engagements}", "= @Id")))))
        .ToArray();

    /// <summary>Every child list of the engagements that <paramref name="engagements"/> (a subquery of ids) selects, for
    /// <see cref="WithChildrenAsync(SqlMapper.GridReader, Caller, IReadOnlyList{EngagementResponse}, DateOnly, IReadOnlyCollection{string})"/>.</summary>
    public static SqlText ChildrenOf(SqlText engagements) => new(
        string.Join(";\n", ChildTemplates.Select(t => t.Replace("{engagements}", $"IN ({engagements.Sqlite})", StringComparison.Ordinal))),
        string.Join(";\n", ChildTemplates.Select(t => t.Replace("{engagements}", $"IN ({engagements.SqlServer})", StringComparison.Ordinal))));

    public static Task<EngagementResponse> LoadAsync(DbSession session, Caller caller, Guid id, DateOnly today, CancellationToken cancellationToken)
        => LoadAsync(session, caller, id, AllChildren, today, cancellationToken);

    /// <summary>The engagement as stored, restricted people named: for a write to start from; 404 unless the caller may see it.</summary>
    public static async Task<EngagementResponse> LoadStoredAsync(DbSession session, Caller caller, Guid id, DateOnly today,
        CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(session, Caller.System, id, AllChildren, today, cancellationToken);
        return stored.Confidentiality == Confidentiality.Sensitive && !caller.Cleared ? throw new NotFoundException(EntityType, id) : stored;
    }

    /// <summary>
    /// An engagement just written with these fields, in the same transaction: the child lists the fields left empty are
    /// known to be empty and are not read.
    /// </summary>
    public static Task<EngagementResponse> LoadWrittenAsync(DbSession session, Caller caller, Guid id, EngagementFields written, DateOnly today,
        CancellationToken cancellationToken)
    {
        bool[] present = // in the order of ChildTemplates
        [
            written.OrganisationIds.Count > 0, written.Participants.Count > 0, written.TopicIds.Count > 0, written.KeyPoints.Count > 0,
            written.Links.Count > 0, written.Distribution.Count > 0, written.AuthorId is not null,
        ];
        return LoadAsync(session, caller, id, present.Select((p, i) => p ? 1 << i : 0).Sum(), today, cancellationToken);
    }

    private static async Task<EngagementResponse> LoadAsync(DbSession session, Caller caller, Guid id, int children, DateOnly today,
        CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<EngagementResponse>(ById, new { Id = id }, cancellationToken);
        if (row is null || (row.Confidentiality == Confidentiality.Sensitive && !caller.Cleared)) throw new NotFoundException(EntityType, id);
        if (children == 0) return WithDuties(row, today);
        return (await WithChildrenAsync(session, caller, [row], SomeChildrenOfOne[children], children, new { Id = id }, today, cancellationToken))[0];
    }

    public static Task<IReadOnlyList<EngagementResponse>> WithChildrenAsync(DbSession session, Caller caller, IReadOnlyList<EngagementResponse> rows,
        DateOnly today, CancellationToken cancellationToken)
        => rows.Count == 0
            ? Task.FromResult(rows)
            : WithChildrenAsync(session, caller, rows, ChildrenOfMany, AllChildren, new { Ids = IdSet.Json(rows.Select(r => r.Id)) }, today,
                cancellationToken);

    public static async Task<IReadOnlyList<EngagementSummary>> WithOrganisationsAsync(DbSession session, IReadOnlyList<EngagementSummary> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return rows;
        var organisations = (await session.QueryAsync<OrganisationMet>(OrganisationsOfMany, new { Ids = IdSet.Json(rows.Select(r => r.Id)) },
            cancellationToken))
            .ToLookup(o => o.EngagementId);
        return rows.Select(e => e with { Organisations = organisations[e.Id].ToList() }).ToList();
    }

    /// <summary>The rows with their child lists, read from the next results of a batch: those <see cref="ChildrenOf"/> returned.</summary>
    public static Task<IReadOnlyList<EngagementResponse>> WithChildrenAsync(SqlMapper.GridReader grid, Caller caller,
        IReadOnlyList<EngagementResponse> rows, DateOnly today, IReadOnlyCollection<string> restrictedNames)
        => WithChildrenAsync(grid, caller, rows, AllChildren, today, restrictedNames);

    private static async Task<IReadOnlyList<EngagementResponse>> WithChildrenAsync(DbSession session, Caller caller, IReadOnlyList<EngagementResponse> rows,
        SqlText children, int selected, object param, DateOnly today, CancellationToken cancellationToken)
    {
        var restricted = await RestrictedContacts.NamesAsync(session, caller, cancellationToken);
        return await session.QueryMultipleAsync(children, param, grid => WithChildrenAsync(grid, caller, rows, selected, today, restricted), cancellationToken);
    }

    /// <summary>
    /// The engagement as <paramref name="caller"/> may read it: to anyone but an admin a restricted contact's participation,
    /// receipt or authorship stays a fact (side, role, organisation, function) without their name or title.
    /// </summary>
    /// <remarks><paramref name="restrictedNames"/>: every restricted contact's name (<see cref="RestrictedContacts.NamesAsync"/>), which
    /// the record's text may name without them taking part, as lists and search mask them.</remarks>
    public static EngagementResponse AsSeenBy(EngagementResponse engagement, Caller caller, DateOnly today, IReadOnlyCollection<string> restrictedNames)
        => caller.IsAdmin || (!NamesRestricted(engagement) && !Mentions(engagement, restrictedNames))
            ? engagement : WithDuties(WithoutRestrictedNames(engagement, restrictedNames), today);

    public static async Task<EngagementResponse> AsSeenByAsync(DbSession session, EngagementResponse engagement, Caller caller, DateOnly today,
        CancellationToken cancellationToken)
        => caller.IsAdmin ? engagement : AsSeenBy(engagement, caller, today, await RestrictedContacts.NamesAsync(session, caller, cancellationToken));

    private static bool NamesRestricted(EngagementResponse e)
        => e.Participants.Any(p => p.Restricted) || e.Distribution.Any(d => d.Restricted) || e.Author?.Restricted == true;

    private static bool Mentions(EngagementResponse e, IReadOnlyCollection<string> names)
        => names.Count > 0 && new[] { e.Title, e.Location, e.Purpose, e.Summary }.Concat(e.KeyPoints.Select(k => k.Text)).Concat(e.Links.Select(l => l.Title))
            .Any(text => text is not null && RestrictedContacts.Mentions(text, names));

    private static EngagementResponse WithoutRestrictedNames(EngagementResponse e, IReadOnlyCollection<string> restrictedNames)
    {
        var names = e.Participants.Where(p => p.Restricted).Select(p => p.FullName).Concat(e.Distribution.Where(d => d.Restricted).Select(d => d.FullName))
            .Concat(e.Author is { Restricted: true } a ? [a.FullName] : []).Concat(restrictedNames).Distinct().ToList();
        return names.Count == 0 ? e : WithoutNames(e, names);
    }

    /// <summary>The record without the restricted people it names: in their own entries, and where its text names them.</summary>
    private static EngagementResponse WithoutNames(EngagementResponse e, IReadOnlyCollection<string> names) => e with
    {
        Title = RestrictedContacts.WithoutNames(e.Title, names),
        Location = e.Location is null ? null : RestrictedContacts.WithoutNames(e.Location, names),
        Purpose = e.Purpose is null ? null : RestrictedContacts.WithoutNames(e.Purpose, names),
        Summary = e.Summary is null ? null : RestrictedContacts.WithoutNames(e.Summary, names),
        KeyPoints = e.KeyPoints.Select(k => k with { Text = RestrictedContacts.WithoutNames(k.Text!, names) }).ToList(),
        Links = e.Links.Select(l => l with { Title = l.Title is null ? null : RestrictedContacts.WithoutNames(l.Title, names) }).ToList(),
        Participants = e.Participants.Select(p => p.Restricted ? p with { FullName = RestrictedContacts.Pseudonym, Title = null } : p).ToList(),
        Distribution = e.Distribution.Select(d => d.Restricted ? d with { FullName = RestrictedContacts.Pseudonym } : d).ToList(),
        Author = e.Author is { Restricted: true } author ? author with { FullName = RestrictedContacts.Pseudonym } : e.Author,
    };

    /// <summary>The publication duty and the accepted breaches of the rules, derived from the engagement read whole.</summary>
    private static EngagementResponse WithDuties(EngagementResponse engagement, DateOnly today)
        => engagement with { Publication = PublicationDuty.Of(engagement, today), Warnings = PublicationDuty.UnregisteredMeetings(engagement) };

    private static async Task<IReadOnlyList<EngagementResponse>> WithChildrenAsync(SqlMapper.GridReader grid, Caller caller,
        IReadOnlyList<EngagementResponse> rows, int selected, DateOnly today, IReadOnlyCollection<string> restrictedNames)
    {
        async Task<IEnumerable<T>> Read<T>(int list) => Selects(selected, list) ? await grid.ReadAsync<T>() : [];
        var organisations = (await Read<OrganisationMet>(0)).ToLookup(o => o.EngagementId);
        var participants = (await Read<Participant>(1)).ToLookup(p => p.EngagementId);
        var topics = (await Read<TopicRef>(2)).ToLookup(t => t.EngagementId);
        var keyPoints = (await Read<KeyPointRow>(3)).ToLookup(k => k.EngagementId, k => new KeyPoint { Section = k.Section, Text = k.Text });
        var links = (await Read<LinkRow>(4)).ToLookup(l => l.EngagementId, l => new Link { Url = l.Url, Title = l.Title });
        var distribution = (await Read<Recipient>(5)).ToLookup(d => d.EngagementId);
        var authors = (await Read<AuthorRow>(6)).ToDictionary(a => a.EngagementId);
        return rows.Select(e => e with
        {
            Organisations = organisations[e.Id].ToList(),
            Participants = participants[e.Id].ToList(),
            Topics = topics[e.Id].ToList(),
            KeyPoints = keyPoints[e.Id].ToList(),
            Links = links[e.Id].ToList(),
            Distribution = distribution[e.Id].ToList(),
            Author = authors.TryGetValue(e.Id, out var author)
                ? new ContactRef { Id = author.Id, FullName = author.FullName, Archived = author.Archived, Restricted = author.Restricted }
                : null,
        }).Select(e => WithDuties(caller.IsAdmin ? e : WithoutRestrictedNames(e, restrictedNames), today)).ToList();
    }

    /// <summary>The contacts among <paramref name="ids"/> that exist, with their positions.</summary>
    public static Task<IEnumerable<ContactFacts>> ContactsNamedAsync(DbSession session, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        => QueryByIdsAsync<ContactFacts>(session, ContactsNamed, ids, cancellationToken);

    /// <summary>The organisations among <paramref name="ids"/> that exist, and whether each is one of our own units.</summary>
    public static Task<IEnumerable<OrganisationFacts>> OrganisationsNamedAsync(DbSession session, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
        => QueryByIdsAsync<OrganisationFacts>(session, OrganisationsNamed, ids, cancellationToken);

    /// <summary>The topics among <paramref name="ids"/> that exist.</summary>
    public static Task<IEnumerable<Guid>> TopicsNamedAsync(DbSession session, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        => QueryByIdsAsync<Guid>(session, TopicQueries.ExistingIds, ids, cancellationToken);

    private static async Task<IEnumerable<T>> QueryByIdsAsync<T>(DbSession session, SqlText sql, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
        => ids.Count == 0 ? [] : await session.QueryAsync<T>(sql, new { Ids = IdSet.Json(ids) }, cancellationToken);

    private static bool Selects(int mask, int list) => (mask & (1 << list)) != 0;

    public sealed record ContactFacts
    {
        public Guid Id { get; init; }
        public IReadOnlyList<Position> Positions { get; init; } = [];
        public Guid? CurrentOrganisationId { get; init; }
        public bool Restricted { get; init; }

        /// <summary>The role held that day, the latest started if several; else the current role.</summary>
        public Position? PositionOn(DateOnly day)
            => Positions.Where(p => p.Covers(day)).OrderByDescending(p => p.From ?? DateOnly.MinValue).FirstOrDefault()
               ?? Positions.FirstOrDefault(p => p.OrganisationId == CurrentOrganisationId && p.To is null);
    }

    public sealed record OrganisationFacts
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool Internal { get; init; }
    }

    private sealed record KeyPointRow
    {
        public Guid EngagementId { get; init; }
        public KeyPointSection Section { get; init; }
        public string Text { get; init; } = "";
    }

    private sealed record LinkRow
    {
        public Guid EngagementId { get; init; }
        public string Url { get; init; } = "";
        public string? Title { get; init; }
    }

    private sealed record AuthorRow
    {
        public Guid EngagementId { get; init; }
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public bool Archived { get; init; }
        public bool Restricted { get; init; }
    }
}
