using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>Reading contacts: the columns, one by id, and the organisations a write names.</summary>
internal static class ContactQueries
{
    public const string EntityType = "contact";

    public const string Columns = """
        c.id, c.full_name, c.email, c.phone, c.notes, c.positions, c.current_organisation_id, c.current_title, c.external_ids,
        c.version, c.created_at, c.updated_at, c.archived, c.restricted
        """;

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM contacts c WHERE c.id = @Id");

    /// <summary>Whether <c>@Id</c> names a contact, archived or not.</summary>
    public static readonly SqlText Exists = References.Exists("contacts");

    public static async Task<ContactResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<ContactResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id);

    /// <summary>A restricted contact is kept as it is until the restriction is lifted; to anyone but an admin it does not exist.</summary>
    public static void CheckNotRestricted(ContactResponse contact, Caller caller)
    {
        if (contact.Restricted)
        {
            if (!caller.IsAdmin) throw new NotFoundException(EntityType, contact.Id);
            throw new ConflictException("The contact's processing is restricted (Article 20 of Regulation (EU) 2018/1725); "
                + "an admin must lift the restriction before it is changed.", contact.Id);
        }
    }

    /// <summary>Every position names an organisation; only a position at one of our own units has a function, and only one elsewhere is public-facing.</summary>
    public static async Task CheckOrganisationsAsync(DbSession session, IReadOnlyList<Position> positions, CancellationToken cancellationToken)
    {
        if (positions.Count == 0) return;
        var existing = (await session.QueryAsync<(Guid Id, bool Internal)>(OrganisationQueries.ExistingUnits,
            new { Ids = IdSet.Json(positions.Select(p => p.OrganisationId)) }, cancellationToken)).ToDictionary(o => o.Id, o => o.Internal);
        for (var i = 0; i < positions.Count; i++)
        {
            if (!existing.TryGetValue(positions[i].OrganisationId, out var isInternal))
            {
                throw new BadRequestFieldException($"positions[{i}].organisationId", $"No organisation has the id '{positions[i].OrganisationId}'.");
            }
            if (positions[i].Function is not null && !isInternal)
            {
                throw new BadRequestFieldException($"positions[{i}].function",
                    "A function is recorded only for a position at one of our own units (an internal organisation).");
            }
            if (positions[i].PublicFacing && isInternal)
            {
                throw new BadRequestFieldException($"positions[{i}].publicFacing",
                    "Only a position at an external organisation is public-facing: our own staff's names are kept by their function.");
            }
        }
    }
}
