using StakeholderCrm.Tests.Features.Organisations;

namespace StakeholderCrm.Tests.Features.Engagements;

/// <summary>
/// The people, units and topics of the 28 June 2021 call with TikTok (shared/seeds), recorded as a front-end would,
/// and the engagement itself as a request body.
/// </summary>
public sealed class SeedMeeting
{
    public const string Contacts = "/api/contacts";
    public const string Topics = "/api/topics";
    public const string Engagements = "/api/engagements";

    public required JsonObject TikTok { get; init; }
    public required JsonObject Cabinet { get; init; }
    public required JsonObject Home { get; init; }
    public required JsonObject Maglione { get; init; }
    public required JsonObject Greer { get; init; }
    public required JsonObject Evans { get; init; }
    public required JsonObject Muschel { get; init; }
    public required IReadOnlyList<JsonObject> Recipients { get; init; }
    public required JsonObject ChildSafety { get; init; }
    public required JsonObject Tco { get; init; }

    public static async Task<SeedMeeting> RecordPeopleAsync(HttpClient client)
    {
        var tiktok = await client.CreateOrganisationAsync("TikTok Technology Ltd", new { aliases = new[] { "Tik Tok", "TikTok" }, country = "IE" });
        var cabinet = await client.CreateOrganisationAsync("Cabinet of Commissioner Johansson", new { kind = "euInstitution", @internal = true });
        var home = await client.CreateOrganisationAsync("DG Migration and Home Affairs", new { kind = "euInstitution", @internal = true, aliases = new[] { "HOME" } });
        async Task<JsonObject> Person(string name, JsonObject organisation, string title)
            => await client.CreateAsync(Contacts, new { fullName = name, positions = new[] { new { organisationId = organisation.Id(), title, from = "2020-01-01" } } });

        return new SeedMeeting
        {
            TikTok = tiktok, Cabinet = cabinet, Home = home,
            Maglione = await Person("Monika Maglione", cabinet, "Member of Cabinet"),
            Greer = await Person("Caroline Greer", tiktok, "Director, Public Policy & Government Relations"),
            Evans = await Person("Alexandra Evans", tiktok, "Head of Child Safety Europe"),
            Muschel = await Person("Laurent Muschel", home, "Director"),
            Recipients = [await Person("Johannes Luchner", home, "Deputy Director-General"), await Person("Olivier Onidi", home, "Deputy Director-General"),
                await Person("Monique Pariat", home, "Director-General")],
            ChildSafety = await client.CreateAsync(Topics, new { name = "Child safety" }),
            Tco = await client.CreateAsync(Topics, new { name = "Terrorist content online (TCO Regulation)" }),
        };
    }

    public JsonObject Engagement() => JsonNode.Parse($$"""
        {
          "title": "Meeting with TikTok",
          "kind": "call",
          "status": "held",
          "startsAt": "2021-06-28T10:00:00+02:00",
          "endsAt": "2021-06-28T11:00:00+02:00",
          "location": "Videoconference",
          "organisationIds": ["{{TikTok.Id()}}"],
          "participants": [
            {"contactId": "{{Maglione.Id()}}", "role": "chair"},
            {"contactId": "{{Greer.Id()}}"},
            {"contactId": "{{Evans.Id()}}", "side": "external"}
          ],
          "topicIds": ["{{ChildSafety.Id()}}", "{{Tco.Id()}}"],
          "purpose": "TikTok's approach to security and safety and its wish to join the EU Internet Forum.",
          "keyPoints": [
            {"section": "keyPoint", "text": "Tik Tok is already a signatory to the EU's Disinformation Action Plan and the Code of Conduct on Illegal hate speech online. They would like to become members of the EU Internet Forum and would be ready to present their activities to the next Senior Officials Meeting in November 2021."},
            {"section": "keyPoint", "text": "Tik Tok offered to organise a virtual visit to its European Transparency Centre in Dublin, which is open to regulators."},
            {"section": "keyPoint", "text": "Tik Tok also informed extensively about its child safety policies and showed support for a NECMEC style operation."},
            {"section": "keyPoint", "text": "They are also interested in being involved in workshops on the implementation of the TCO Regulation."},
            {"section": "detail", "text": "Tik Tok informed they have passed the 100 million user mark in Europe."},
            {"section": "detail", "text": "The European Trust and Safety Team started off last year with 20 people with now over 1000 staff."}
          ],
          "links": [
            {"url": "https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you", "title": "Recommender systems"},
            {"url": "https://newsroom.tiktok.com/en-gb/countering-hate-on-tiktok-gb", "title": "Hateful ideologies"},
            {"url": "https://newsroom.tiktok.com/en-gb/tiktok-launches-eu-transparency-and-accountability-centre", "title": "The European Transparency Centre"}
          ],
          "authorId": "{{Muschel.Id()}}",
          "distribution": [
            {"contactId": "{{Recipients[0].Id()}}", "kind": "to"},
            {"contactId": "{{Maglione.Id()}}", "kind": "to"},
            {"contactId": "{{Recipients[1].Id()}}", "kind": "to"},
            {"contactId": "{{Recipients[2].Id()}}", "kind": "to"},
            {"contactId": "{{Muschel.Id()}}", "kind": "cc"}
          ],
          "confidentiality": "internal"
        }
        """)!.AsObject();
}
