using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>The export's filters: the list's, without its paging, as the export streams every row.</summary>
public sealed record PublicationFilters
{
    /// <summary>pending, overdue or published; left out, all three.</summary>
    [OneOf("pending", "overdue", "published")]
    public string? Status { get; init; }
    /// <summary>Meetings on or after this day (in their own time zone).</summary>
    public DateOnly? From { get; init; }
    /// <summary>Meetings on or before this day.</summary>
    public DateOnly? To { get; init; }

    public ListPublications Page(string? cursor, int limit) => new() { Status = Status, From = From, To = To, Cursor = cursor, Limit = limit };
}

/// <summary>A page of the export's rows, for the list's filters: what export.csv and export.json stream.</summary>
public sealed record ExportPublications(ListPublications Filters) : IQuery<Page<PublicationRow>>;

public sealed class ExportPublicationsValidator : AbstractValidator<ExportPublications>
{
    public ExportPublicationsValidator() => RuleFor(e => e.Filters).SetValidator(new ListPublicationsValidator()).OverridePropertyName("");
}

public sealed class ExportPublicationsHandler(DbSession session, Caller caller, PublicationCalendar calendar)
    : IRequestHandler<ExportPublications, Page<PublicationRow>>
{
    private const int MaxAcronymLength = 20;

    public async Task<Page<PublicationRow>> Handle(ExportPublications query, CancellationToken cancellationToken)
    {
        var page = await ListPublicationsHandler.ReadAsync(session, caller, calendar.Today, query.Filters, cancellationToken);
        var units = page.Items.SelectMany(e => e.Participants).Select(p => p.OrganisationId).OfType<Guid>().Distinct().ToList();
        var acronyms = units.Count == 0 ? new Dictionary<Guid, string>()
            : (await session.QueryAsync<UnitAliases>(OrganisationQueries.Names, new { Ids = IdSet.Json(units) }, cancellationToken))
                .Select(u => (u.Id, Acronym: u.Aliases.Where(a => Text.Characters(a) <= MaxAcronymLength).OrderBy(a => a.Length).FirstOrDefault()))
                .Where(u => u.Acronym is not null)
                .ToDictionary(u => u.Id, u => u.Acronym!);
        return new Page<PublicationRow>(page.Items.SelectMany(e => PublicationExport.Rows(e, acronyms)).ToList(), page.NextCursor);
    }

    private sealed record UnitAliases
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public IReadOnlyList<string> Aliases { get; init; } = [];
    }
}
