using FluentValidation;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Topics;

/// <summary>A term of the controlled vocabulary engagements and commitments are filed under.</summary>
public record TopicFields
{
    /// <summary>Unique among live topics, ignoring case; at most 200 characters.</summary>
    /// <example>Terrorist content online (TCO Regulation)</example>
    public string? Name { get; init; }
    /// <summary>The broader topic, e.g. "Child safety" above "Child sexual abuse online".</summary>
    public Guid? ParentId { get; init; }
    public string? Description { get; init; }
}

public sealed record TopicResponse : TopicFields, IArchivable
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed class TopicFieldsValidator : AbstractValidator<TopicFields>
{
    public TopicFieldsValidator()
    {
        RuleFor(t => t.Name).NotEmpty().Must(n => Text.Characters(n) <= 200).WithMessage("'name' must be at most 200 characters.");
        RuleFor(t => t.Description).Must(d => Text.Characters(d) <= 4000).WithMessage("'description' must be at most 4000 characters.");
    }
}

internal static class TopicSql
{
    public const string EntityType = "topic";
    public const string Columns = "t.id, t.name, t.parent_id, t.description, t.version, t.created_at, t.updated_at, t.archived";

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM topics t WHERE t.id = @Id");
    public static readonly SqlText Exists = Hierarchy.ExistsStatement("topics");
    public static readonly SqlText AncestorIsSelf = Hierarchy.AncestorStatement("topics");
    public static readonly SqlText SetArchived = Archiving.Statement("topics");
    public static readonly SqlText LiveWithName = SqlText.Portable("SELECT id FROM topics WHERE archived = 0 AND name_key = @NameKey AND id <> @Id");

    public static async Task<TopicResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<TopicResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id);

    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, TopicFields fields, CancellationToken cancellationToken)
    {
        var existing = await session.QuerySingleOrDefaultAsync<Guid?>(LiveWithName, new { Id = id, NameKey = Text.Key(fields.Name!) }, cancellationToken);
        return new ConflictException($"A live topic named '{fields.Name}' already exists.", existing);
    }

    /// <summary>The parent rule, the search rows and the change row every write of a topic ends with.</summary>
    public static async Task<TopicResponse> AfterWriteAsync(DbSession session, ChangeLog changes, Guid id, TopicFields fields,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, EntityType, id, [fields.Name], cancellationToken);
        var topic = await LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(EntityType, id, operation, topic.Version, topic, cancellationToken);
        return topic;
    }
}
