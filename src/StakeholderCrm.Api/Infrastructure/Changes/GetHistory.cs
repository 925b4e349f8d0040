using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Infrastructure.Changes;

/// <summary>Who changed what and when: each change with the entity before and after it.</summary>
public sealed record HistoryEntry
{
    public long Sequence { get; init; }
    public string Operation { get; init; } = "";
    public int Version { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The entity as it was before the change; null for the change that created it.</summary>
    public StoredJson? Before { get; init; }
    /// <summary>The entity as it was after the change.</summary>
    public StoredJson After { get; init; }
}

public sealed record GetHistory(string EntityType, Guid Id, int? Limit, string? Cursor) : IQuery<Page<HistoryEntry>>;

public sealed class GetHistoryValidator : AbstractValidator<GetHistory>
{
    public GetHistoryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit).OverridePropertyName("limit");
}

public sealed class GetHistoryHandler(DbSession session, Caller caller) : IRequestHandler<GetHistory, Page<HistoryEntry>>
{
    private const string Sort = "sequence";

    private static readonly SqlText History = SqlText.Limited("""
        SELECT sequence, operation, version, actor, occurred_at, before, data FROM (
            SELECT sequence, operation, version, actor, occurred_at, data, LAG(data) OVER (ORDER BY sequence) AS before
            FROM changes WHERE entity_type = @EntityType AND entity_id = @Id) history
        WHERE sequence > @After ORDER BY sequence
        """);

    public async Task<Page<HistoryEntry>> Handle(GetHistory query, CancellationToken cancellationToken)
    {
        var after = Http.Cursor.Decode(query.Cursor, Sort);
        var limit = query.Limit ?? Http.Cursor.DefaultLimit;
        var rows = (await session.QueryAsync<HistoryRow>(History, new
        {
            query.EntityType, query.Id, After = after is null ? 0 : long.Parse(after.Value.Value!, System.Globalization.CultureInfo.InvariantCulture),
            Take = limit + 1,
        }, cancellationToken)).ToList();
        if ((rows.Count == 0 && after is null)
            || (!caller.Cleared && await session.ExecuteScalarAsync<long>(SensitiveRecords.HiddenEntity, new { query.Id }, cancellationToken) > 0)
            || await RestrictedContacts.HidesAsync(session, caller, query.EntityType, query.Id, cancellationToken))
        {
            throw new NotFoundException(query.EntityType, query.Id);
        }
        var seen = await RestrictedContacts.SnapshotsAsync(session, caller, cancellationToken);
        var page = Http.Cursor.Page(rows.Select(r => r.Entry(seen)).ToList(), limit,
            e => Http.Cursor.Encode(Sort, e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), query.Id));
        return page;
    }

    private sealed record HistoryRow
    {
        public long Sequence { get; init; }
        public string Operation { get; init; } = "";
        public int Version { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string? Before { get; init; }
        public string Data { get; init; } = "null";

        public HistoryEntry Entry(Func<string, string> seen) => new()
        {
            Sequence = Sequence, Operation = Operation, Version = Version, Actor = Actor, OccurredAt = OccurredAt,
            Before = Before is null ? null : new StoredJson(seen(Before)), After = new StoredJson(seen(Data)),
        };
    }
}
