using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Publications;

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

    private static readonly SqlText Aliases = IdSet.Statement("SELECT id, aliases FROM organisations WHERE id IN ({ids})");

    public async Task<Page<PublicationRow>> Handle(ExportPublications query, CancellationToken cancellationToken)
    {
        var page = await ListPublicationsHandler.ReadAsync(session, caller, calendar.Today, query.Filters, cancellationToken);
        var units = page.Items.SelectMany(e => e.Participants).Select(p => p.OrganisationId).OfType<Guid>().Distinct().ToList();
        var acronyms = units.Count == 0 ? new Dictionary<Guid, string>()
            : (await session.QueryAsync<UnitAliases>(Aliases, new { Ids = IdSet.Json(units) }, cancellationToken))
                .Select(u => (u.Id, Acronym: u.Aliases.Where(a => a.Length <= MaxAcronymLength).OrderBy(a => a.Length).FirstOrDefault()))
                .Where(u => u.Acronym is not null)
                .ToDictionary(u => u.Id, u => u.Acronym!);
        return new Page<PublicationRow>(page.Items.SelectMany(e => PublicationExport.Rows(e, acronyms)).ToList(), page.NextCursor);
    }

    private sealed record UnitAliases
    {
        public Guid Id { get; init; }
        public IReadOnlyList<string> Aliases { get; init; } = [];
    }
}
