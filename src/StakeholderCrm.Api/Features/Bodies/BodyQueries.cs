using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Bodies;

/// <summary>Reading bodies: the columns, one by id, and the checks a write makes before it writes.</summary>
internal static class BodyQueries
{
    public const string EntityType = "body";
    public const string Columns = "b.id, b.name, b.kind, b.convener_id, b.website, b.description, b.version, b.created_at, b.updated_at, b.archived";

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM bodies b WHERE b.id = @Id");
    /// <summary>Whether <c>@Id</c> names a body, archived or not.</summary>
    public static readonly SqlText Exists = References.Exists("bodies");
    public static readonly SqlText LiveWithName = SqlText.Portable("SELECT id FROM bodies WHERE archived = 0 AND name_key = @NameKey AND id <> @Id");

    public static async Task<BodyResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<BodyResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id);

    public static async Task CheckConvenerAsync(DbSession session, Caller caller, Guid? convenerId, CancellationToken cancellationToken)
        => (await new References(session, caller).OneAsync(OrganisationQueries.Exists, convenerId, "convenerId", "organisation", cancellationToken))
            .ThrowIfInvalid();

    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, BodyFields fields, CancellationToken cancellationToken)
    {
        var existing = await session.QuerySingleOrDefaultAsync<Guid?>(LiveWithName, new { Id = id, NameKey = Text.Key(fields.Name!) }, cancellationToken);
        return new ConflictException($"A live body named '{fields.Name}' already exists.", existing);
    }
}
