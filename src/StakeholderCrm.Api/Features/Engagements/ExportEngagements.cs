using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>A page of full engagements selected by the list's filters: what export.csv streams.</summary>
public sealed record ExportEngagements(ListEngagements Filters) : IQuery<Page<EngagementResponse>>;

public sealed class ExportEngagementsHandler(DbSession session, SearchWordFrequency frequency, Caller caller,
    PublicationCalendar calendar)
    : IRequestHandler<ExportEngagements, Page<EngagementResponse>>
{
    public async Task<Page<EngagementResponse>> Handle(ExportEngagements query, CancellationToken cancellationToken)
    {
        var (sql, parameters, sort) = await ListEngagementsHandler.PrepareAsync(session, caller, frequency, query.Filters, EngagementQueries.Columns,
            cancellationToken);
        var rows = (await session.QueryAsync<EngagementResponse>(sql, parameters, cancellationToken)).ToList();
        var page = Cursor.Page(rows, query.Filters.Limit ?? Cursor.DefaultLimit, e => Cursor.Encode(sort.Name, sort.ValueOf(e), e.Id));
        return page with { Items = await EngagementQueries.WithChildrenAsync(session, caller, page.Items, calendar.Today, cancellationToken) };
    }
}

public sealed class ExportEngagementsValidator : AbstractValidator<ExportEngagements>
{
    public ExportEngagementsValidator() => RuleFor(e => e.Filters).SetValidator(new ListEngagementsValidator()).OverridePropertyName("");
}
