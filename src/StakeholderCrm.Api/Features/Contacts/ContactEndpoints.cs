using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Contacts;

public static class ContactEndpoints
{
    private static readonly ResourceDocs Docs = new ResourceDocs(Route, "Contact", "Contacts", "a",
        "Record a person: a stakeholder's representative or one of our own staff.",
        "List people, filtered and sorted, one keyset page at a time.")
    {
        PatchSummary = "Change a contact with a JSON merge patch (positions are replaced whole); If-Match is required.",
    };

    public const string Route = "/api/contacts";

    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateContact, ListContacts, ContactResponse, ContactFields>(
            Docs,
            id => new GetContact(id),
            (id, version, patch) => new UpdateContact(id, version, patch),
            (id, version, archived) => new ArchiveContact(id, version, archived))
            .MapExternalIds<CreateContact, ContactResponse, ContactFields>(Docs, id => new GetContact(id),
                (id, version, patch) => new UpdateContact(id, version, patch))
            .MapBulk<CreateContact, ListContacts, ContactResponse, ContactFields>(Docs, (query, cursor) => query with { Cursor = cursor, Limit = 200 }, c => c);
    }
}
