using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Contacts;

public sealed record ListContacts : IQuery<Page<ContactResponse>>
{
    /// <summary>Words that start a word of the name or email, ignoring case and accents.</summary>
    public string? Q { get; init; }
    /// <summary>People whose current position is at this organisation (any position ever, with anyTime=true).</summary>
    public Guid? OrganisationId { get; init; }
    public bool? AnyTime { get; init; }
    /// <summary>true: people whose current position is in one of our own units; false: everyone else.</summary>
    public bool? Internal { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>fullName (default) or updatedAt; a leading '-' sorts descending.</summary>
    [SortOrder<ContactSort>]
    public string? Sort { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListContactsValidator : AbstractValidator<ListContacts>
{
    public ListContactsValidator()
    {
        RuleFor(q => q.Q).Must(Text.IsSearchable!).When(q => q.Q is not null).WithMessage(Text.SearchableMessage);
        RuleFor(q => q.Sort).Must(s => ContactSort.Parse(s) is not null).WithMessage("'sort' must be fullName or updatedAt, with an optional leading '-'.");
        RuleFor(q => q.AnyTime).Null().When(q => q.OrganisationId is null).WithMessage("'anyTime' applies only with 'organisationId'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed record ContactSort(string Name, string Column, bool Descending) : ISortOrder
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["fullName"] = "name_key",
        ["updatedAt"] = "updated_at",
    };

    public static IReadOnlyCollection<string> Fields => Columns.Keys;
    public static string Default => "fullName";

    public static ContactSort? Parse(string? sort)
        => Keyset.ParseSort(sort, Default, Columns) is (var name, var column, var descending) ? new ContactSort(name, column, descending) : null;

    public string CursorParameter => Column == "name_key" ? "@CursorName" : "@CursorTime";

    public string ValueOf(ContactResponse c)
        => Column == "name_key" ? Text.Key(c.FullName!) : c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture);
}

public sealed class ListContactsHandler(DbSession session, Caller caller) : IRequestHandler<ListContacts, Page<ContactResponse>>
{
    private const string InternalUnits = "SELECT io.id FROM organisations io WHERE io.internal = 1";

    public async Task<Page<ContactResponse>> Handle(ListContacts query, CancellationToken cancellationToken)
    {
        var sort = ContactSort.Parse(query.Sort)!;
        var after = Cursor.Decode(query.Cursor, sort.Name);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var (termFrom, termTo) = query.Q is null ? (null, null) : Text.PrefixRange(query.Q);
        var rows = (await session.QueryAsync<ContactResponse>(Sql(session.Dialect, query, sort, after is not null), new
        {
            query.OrganisationId, TermFrom = termFrom, TermTo = termTo, SeesRestricted = caller.IsAdmin,
            CursorName = sort.Column == "name_key" ? after?.Value : null,
            CursorTime = sort.Column == "name_key" || after is null ? (DateTimeOffset?)null : Cursor.Time(after.Value.Value),
            CursorId = after?.Id, Take = limit + 1,
        }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, c => Cursor.Encode(sort.Name, sort.ValueOf(c), c.Id));
    }

    internal static string Sql(Dialect dialect, ListContacts query, ContactSort sort, bool afterCursor)
    {
        var conditions = new List<string> { RestrictedContacts.Visible("c") };
        if (query.IncludeArchived != true) conditions.Add("c.archived = 0");
        if (query.Q is not null) conditions.Add(SearchIndex.Condition("c", ContactQueries.EntityType));
        if (query.OrganisationId is not null)
        {
            conditions.Add(query.AnyTime == true
                ? "c.id IN (SELECT cp.contact_id FROM contact_positions cp WHERE cp.organisation_id = @OrganisationId)"
                : "c.current_organisation_id = @OrganisationId");
        }
        if (query.Internal == true) conditions.Add($"c.current_organisation_id IN ({InternalUnits})");
        if (query.Internal == false) conditions.Add($"(c.current_organisation_id IS NULL OR c.current_organisation_id NOT IN ({InternalUnits}))");
        if (afterCursor) conditions.Add(Keyset.After($"c.{sort.Column}", "c.id", sort.Descending, sort.CursorParameter));
        return $"SELECT {ContactQueries.Columns} FROM contacts c {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy($"c.{sort.Column}", "c.id", sort.Descending)} {dialect.LimitClause}";
    }
}
