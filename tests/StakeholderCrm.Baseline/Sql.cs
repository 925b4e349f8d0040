namespace StakeholderCrm.Baseline;

/// <summary>
/// The SQLite statements the API ran for the benchmark's reads at 54d3aa0, the start of issue 18, copied as they were
/// generated. The API's SQL changes during that issue; this copy stays, so that "before" and "after" face the same yardstick.
/// </summary>
internal static class Sql
{
    public const string OrganisationById = """
        SELECT o.id, o.name, o.kind, o.internal, o.transparency_register_id, o.country, o.website, o.aliases, o.parent_id,
        o.tags, o.notes, o.external_ids, o.version, o.created_at, o.updated_at, o.archived FROM organisations o WHERE o.id = @Id
        """;

    // The newest engagements of an organisation: the API walks its link table.
    public const string EngagementsOfOrganisation = """
        SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.location, e.confidentiality, e.external_ids, e.version,
        e.created_at, e.updated_at, e.archived FROM engagement_organisations d CROSS JOIN engagements e WHERE (@Cleared = 1 OR e.confidentiality <> 'sensitive')
        AND e.id = d.engagement_id AND d.organisation_id = @OrganisationId AND e.archived = 0 ORDER BY d.starts_at DESC, d.engagement_id DESC LIMIT @Take
        """;

    public const string EngagementsWithFrequentWord = """
        SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.location, e.confidentiality, e.external_ids, e.version,
        e.created_at, e.updated_at, e.archived FROM engagements e WHERE (@Cleared = 1 OR e.confidentiality <> 'sensitive') AND e.archived = 0
        AND EXISTS (SELECT 1 FROM engagement_words w0 WHERE w0.engagement_id = e.id AND w0.word >= @Word0From AND w0.word < @Word0To) ORDER BY e.starts_at DESC,
        e.id DESC LIMIT @Take
        """;

    public const string EngagementsWithRareWord = """
        SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.location, e.confidentiality, e.external_ids, e.version,
        e.created_at, e.updated_at, e.archived FROM engagements e WHERE (@Cleared = 1 OR e.confidentiality <> 'sensitive') AND e.archived = 0
        AND e.id IN (SELECT w0.engagement_id FROM engagement_words w0 WHERE w0.word >= @Word0From AND w0.word < @Word0To) ORDER BY e.starts_at DESC, e.id DESC
        LIMIT @Take
        """;

    // Chooses between the two statements above, as the API does: at least @Take rows is frequent.
    public const string WordRows = """
        SELECT COUNT(*) FROM (SELECT 1 AS one FROM engagement_words w WHERE w.word >= @From AND w.word < @To LIMIT @Take) c
        """;

    public const string OrganisationsOfEngagements = """
        SELECT eo.engagement_id, o.id, o.name, o.archived FROM engagement_organisations eo
        JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY eo.engagement_id, eo.position
        """;

    public const string OverdueCommitments = """
        SELECT c.id, c.title, c.description, c.direction, c.organisation_id, c.made_in_engagement_id, c.committed_by_id, c.owner_id,
        c.category, c.due_date, c.target_event, c.topic_ids, c.external_ids, c.status, c.version, c.created_at, c.updated_at, c.archived FROM commitments c
        WHERE (@Cleared = 1 OR c.made_in_engagement_id IS NULL OR c.made_in_engagement_id NOT IN (SELECT se.id FROM engagements se
        WHERE se.confidentiality = 'sensitive')) AND c.archived = 0 AND c.due_date < @Today AND c.status IN ('proposed', 'open', 'inProgress')
        ORDER BY c.due_sort ASC, c.id ASC LIMIT @Take
        """;

    public const string HistoryOfCommitments = """
        SELECT t.commitment_id, t.occurred_at, t.actor, t.from_status, t.to_status, t.note,
        t.evidence_engagement_id, t.evidence_url, t.evidence_note FROM commitment_transitions t WHERE t.commitment_id IN (SELECT value FROM json_each(@Ids))
        ORDER BY t.commitment_id, t.sequence
        """;

    public const string BriefingEngagements = """
        SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.location, e.purpose, e.summary, e.author_id,
        e.confidentiality, e.external_ids, e.version, e.created_at, e.updated_at, e.archived FROM engagement_organisations d CROSS JOIN engagements e
        WHERE e.id = d.engagement_id AND d.organisation_id = @Id AND e.archived = 0 AND (@Cleared = 1 OR e.confidentiality <> 'sensitive')
        ORDER BY d.starts_at DESC, d.engagement_id DESC LIMIT @Take
        """;

    // Seven statements, one command: organisations, participants, topics, key points, links, distribution, author.
    public const string ChildrenOfEngagements = """
        SELECT eo.engagement_id, o.id, o.name, o.archived FROM engagement_organisations eo
        JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY eo.engagement_id, eo.position;
        SELECT ep.engagement_id, ep.contact_id, ep.side, ep.role, ep.attended, c.full_name, ep.title, ep.organisation_id,
            po.name AS organisation_name, c.archived
        FROM engagement_participants ep JOIN contacts c ON c.id = ep.contact_id LEFT JOIN organisations po ON po.id = ep.organisation_id
        WHERE ep.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY ep.engagement_id, ep.position;
        SELECT et.engagement_id, t.id, t.name, t.archived FROM engagement_topics et
        JOIN topics t ON t.id = et.topic_id WHERE et.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY et.engagement_id, et.position;
        SELECT ek.engagement_id, ek.section, ek.text FROM engagement_key_points ek
        WHERE ek.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY ek.engagement_id, ek.position;
        SELECT el.engagement_id, el.url, el.title FROM engagement_links el
        WHERE el.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY el.engagement_id, el.position;
        SELECT ed.engagement_id, ed.contact_id, ed.kind, c.full_name, c.archived FROM engagement_distribution ed
        JOIN contacts c ON c.id = ed.contact_id WHERE ed.engagement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY ed.engagement_id, ed.position;
        SELECT e.id AS engagement_id, a.id, a.full_name, a.archived FROM engagements e
        JOIN contacts a ON a.id = e.author_id WHERE e.id IN (SELECT value FROM json_each(@Ids))
        """;

