using MediatR;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>
/// A person's request for access (Article 17 of Regulation (EU) 2018/1725): everything the system holds that names them.
/// A command, because the access itself is recorded.
/// </summary>
public sealed record GetPersonalData(Guid ContactId) : ICommand<PersonalDataResponse>;

public sealed record PersonalDataResponse
{
    public Guid ContactId { get; init; }
    public DateTimeOffset ProducedAt { get; init; }
    public required ContactResponse Contact { get; init; }
    /// <summary>Every engagement they took part in, wrote or received, oldest first, with their part in it.</summary>
    public IReadOnlyList<EngagementInvolvement> Engagements { get; init; } = [];
    /// <summary>The commitments they made or own.</summary>
    public IReadOnlyList<CommitmentInvolvement> Commitments { get; init; } = [];
    /// <summary>The change rows that hold their data: their own contact's, and those of other records whose snapshot names them.</summary>
    public IReadOnlyList<PersonalHistoryEntry> History { get; init; } = [];
    /// <summary>
    /// The free text that names them, though no id links it to them (a colleague's summary, a figure's note): each place, by the
    /// rule an erasure redacts, for every name, e-mail and phone they ever had. Sensitive records only for cleared callers.
    /// </summary>
    public IReadOnlyList<FreeTextPlace> Mentions { get; init; } = [];
    /// <summary>What was asked of or done with their data: access, erasure, restriction, retention; this request included.</summary>
    public IReadOnlyList<PersonalDataRequestEntry> Requests { get; init; } = [];
    /// <summary>Records that name them but are sensitive: the caller is not cleared for them, so only their ids are given.</summary>
    public IReadOnlyList<WithheldRecord> Withheld { get; init; } = [];
}

public sealed record EngagementInvolvement
{
    /// <summary>How they took part, if they did: side, role, attendance, and title and organisation as on the day.</summary>
    public Participant? Participant { get; init; }
    /// <summary>They wrote the report.</summary>
    public bool Author { get; init; }
    /// <summary>They received the report: to or cc.</summary>
    public DistributionKind? Distribution { get; init; }
    public required EngagementResponse Engagement { get; init; }
}

public sealed record CommitmentInvolvement
{
    public bool CommittedBy { get; init; }
    public bool Owner { get; init; }
    public required CommitmentResponse Commitment { get; init; }
}

