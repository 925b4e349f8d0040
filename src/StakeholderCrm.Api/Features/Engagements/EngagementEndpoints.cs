using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Engagements;

public static class EngagementEndpoints
{
    private static readonly ResourceDocs Docs = new ResourceDocs(Route, "Engagement", "Engagements", "an",
        "Record a meeting, call, visit or workshop with both sides' participants, key points, links and distribution.",
        "Find engagements by organisation, participant, topic, date or words, newest first, one keyset page at a time: "
            + "each a summary with the organisations met; read one by id for participants, key points and the rest.")
    {
        GetSummary = "Read an engagement with all its lists, archived or not.",
        PatchSummary = "Change an engagement with a JSON merge patch (lists are replaced whole); If-Match is required.",
        // No registration, no meeting (ADR 018).
        WriteProblems = [StatusCodes.Status422UnprocessableEntity],
    };

    public const string Route = "/api/engagements";

    public static void MapEngagementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateEngagement, ListEngagements, EngagementSummary, EngagementResponse, EngagementFields>(
            Docs,
            id => new GetEngagement(id),
            (id, version, patch) => new UpdateEngagement(id, version, patch),
            (id, version, archived) => new ArchiveEngagement(id, version, archived))
            .MapExternalIds<CreateEngagement, EngagementResponse, EngagementFields>(Docs, id => new GetEngagement(id),
                (id, version, patch) => new UpdateEngagement(id, version, patch))
            .MapBulk<CreateEngagement, ListEngagements, EngagementResponse, EngagementFields>(Docs,
                (query, cursor) => new ExportEngagements(query with { Cursor = cursor, Limit = 200 }), e => e.ToFields());
    }
}