    public const string BriefingCommitments = """
        SELECT c.id, c.title, c.description, c.direction, c.organisation_id, c.made_in_engagement_id, c.committed_by_id, c.owner_id,
        c.category, c.due_date, c.target_event, c.topic_ids, c.external_ids, c.status, c.version, c.created_at, c.updated_at, c.archived FROM commitments c
        WHERE c.organisation_id = @Id AND c.archived = 0 AND c.status IN ('proposed', 'open', 'inProgress')
            AND (@Cleared = 1 OR c.made_in_engagement_id IS NULL OR c.made_in_engagement_id NOT IN (SELECT se.id FROM engagements se
            WHERE se.confidentiality = 'sensitive'))
        ORDER BY c.due_sort, c.id LIMIT @Take
        """;

    public const string BriefingMemberships = """
        SELECT m.id, m.organisation_id, o.name AS organisation_name, m.body_id, b.name AS body_name, m.status, m.since, m.until,
        m.source_engagement_id, m.notes, m.version, m.created_at, m.updated_at, m.archived, NULL AS status_as_of FROM memberships m
        JOIN organisations o ON o.id = m.organisation_id JOIN bodies b ON b.id = m.body_id
        WHERE m.organisation_id = @Id AND m.archived = 0 AND (@Cleared = 1 OR m.source_engagement_id IS NULL OR m.source_engagement_id NOT IN (SELECT se.id
        FROM engagements se WHERE se.confidentiality = 'sensitive')) ORDER BY b.name_key, m.id LIMIT @Take
        """;

    public const string HistoryOfMemberships = """
        SELECT h.membership_id, h.status, h.effective_on AS on_date, h.note, h.actor, h.occurred_at FROM membership_history h
        WHERE h.membership_id IN (SELECT value FROM json_each(@Ids)) ORDER BY h.membership_id, h.sequence
        """;

    public const string BriefingFigures = """
        SELECT r.figure_id, r.metric, r.metric_key, r.unit, r.scope, r.observed_on, r.value, MAX(r.observed_on || r.figure_id) AS newest
        FROM (SELECT f.id AS figure_id, f.metric, f.metric_key, f.unit, f.scope, f.observed_on, f.value
        FROM figures f WHERE f.organisation_id = @Id AND f.archived = 0 AND (@Cleared = 1 OR f.source_engagement_id IS NULL
        OR f.source_engagement_id NOT IN (SELECT se.id FROM engagements se WHERE se.confidentiality = 'sensitive'))
        ORDER BY f.observed_on DESC, f.id DESC LIMIT @Take) r GROUP BY r.metric_key, r.unit, r.scope
        """;

    public const string BriefingRepresentatives = """
        SELECT c.id AS contact_id, c.full_name, c.current_title AS title, c.email FROM contacts c
        WHERE c.current_organisation_id = @Id AND c.archived = 0 ORDER BY c.name_key, c.id LIMIT @Take
        """;

    public const string BriefingTopics = """
        SELECT t.id AS topic_id, t.name, counted.engagements FROM (
            SELECT et.topic_id, COUNT(*) AS engagements FROM engagement_topics et
            WHERE et.engagement_id IN (SELECT e.id FROM engagement_organisations d CROSS JOIN engagements e
        WHERE e.id = d.engagement_id AND d.organisation_id = @Id AND e.archived = 0 AND (@Cleared = 1 OR e.confidentiality <> 'sensitive')
        ORDER BY d.starts_at DESC, d.engagement_id DESC LIMIT @Recent) GROUP BY et.topic_id
        ) counted JOIN topics t ON t.id = counted.topic_id
        ORDER BY counted.engagements DESC, t.name LIMIT @Take
        """;

    public const string Changes = """
        SELECT sequence AS position, entity_type, entity_id, operation, version, actor, occurred_at, data FROM changes
        WHERE sequence > @After AND (@EntityType IS NULL OR entity_type = @EntityType) AND (@IncludeKeys = 1 OR entity_type <> 'apiKey') AND (@Cleared = 1
        OR entity_id NOT IN (SELECT se.id FROM engagements se WHERE se.confidentiality = 'sensitive'
        UNION ALL SELECT hc.id FROM commitments hc WHERE hc.made_in_engagement_id IN (SELECT se.id FROM engagements se WHERE se.confidentiality = 'sensitive')
        UNION ALL SELECT hm.id FROM memberships hm WHERE hm.source_engagement_id IN (SELECT se.id FROM engagements se WHERE se.confidentiality = 'sensitive')
        UNION ALL SELECT hf.id FROM figures hf WHERE hf.source_engagement_id IN (SELECT se.id FROM engagements se WHERE se.confidentiality = 'sensitive')))
        ORDER BY sequence LIMIT @Take
        """;
}
