using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Commitments;

public sealed record ListCommitments : IQuery<Page<CommitmentResponse>>
{
    public Guid? OrganisationId { get; init; }
    /// <summary>One or more of proposed, open, inProgress, fulfilled, withdrawn, lapsed (repeat the parameter or separate with commas).</summary>
    [OneOf<CommitmentStatus>]
    public string[]? Status { get; init; }
    /// <summary>theirs or ours.</summary>
    [OneOf<CommitmentDirection>]
    public string? Direction { get; init; }
    public Guid? OwnerId { get; init; }
    /// <summary>The engagement the commitment was made in.</summary>
    public Guid? EngagementId { get; init; }
    public Guid? TopicId { get; init; }
    /// <summary>Due on or before this date.</summary>
    public DateOnly? DueBefore { get; init; }
    /// <summary>Due on or after this date.</summary>
    public DateOnly? DueAfter { get; init; }
    /// <summary>true: due date passed and still proposed, open or in progress; false: all others.</summary>
    public bool? Overdue { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>dueDate (default; undated last), -dueDate, updatedAt or -updatedAt.</summary>
    [SortOrder<CommitmentSort>]
    public string? Sort { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    /// <summary>Each status asked for, once, as the contract spells it (and the database stores it).</summary>
    public IReadOnlyList<string> Statuses() => (Status ?? [])
        .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}

public sealed class ListCommitmentsValidator : AbstractValidator<ListCommitments>
{
    public ListCommitmentsValidator()
    {
        RuleFor(q => q.Status).Must((query, _) => query.Statuses().All(ApiEnum<CommitmentStatus>.Names.Contains))
            .WithMessage(RequestErrors.OneOf("status", ApiEnum<CommitmentStatus>.Names));
        RuleFor(q => q.Direction).OneOf(ApiEnum<CommitmentDirection>.Names);
        RuleFor(q => q.Sort).Must(s => CommitmentSort.Parse(s) is not null).WithMessage("'sort' must be dueDate or updatedAt, with an optional leading '-'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed record CommitmentSort(string Name, string Column, bool Descending) : ISortOrder
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["dueDate"] = "due_sort",
        ["updatedAt"] = "updated_at",
    };

    public static IReadOnlyCollection<string> Fields => Columns.Keys;
    public static string Default => "dueDate";

    public static CommitmentSort? Parse(string? sort)
        => Keyset.ParseSort(sort, Default, Columns) is (var name, var column, var descending) ? new CommitmentSort(name, column, descending) : null;

    public string CursorParameter => Column == "due_sort" ? "@CursorDate" : "@CursorTime";

    public string ValueOf(CommitmentResponse c) => Column == "due_sort"
        ? (c.DueDate ?? CommitmentQueries.NoDueDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture);
}

public sealed class ListCommitmentsHandler(DbSession session, TimeProvider clock, Caller caller) : IRequestHandler<ListCommitments, Page<CommitmentResponse>>
{
    private const string Pending = "('proposed', 'open', 'inProgress')";

    public async Task<Page<CommitmentResponse>> Handle(ListCommitments query, CancellationToken cancellationToken)
    {
        var sort = CommitmentSort.Parse(query.Sort)!;
        var after = Cursor.Decode(query.Cursor, sort.Name);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var statuses = query.Statuses();
        var parameters = new Dapper.DynamicParameters(new
        {
            query.OrganisationId, query.OwnerId, query.EngagementId, query.TopicId, query.DueBefore, query.DueAfter,
            query.Direction,
            Today = CommitmentQueries.Today(clock),
            CursorDate = after is not null && sort.Column == "due_sort" ? Cursor.Date(after.Value.Value) : (DateOnly?)null,
            CursorTime = after is not null && sort.Column != "due_sort" ? Cursor.Time(after.Value.Value) : (DateTimeOffset?)null,
            CursorId = after?.Id,
            Take = limit + 1,
            caller.Cleared,
        });
        for (var i = 0; i < statuses.Count; i++) parameters.Add($"Status{i}", statuses[i]);

        var rows = (await session.QueryAsync<CommitmentResponse>(Sql(session.Dialect, query, statuses.Count, sort, after is not null), parameters,
            cancellationToken)).ToList();
        var page = Cursor.Page(rows, limit, c => Cursor.Encode(sort.Name, sort.ValueOf(c), c.Id));
        var restricted = await RestrictedContacts.NamesAsync(session, caller, cancellationToken);
        return page with
        {
            Items = (await CommitmentQueries.WithHistoryAsync(session, clock, page.Items, cancellationToken))
                .Select(c => CommitmentQueries.AsSeenBy(c, restricted)).ToList(),
        };
    }

    internal static string Sql(Dialect dialect, ListCommitments query, int statusCount, CommitmentSort sort, bool afterCursor)
    {
        var conditions = new List<string> { SensitiveRecords.VisibleSource("c.made_in_engagement_id") };
        if (query.IncludeArchived != true) conditions.Add("c.archived = 0");
        if (query.OrganisationId is not null) conditions.Add("c.organisation_id = @OrganisationId");
        if (statusCount > 0) conditions.Add($"c.status IN ({string.Join(", ", Enumerable.Range(0, statusCount).Select(i => $"@Status{i}"))})");
        if (query.Direction is not null) conditions.Add("c.direction = @Direction");
        if (query.OwnerId is not null) conditions.Add("c.owner_id = @OwnerId");
        if (query.EngagementId is not null) conditions.Add("c.made_in_engagement_id = @EngagementId");
        if (query.TopicId is not null) conditions.Add("c.id IN (SELECT ct.commitment_id FROM commitment_topics ct WHERE ct.topic_id = @TopicId)");
        if (query.DueBefore is not null) conditions.Add("c.due_date <= @DueBefore");
        if (query.DueAfter is not null) conditions.Add("c.due_date >= @DueAfter");
        if (query.Overdue == true) conditions.Add($"c.due_date < @Today AND c.status IN {Pending}");
        if (query.Overdue == false) conditions.Add($"(c.due_date IS NULL OR c.due_date >= @Today OR c.status NOT IN {Pending})");
        if (afterCursor) conditions.Add(Keyset.After($"c.{sort.Column}", "c.id", sort.Descending, sort.CursorParameter));
        return $"SELECT {CommitmentQueries.Columns} FROM commitments c {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy($"c.{sort.Column}", "c.id", sort.Descending)} {dialect.LimitClause}";
    }
}
