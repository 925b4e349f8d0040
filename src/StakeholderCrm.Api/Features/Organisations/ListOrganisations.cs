using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

public sealed record ListOrganisations : IQuery<Page<OrganisationResponse>>
{
    /// <summary>Words that start a word of the name or an alias; case and accents are ignored ("tik tok", "österr").</summary>
    public string? Q { get; init; }
    /// <summary>One of the organisation kinds.</summary>
    [OneOf<OrganisationKind>]
    public string? Kind { get; init; }
    public bool? Internal { get; init; }
    /// <summary>Only interest representatives (true) or only others (false), by the override or else the kind.</summary>
    public bool? InterestRepresentative { get; init; }
    /// <summary>Only organisations registered today (true) or not (false): a well-formed id, listed once a register was imported.</summary>
    public bool? Registered { get; init; }
    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public string? Country { get; init; }
    public string? Tag { get; init; }
    public Guid? ParentId { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>name (default), createdAt or updatedAt; a leading '-' sorts descending.</summary>
    [SortOrder<OrganisationSort>]
    public string? Sort { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    /// <summary>The nextCursor of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListOrganisationsValidator : AbstractValidator<ListOrganisations>
{
    public ListOrganisationsValidator()
    {
        RuleFor(q => q.Q).Must(Text.IsSearchable!).When(q => q.Q is not null).WithMessage(Text.SearchableMessage);
        RuleFor(q => q.Kind).OneOf(ApiEnum<OrganisationKind>.Names);
        RuleFor(q => q.Country).Must(Countries.IsAlpha2).When(q => q.Country is not null)
            .WithMessage("'country' must be an ISO 3166-1 alpha-2 code.");
        RuleFor(q => q.Sort).Must(s => OrganisationSort.Parse(s) is not null)
            .WithMessage("'sort' must be name, createdAt or updatedAt, with an optional leading '-'.");
        RuleFor(q => q.Tag).Must(t => !string.IsNullOrWhiteSpace(t) && Text.Characters(t) <= OrganisationFieldsValidator.MaxTagLength)
            .When(q => q.Tag is not null)
            .WithMessage($"'tag' must be a tag: not empty, at most {OrganisationFieldsValidator.MaxTagLength} characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed record OrganisationSort(string Name, string Column, bool Descending) : ISortOrder
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["name"] = "name_key",
        ["createdAt"] = "created_at",
        ["updatedAt"] = "updated_at",
    };

    public static IReadOnlyCollection<string> Fields => Columns.Keys;
    public static string Default => "name";

    public static OrganisationSort? Parse(string? sort)
        => Keyset.ParseSort(sort, Default, Columns) is (var name, var column, var descending) ? new OrganisationSort(name, column, descending) : null;

    public string? ValueOf(OrganisationResponse o) => Column switch
    {
        "name_key" => Text.Key(o.Name!),
        "created_at" => o.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        _ => o.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Names and times travel as separately typed parameters so that each gets its own type handling.</summary>
    public string CursorParameter => Column == "name_key" ? "@CursorName" : "@CursorTime";

    public DateTimeOffset? CursorTime(string? value) => Column == "name_key" || value is null ? null : Cursor.Time(value);
}

public sealed class ListOrganisationsHandler(DbSession session) : IRequestHandler<ListOrganisations, Page<OrganisationResponse>>
{
    public async Task<Page<OrganisationResponse>> Handle(ListOrganisations query, CancellationToken cancellationToken)
    {
        var sort = OrganisationSort.Parse(query.Sort)!;
        var after = Cursor.Decode(query.Cursor, sort.Name);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var (termFrom, termTo) = query.Q is null ? (null, null) : Text.PrefixRange(query.Q);
        var cursorTime = sort.CursorTime(after?.Value);

        var rows = (await session.QueryAsync<OrganisationResponse>(Sql(session.Dialect, query, sort, after is not null), new
        {
            query.Kind,
            query.Internal,
            query.InterestRepresentative,
            query.Registered,
            Country = query.Country?.ToUpperInvariant(),
            TagKey = query.Tag is null ? null : Text.Key(query.Tag),
            query.ParentId,
            TermFrom = termFrom,
            TermTo = termTo,
            CursorName = cursorTime is null ? after?.Value : null,
            CursorTime = cursorTime,
            CursorId = after?.Id,
            Take = limit + 1,
        }, cancellationToken)).ToList();

        rows = [.. await OrganisationQueries.WithRegistrationsAsync(session, rows, cancellationToken)];
        return Cursor.Page(rows, limit, o => Cursor.Encode(sort.Name, sort.ValueOf(o), o.Id));
    }

    /// <summary>Built only from the fixed fragments below; every value travels as a parameter.</summary>
    internal static string Sql(Dialect dialect, ListOrganisations query, OrganisationSort sort, bool afterCursor)
    {
        var conditions = new List<string>();
        if (query.IncludeArchived != true) conditions.Add("o.archived = 0");
        if (query.Kind is not null) conditions.Add("o.kind = @Kind");
        if (query.Internal is not null) conditions.Add("o.internal = @Internal");
        if (query.InterestRepresentative is not null) conditions.Add(InterestRepresentation.Condition);
        if (query.Registered is not null) conditions.Add(RegisterQueries.RegisteredCondition("o.transparency_register_id"));
        if (query.Country is not null) conditions.Add("o.country = @Country");
        if (query.ParentId is not null) conditions.Add("o.parent_id = @ParentId");
        if (query.Tag is not null) conditions.Add("o.id IN (SELECT t.organisation_id FROM organisation_tags t WHERE t.tag_key = @TagKey)");
        if (query.Q is not null)
        {
            conditions.Add(SearchIndex.Condition("o", OrganisationQueries.EntityType));
        }
        if (afterCursor) conditions.Add(Keyset.After($"o.{sort.Column}", "o.id", sort.Descending, sort.CursorParameter));
        return $"SELECT {OrganisationQueries.Columns} FROM organisations o {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy($"o.{sort.Column}", "o.id", sort.Descending)} {dialect.LimitClause}";
    }
}
