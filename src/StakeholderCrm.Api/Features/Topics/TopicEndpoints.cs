using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Topics;

public static class TopicEndpoints
{
    public const string Route = "/api/topics";

    public static void MapTopicEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateTopic, ListTopics, TopicResponse, TopicFields>(
            new ResourceDocs(Route, "Topic", "Topics", "a", "Add a topic to the vocabulary.", "List topics in name order, one keyset page at a time."),
            id => new GetTopic(id),
            (id, version, patch) => new UpdateTopic(id, version, patch),
            (id, version, archived) => new ArchiveTopic(id, version, archived));
    }
}
