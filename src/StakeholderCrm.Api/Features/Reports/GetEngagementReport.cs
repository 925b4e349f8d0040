using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>The query string of GET /api/engagements/{id}/report.</summary>
public sealed record ReportParameters
{
    /// <summary>markdown or docx; left out, the Accept header decides (markdown unless it prefers the Word document).</summary>
    [OneOf(ReportFormats.Markdown, ReportFormats.Docx)]
    public string? Format { get; init; }
    /// <summary>public: the copy released on an access-to-documents request, other staff's names redacted.</summary>
    [OneOf(ReportFormats.Public)]
    public string? Release { get; init; }
}

public static class ReportFormats
{
    public const string Markdown = "markdown";
    public const string Docx = "docx";
    public const string Public = "public";
}

/// <summary>An engagement written out as the report its author sends, or as the copy released to the public.</summary>
public sealed record GetEngagementReport(Guid Id, string? Format, string? Release) : IQuery<EngagementReport>;

public sealed class GetEngagementReportValidator : AbstractValidator<GetEngagementReport>
{
    public GetEngagementReportValidator()
    {
        RuleFor(q => q.Format).Must(f => f is null or ReportFormats.Markdown or ReportFormats.Docx)
            .WithMessage("'format' must be markdown or docx.");
        RuleFor(q => q.Release).Must(r => r is null or ReportFormats.Public).WithMessage("'release' must be public.");
    }
}

public sealed class GetEngagementReportHandler(DbSession session, Caller caller, PublicationCalendar calendar)
    : IRequestHandler<GetEngagementReport, EngagementReport>
{
    public Task<EngagementReport> Handle(GetEngagementReport query, CancellationToken cancellationToken)
        => session.InReadSnapshotAsync(async () =>
        {
            // The release copy redacts from the names as stored, so that it reads the same whoever asks for it.
            var stored = await EngagementQueries.LoadStoredAsync(session, caller, query.Id, calendar.Today, cancellationToken);
            var released = query.Release == ReportFormats.Public;
            var engagement = released ? stored : await EngagementQueries.AsSeenByAsync(session, stored, caller, calendar.Today, cancellationToken);
            if (released && engagement.Confidentiality == Confidentiality.Sensitive)
            {
                throw new ConflictException("A sensitive engagement is not released to the public: its report is kept internal.");
            }
            var people = engagement.Participants.Select(p => p.ContactId).Concat(engagement.Distribution.Select(d => d.ContactId))
                .Concat(engagement.AuthorId is { } author ? [author] : []).ToList();
            var contacts = (await EngagementQueries.ContactsNamedAsync(session, people, cancellationToken)).ToDictionary(c => c.Id);
            var organisationIds = contacts.Values.SelectMany(c => c.Positions.Select(p => p.OrganisationId))
                .Concat(engagement.Participants.Select(p => p.OrganisationId).OfType<Guid>()).Concat(engagement.OrganisationIds).ToList();
            var organisations = (await session.QueryAsync<ReportOrganisation>(OrganisationQueries.Names,
                new { Ids = IdSet.Json(organisationIds) }, cancellationToken)).ToDictionary(o => o.Id);
            return ReportComposer.Compose(engagement, contacts, organisations, released);
        }, cancellationToken);
}
