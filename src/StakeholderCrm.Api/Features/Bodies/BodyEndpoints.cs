using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Bodies;

public static class BodyEndpoints
{
    public const string Route = "/api/bodies";

    public static void MapBodyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateBody, ListBodies, BodyResponse, BodyFields>(
            new ResourceDocs(Route, "Body", "Bodies", "a", "Record a forum, code or alliance that organisations join or sign.",
                "List bodies in name order, by kind or name, one keyset page at a time."),
            id => new GetBody(id),
            (id, version, patch) => new UpdateBody(id, version, patch),
            (id, version, archived) => new ArchiveBody(id, version, archived));
    }
}