public sealed record PersonalHistoryEntry
{
    public string EntityType { get; init; } = "";
    public Guid EntityId { get; init; }
    public long Sequence { get; init; }
    public string Operation { get; init; } = "";
    public int Version { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The record as it was after the change.</summary>
    public StoredJson Data { get; init; }
}

public sealed record PersonalDataRequestEntry
{
    public string Kind { get; init; } = "";
    public string RequestedBy { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public string? Reason { get; init; }
}

/// <summary>A sensitive record that names the person; its content needs a caller cleared for it.</summary>
public sealed record WithheldRecord
{
    public string EntityType { get; init; } = "";
    public Guid Id { get; init; }
}

public sealed class GetPersonalDataHandler(DbSession session, Caller caller, TimeProvider clock, PublicationCalendar calendar)
    : IRequestHandler<GetPersonalData, PersonalDataResponse>
{
    private const string Involved = """
        SELECT iep.engagement_id FROM engagement_participants iep WHERE iep.contact_id = @Id
        UNION SELECT iea.id FROM engagements iea WHERE iea.author_id = @Id
        UNION SELECT ied.engagement_id FROM engagement_distribution ied WHERE ied.contact_id = @Id
        """;

    private static readonly string VisibleEngagements =
        $"SELECT ve.id FROM engagements ve WHERE ve.id IN ({Involved}) AND {SensitiveRecords.VisibleEngagement("ve")}";

    private static readonly string VisibleCommitments = $"""
        SELECT vc.id FROM commitments vc
        WHERE (vc.committed_by_id = @Id OR vc.owner_id = @Id) AND {SensitiveRecords.VisibleSource("vc.made_in_engagement_id")}
        """;

    /// <summary>The whole answer in one batch, whatever the number of engagements, commitments or changes.</summary>
    private static readonly SqlText Everything = SqlText.Batch(
        SqlText.Portable($"SELECT {ContactQueries.Columns} FROM contacts c WHERE c.id = @Id"),
        SqlText.Portable($"SELECT {EngagementQueries.Columns} FROM engagements e WHERE e.id IN ({VisibleEngagements}) ORDER BY e.starts_at, e.id"),
        EngagementQueries.ChildrenOf(SqlText.Portable(VisibleEngagements)),
        SqlText.Portable($"SELECT {CommitmentQueries.Columns} FROM commitments c WHERE c.id IN ({VisibleCommitments}) ORDER BY c.created_at, c.id"),
        CommitmentQueries.HistoryOf(SqlText.Portable(VisibleCommitments)),
        SqlText.Portable($"""
            SELECT ch.entity_type, ch.entity_id, ch.sequence, ch.operation, ch.version, ch.actor, ch.occurred_at, ch.data FROM changes ch
            WHERE ((ch.entity_type = '{ContactQueries.EntityType}' AND ch.entity_id = @Id) OR ch.data LIKE @Mention)
                AND {SensitiveRecords.VisibleEntity("ch.entity_id")}
            ORDER BY ch.sequence
            """),
        SqlText.Portable("""
            SELECT r.kind, r.requested_by, r.requested_at, r.reason FROM personal_data_requests r WHERE r.contact_id = @Id ORDER BY r.requested_at, r.id
            """),
        SqlText.Portable($"""
            SELECT '{EngagementQueries.EntityType}' AS entity_type, we.id FROM engagements we
            WHERE we.id IN ({Involved}) AND NOT {SensitiveRecords.VisibleEngagement("we")}
            UNION ALL
            SELECT '{CommitmentQueries.EntityType}' AS entity_type, wc.id FROM commitments wc
            WHERE (wc.committed_by_id = @Id OR wc.owner_id = @Id) AND NOT {SensitiveRecords.VisibleSource("wc.made_in_engagement_id")}
            ORDER BY entity_type, id
            """));

    public async Task<PersonalDataResponse> Handle(GetPersonalData query, CancellationToken cancellationToken)
    {
        var id = query.ContactId;
        var now = clock.GetUtcNow();
        // The log row first: it begins the transaction, whose snapshot the reads then share; an unknown id rolls it back.
        await PersonalDataRequests.RecordAsync(session, id, "access", caller.Name, now, null, cancellationToken);
        // A change row stores ids as System.Text.Json writes them: lower case, in quotes.
        var parameters = new { Id = id, caller.Cleared, Mention = $"%\"{id:D}\"%" };
        var answer = await session.QueryMultipleAsync(Everything, parameters, async grid =>
        {
            var contact = await grid.ReadSingleOrDefaultAsync<ContactResponse>() ?? throw new NotFoundException(ContactQueries.EntityType, id);
            // The access policy admits this caller to people's data: other restricted people in these engagements are named to them too.
            var engagements = await EngagementQueries.WithChildrenAsync(grid, Caller.System, (await grid.ReadAsync<EngagementResponse>()).ToList(), calendar.Today, []);
            var commitments = await CommitmentQueries.WithHistoryAsync(grid, clock, (await grid.ReadAsync<CommitmentResponse>()).ToList());
            var history = (await grid.ReadAsync<HistoryRow>()).Select(h => h.Entry()).ToList();
            var requests = (await grid.ReadAsync<PersonalDataRequestEntry>()).ToList();
            var withheld = (await grid.ReadAsync<WithheldRecord>()).ToList();
            return new PersonalDataResponse
            {
                ContactId = id,
                ProducedAt = now,
                Contact = contact,
                Engagements = engagements.Select(e => new EngagementInvolvement
                {
                    Participant = e.Participants.FirstOrDefault(p => p.ContactId == id),
                    Author = e.Author?.Id == id,
                    Distribution = e.Distribution.FirstOrDefault(d => d.ContactId == id)?.Kind,
                    Engagement = e,
                }).ToList(),
                Commitments = commitments.Select(c => new CommitmentInvolvement
                {
                    CommittedBy = c.CommittedById == id, Owner = c.OwnerId == id, Commitment = c,
                }).ToList(),
                History = history,
                Requests = requests,
                Withheld = withheld,
            };
        }, cancellationToken);
        return answer with { Mentions = await MentionsAsync(answer.Contact, cancellationToken) };
    }

    private async Task<IReadOnlyList<FreeTextPlace>> MentionsAsync(ContactResponse contact, CancellationToken cancellationToken)
    {
        var values = await ErasedValues.GatherAsync(session, contact, pseudonym: "", cancellationToken);
        var places = (await ErasureFreeText.FindAsync(session, values, cancellationToken)).Places;
        if (caller.Cleared) return places;
        var shown = new List<FreeTextPlace>();
        foreach (var place in places)
        {
            if (await session.ExecuteScalarAsync<long>(SensitiveRecords.HiddenEntity, new { place.Id }, cancellationToken) == 0) shown.Add(place);
        }
        return shown;
    }

    private sealed record HistoryRow
    {
        public string EntityType { get; init; } = "";
        public Guid EntityId { get; init; }
        public long Sequence { get; init; }
        public string Operation { get; init; } = "";
        public int Version { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Data { get; init; } = "null";

        public PersonalHistoryEntry Entry() => new()
        {
            EntityType = EntityType, EntityId = EntityId, Sequence = Sequence, Operation = Operation, Version = Version, Actor = Actor,
            OccurredAt = OccurredAt, Data = new StoredJson(Data),
        };
    }
}
