namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>How the walk reads one GET operation: each record its <c>{id}</c> names (none without one), and each query string it sends.</summary>
public sealed record ReadRequest(IReadOnlyList<string> Ids, IReadOnlyList<string> Queries)
{
    /// <summary>A list, plain and with each of the query strings.</summary>
    public static ReadRequest List(params string[] queries) => new([], ["", .. queries]);

    /// <summary>Each record by id, plain.</summary>
    public static ReadRequest Of(params string[] ids) => new(ids, [""]);
}

/// <summary>
/// The reads of every GET operation, by operationId, over <see cref="ReadRecords"/>: lists plain, paged (limit=1, so
/// that a next cursor is there), with archived records and with each kind of filter; reads by id of full, bare and
/// archived records. A new GET operation in the contract fails <see cref="ReadAnswerTests"/> until it has its row here.
/// </summary>
public static class ReadRequests
{
    private static readonly string Metric = Uri.EscapeDataString(ReadRecords.Metric);

    public static IReadOnlyDictionary<string, ReadRequest> For(ReadRecords r) => new Dictionary<string, ReadRequest>
    {
        ["ListOrganisations"] = ReadRequest.List("limit=1", "includeArchived=true&sort=-createdAt", "q=TikTok&kind=company&country=IE&tag=platform",
            $"parentId={r.TikTok}&includeArchived=true", "internal=true&sort=name", "q=Nobody"),
        ["GetOrganisation"] = ReadRequest.Of(r.TikTok, r.Organisation, r.ArchivedOrganisation),
        ["GetOrganisationByExternalId"] = ByExternalId,
        ["GetOrganisationHistory"] = ReadRequest.Of(r.TikTok, r.ArchivedOrganisation) with { Queries = ["", "limit=1"] },
        ["GetOrganisationBriefing"] = ReadRequest.Of(r.TikTok, r.Organisation),
        ["FindOrganisationRegisterMatches"] = ReadRequest.Of(r.TikTok, r.Organisation),
        ["GetOrganisationTimeline"] = ReadRequest.Of(r.TikTok, r.Organisation) with { Queries = ["", "limit=2"] },
        ["GetOrganisationFigures"] = ReadRequest.Of(r.TikTok, r.Organisation) with { Queries = ["", $"metric={Metric}"] },
        ["ExportOrganisationsCsv"] = ReadRequest.List("includeArchived=true"),
        ["ListContacts"] = ReadRequest.List("limit=1", $"organisationId={r.TikTok}&anyTime=true", "internal=true&sort=-fullName",
            "q=Bertram&includeArchived=true"),
        ["GetContact"] = ReadRequest.Of(r.Contact),
        ["GetContactByExternalId"] = ByExternalId,
        ["GetContactHistory"] = ReadRequest.Of(r.Contact),
        ["GetContactPersonalData"] = ReadRequest.Of(r.Contact, r.Owner),
        ["ExportContactsCsv"] = ReadRequest.List(),
        ["ListTopics"] = ReadRequest.List("limit=1", $"parentId={r.Topic}", "q=Age&includeArchived=true"),
        ["GetTopic"] = ReadRequest.Of(r.Topic),
        ["GetTopicHistory"] = ReadRequest.Of(r.Topic),
        ["ListEngagements"] = ReadRequest.List("limit=1", $"organisationId={r.TikTok}&sort=-startsAt", $"contactId={r.Contact}&topicId={r.Topic}",
            "kind=call&status=planned&confidentiality=internal", "from=2021-06-01T00:00:00Z&to=2021-12-31T00:00:00Z&q=TikTok&includeArchived=true"),
        ["GetEngagement"] = ReadRequest.Of(r.Engagement, r.BareEngagement),
        ["GetEngagementByExternalId"] = ByExternalId,
        ["GetEngagementHistory"] = ReadRequest.Of(r.Engagement, r.BareEngagement),
        ["ExportEngagementsCsv"] = ReadRequest.List(),
        // The full engagement is sensitive, so never released: release=public has its own tests.
        ["GetEngagementReport"] = ReadRequest.Of(r.Engagement, r.BareEngagement) with { Queries = ["", "format=docx"] },
        ["ListCommitments"] = ReadRequest.List("limit=1", $"organisationId={r.TikTok}&status=open&status=fulfilled&direction=theirs&sort=dueDate",
            $"ownerId={r.Owner}&engagementId={r.Engagement}&topicId={r.Topic}", "dueBefore=2022-01-01&dueAfter=2021-01-01", "overdue=true",
            "includeArchived=true&sort=-updatedAt"),
        ["GetCommitment"] = ReadRequest.Of(r.Commitment, r.ArchivedCommitment),
        ["GetCommitmentByExternalId"] = ByExternalId,
        ["GetCommitmentHistory"] = ReadRequest.Of(r.Commitment, r.ArchivedCommitment),
        ["ExportCommitmentsCsv"] = ReadRequest.List("includeArchived=true"),
        ["ListBodies"] = ReadRequest.List("limit=1", "kind=alliance&q=Global", "includeArchived=true"),
        ["GetBody"] = ReadRequest.Of(r.Body),
        ["GetBodyHistory"] = ReadRequest.Of(r.Body),
        ["ListMemberships"] = ReadRequest.List("limit=1", $"organisationId={r.TikTok}&status=member", $"bodyId={r.Body}&asOf=2021-10-01&includeArchived=true"),
        ["GetMembership"] = ReadRequest.Of(r.Membership),
        ["GetMembershipHistory"] = ReadRequest.Of(r.Membership),
        ["ListFigures"] = ReadRequest.List("limit=1", $"organisationId={r.TikTok}&metric={Metric}&includeArchived=true", $"sourceEngagementId={r.Engagement}"),
        ["ListRegisterEntries"] = ReadRequest.List("limit=1", "q=example&listed=true", "listed=false"),
        ["GetRegisterEntry"] = ReadRequest.Of(),
        ["ListPublications"] = ReadRequest.List("limit=1", "status=published", "status=overdue&from=2021-01-01&to=2021-12-31", "status=pending"),
        ["ExportPublicationsCsv"] = ReadRequest.List("status=published"),
        ["ExportPublicationsJson"] = ReadRequest.List("status=published", "status=pending"),
        ["GetFigure"] = ReadRequest.Of(r.Figure),
        ["GetFigureHistory"] = ReadRequest.Of(r.Figure),
        ["Search"] = new([], ["q=TikTok", "q=Age&limit=5", "q=Nobody"]),
        ["ListChanges"] = ReadRequest.List("limit=1", "entityType=commitment", "entityType=apiKey"),
        ["ListApiKeys"] = ReadRequest.List("limit=1"),
        ["ListWebhooks"] = ReadRequest.List("limit=1"),
        ["GetWebhook"] = ReadRequest.Of(r.Webhook),
        ["ListWebhookDeliveries"] = ReadRequest.Of(r.Webhook) with { Queries = ["", "limit=1", "status=pending", "status=delivered"] },
        ["GetProcessingRecord"] = ReadRequest.List(),
        ["ListRetention"] = ReadRequest.List(),
    };

    /// <summary>The path's <c>{system}</c> and <c>{externalId}</c> are <see cref="ReadRecords.System"/> and <see cref="ReadRecords.ExternalId"/>.</summary>
    private static ReadRequest ByExternalId => ReadRequest.List();
}
