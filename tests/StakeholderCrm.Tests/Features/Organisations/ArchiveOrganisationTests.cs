using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

public sealed class ArchiveOrganisationTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Archive_keeps_the_organisation_readable_and_restore_brings_it_back()
    {
        var created = await Admin.CreateOrganisationAsync("Defunct Forum");
        var id = (string)created["id"]!;

        var archiveResponse = await Admin.ArchiveAsync(id, Requests.ETag(created));
        var archived = await archiveResponse.JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)archived["archived"]!, Is.True);
        Assert.That(archiveResponse.Headers.ETag!.Tag, Is.EqualTo("\"2\""));

        var read = await (await Admin.GetAsync($"{Routes.Organisations}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)read["archived"]!, Is.True);

        var restored = await (await Admin.RestoreAsync(id, Requests.ETag(archived))).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)restored["archived"]!, Is.False);
        var list = await (await Admin.GetAsync(Routes.Organisations)).JsonAsync(HttpStatusCode.OK);
        Assert.That(list["items"]!.AsArray().Select(o => (string)o!["id"]!), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task Archive_needs_if_match_and_refuses_a_stale_one()
    {
        var created = await Admin.CreateOrganisationAsync("Defunct Forum");
        var id = (string)created["id"]!;
        await (await Admin.ArchiveAsync(id, ifMatch: null)).ProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Admin.ArchiveAsync(id, "\"7\"")).ProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Admin.RestoreAsync(id, ifMatch: null)).ProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Test]
    public async Task Archiving_twice_or_restoring_a_live_organisation_is_a_conflict()
    {
        var created = await Admin.CreateOrganisationAsync("Defunct Forum");
        var id = (string)created["id"]!;
        await (await Admin.RestoreAsync(id, Requests.ETag(created))).ProblemAsync(HttpStatusCode.Conflict);
        var archived = await (await Admin.ArchiveAsync(id, Requests.ETag(created))).JsonAsync(HttpStatusCode.OK);
        await (await Admin.ArchiveAsync(id, Requests.ETag(archived))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Restoring_when_a_live_organisation_took_the_name_is_a_conflict_naming_it()
    {
        var old = await Admin.CreateOrganisationAsync("EU Internet Forum");
        var archived = await (await Admin.ArchiveAsync((string)old["id"]!, Requests.ETag(old))).JsonAsync(HttpStatusCode.OK);
        var replacement = await Admin.CreateOrganisationAsync("EU Internet Forum");
        var problem = await (await Admin.RestoreAsync((string)old["id"]!, Requests.ETag(archived))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo((string)replacement["id"]!));
    }

    [Test]
    public async Task An_archived_organisation_cannot_be_patched_until_restored()
    {
        var created = await Admin.CreateOrganisationAsync("Defunct Forum");
        var archived = await (await Admin.ArchiveAsync((string)created["id"]!, Requests.ETag(created))).JsonAsync(HttpStatusCode.OK);
        await (await Admin.PatchAsync((string)created["id"]!, """{"notes": "x"}""", Requests.ETag(archived))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Unknown_ids_are_404()
    {
        await (await Admin.ArchiveAsync(Guid.NewGuid().ToString(), "\"1\"")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.RestoreAsync(Guid.NewGuid().ToString(), "\"1\"")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
