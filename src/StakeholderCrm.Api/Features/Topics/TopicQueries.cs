using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Topics;

/// <summary>Reading topics: the columns, one by id, and the checks a write makes before it writes.</summary>
internal static class TopicQueries
{
    public const string EntityType = "topic";
    public const string Columns = "t.id, t.name, t.parent_id, t.description, t.version, t.created_at, t.updated_at, t.archived";

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM topics t WHERE t.id = @Id");
    public static readonly SqlText Exists = Hierarchy.ExistsStatement("topics");
    /// <summary>Those of the ids in <c>@Ids</c> that name a topic, archived or not.</summary>
    public static readonly SqlText ExistingIds = References.ExistingIds("topics");
    public static readonly SqlText AncestorIsSelf = Hierarchy.AncestorStatement("topics");
    public static readonly SqlText LiveWithName = SqlText.Portable("SELECT id FROM topics WHERE archived = 0 AND name_key = @NameKey AND id <> @Id");

    public static async Task<TopicResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<TopicResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id);

    public static Task CheckParentAsync(DbSession session, Guid id, Guid? parentId, CancellationToken cancellationToken)
        => Hierarchy.CheckParentAsync(session, Exists, AncestorIsSelf, EntityType, id, parentId, cancellationToken);

    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, TopicFields fields, CancellationToken cancellationToken)
    {
        var existing = await session.QuerySingleOrDefaultAsync<Guid?>(LiveWithName, new { Id = id, NameKey = Text.Key(fields.Name!) }, cancellationToken);
        return new ConflictException($"A live topic named '{fields.Name}' already exists.", existing);
    }
}
