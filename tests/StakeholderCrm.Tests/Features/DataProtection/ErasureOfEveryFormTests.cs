using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

/// <summary>An erasure reaches the values the person had before a change, and every case of them, but no other word.</summary>
public sealed class ErasureOfEveryFormTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string FormerName = "Petra Novakova";
    private const string FormerEmail = "petra.old@ex.org";
    private const string FormerPhone = "+32 470 11 22 33";

    [Test]
    public async Task A_replayed_create_and_history_from_before_a_rename_no_longer_hold_the_former_name_e_mail_or_phone()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var created = await (await Admin.SendAsync(KeyedCreate())).JsonAsync(HttpStatusCode.Created);
        var engagement = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Meeting with TikTok", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(created.Id()) { Side = "external" }],
        });
        var renamed = await (await Admin.PatchAsync(Routes.Contacts, created,
            """{"fullName": "Petra Novak", "email": "petra.new@ex.org", "phone": "+32 470 99 88 77"}""")).JsonAsync(HttpStatusCode.OK);

        await (await EraseContactTests.EraseAsync(Admin, renamed, new { reason = "Request", redactFreeText = true })).JsonAsync(HttpStatusCode.OK);

        var replay = await Admin.SendAsync(KeyedCreate());
        var replayed = await replay.Content.ReadAsStringAsync();
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created), replayed);
        Assert.That(replay.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That(replayed, Does.Contain("Erased person").And.Not.Contain("Novak").And.Not.Contain(FormerEmail).And.Not.Contain("470 11 22 33"));
        var history = await (await Admin.GetAsync($"{Routes.Engagements}/{engagement.Id()}/history")).JsonAsync(HttpStatusCode.OK);
        Assert.That(history["items"]!.AsArray(), Is.Not.Empty);
        Assert.That(history.ToJsonString(), Does.Not.Contain("Novak"));
        Assert.That(await TextsAsync("SELECT data FROM changes UNION ALL SELECT body FROM idempotency_keys"),
            Does.Not.Contain("Novak").And.Not.Contain("petra.").And.Not.Contain("470 11 22 33").And.Not.Contain("470 99 88 77"));
    }

    [Test]
    public async Task Redaction_takes_the_name_in_any_case_and_leaves_a_longer_name_alone()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact("Petra Novak") { Email = "Petra.Novak@ex.org" });
        var naming = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Call", "2021-06-28T10:00:00Z")
        {
            Kind = "call", OrganisationIds = [tiktok.Id()], Summary = "Met petra novak, then PETRA NOVAK wrote from petra.novak@EX.org.",
        });
        var other = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Call with Petra Novakova", "2021-06-29T10:00:00Z")
        {
            Kind = "call", OrganisationIds = [tiktok.Id()],
        });

        var erased = await (await EraseContactTests.EraseAsync(Admin, person, new { reason = "Request", redactFreeText = true }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(erased["freeText"]!.ToJsonString(), Is.EqualTo($$"""[{"entityType":"engagement","id":"{{naming.Id()}}","field":"summary"}]"""),
            "a longer name is another person");
        Assert.That((bool)erased["freeTextRedacted"]!, Is.True);
        Assert.That((string)(await Admin.ReadAsync(Routes.Engagements, naming.Id()))["summary"]!, Is.EqualTo("Met [erased], then [erased] wrote from [erased]."));
        var untouched = await Admin.ReadAsync(Routes.Engagements, other.Id());
        Assert.That((string)untouched["title"]!, Is.EqualTo("Call with Petra Novakova"));
        Assert.That((int)untouched["version"]!, Is.EqualTo((int)other["version"]!));
    }

    [Test]
    public async Task A_name_without_latin_letters_is_found_in_upper_case_too()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact("Ζωή Παππά"));
        var naming = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Call", "2021-06-28T10:00:00Z")
        {
            Kind = "call", OrganisationIds = [tiktok.Id()], Summary = "Συνάντηση με ΖΩΉ ΠΑΠΠΆ.",
        });

        var erased = await (await EraseContactTests.EraseAsync(Admin, person, new { reason = "Request", redactFreeText = true }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(erased["freeText"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That((string)(await Admin.ReadAsync(Routes.Engagements, naming.Id()))["summary"]!, Is.EqualTo("Συνάντηση με [erased]."));
    }

    [Test]
    public async Task The_logged_reason_loses_the_name_in_any_case()
    {
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact("Petra Novak"));

        await (await EraseContactTests.EraseAsync(Admin, person, new { reason = "Request of petra novak (PETRA NOVAK)" })).JsonAsync(HttpStatusCode.OK);

        Assert.That(await TextsAsync("SELECT reason FROM personal_data_requests"), Is.EqualTo("Request of [erased] ([erased])"));
    }

    private static HttpRequestMessage KeyedCreate()
    {
        var create = new HttpRequestMessage(HttpMethod.Post, Routes.Contacts)
        {
            Content = RequestBody.Content(new NewContact(FormerName) { Email = FormerEmail, Phone = FormerPhone }),
        };
        create.Headers.Add("Idempotency-Key", "erasure-of-former-values");
        return create;
    }

    private async Task<string> TextsAsync(string sql)
    {
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        return string.Concat(await connection.QueryAsync<string>(sql));
    }
}
