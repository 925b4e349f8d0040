using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Search;

public sealed class SearchTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Finds_every_kind_of_record_ranked_with_type_and_snippet()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        await Admin.CreateAsync("/api/commitments", new
        {
            title = "Organise a virtual visit to the European Transparency Centre in Dublin", description = "Open to regulators.",
            direction = "theirs", category = "visit", organisationId = seed.TikTok.Id(), madeInEngagementId = meeting.Id(),
        });
        await Admin.CreateOrganisationAsync("TikTok");

        var tiktok = await SearchAsync("tiktok");
        Assert.That(tiktok[0]["type"]!.GetValue<string>(), Is.EqualTo("organisation"));
        Assert.That((string)tiktok[0]["title"]!, Is.EqualTo("TikTok"), "the exact name ranks first");
        Assert.That((string)tiktok[1]["title"]!, Is.EqualTo("TikTok Technology Ltd"));

        var dublin = await SearchAsync("dublin");
        Assert.That(dublin.Select(h => $"{h["type"]}:{h["title"]}"), Is.EquivalentTo(new[]
        {
            "engagement:Meeting with TikTok", "commitment:Organise a virtual visit to the European Transparency Centre in Dublin",
        }));
        var engagement = dublin.Single(h => (string)h["type"]! == "engagement");
        Assert.That((string)engagement["snippet"]!, Does.Contain("Transparency Centre in Dublin"), "the key point that matched");
        Assert.That((string)engagement["id"]!, Is.EqualTo(meeting.Id()));

        var greer = await SearchAsync("greer");
        Assert.That((string)greer.Single()["snippet"]!, Is.EqualTo("Caroline Greer, Director, Public Policy & Government Relations"));
        Assert.That(await SearchAsync("nothing matches this"), Is.Empty);
        await (await Admin.GetAsync("/api/search")).FieldErrorAsync("q");
        await (await Admin.GetAsync("/api/search?q=a%20b%20c%20d%20e%20f")).FieldErrorAsync("q");
    }

    private async Task<List<JsonObject>> SearchAsync(string q)
    {
        var response = await (await Admin.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}")).JsonAsync(HttpStatusCode.OK);
        return response["items"]!.AsArray().Select(h => h!.AsObject()).ToList();
    }
}
