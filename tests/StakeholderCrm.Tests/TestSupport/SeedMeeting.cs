namespace StakeholderCrm.Tests.TestSupport;

/// <summary>
/// The people, units and topics of the 28 June 2021 call with TikTok (shared/seeds), recorded as a front-end would,
/// and the engagement itself as a request body.
/// </summary>
public sealed class SeedMeeting
{
    /// <summary>TikTok's identification code in the demo register file: made up, as every code there.</summary>
    public const string DemoRegisterId = "000000000013-13";

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
        var tiktok = await client.CreateOrganisationAsync(new NewOrganisation("TikTok Technology Ltd")
        {
            Aliases = ["Tik Tok", "TikTok"], Country = "IE", TransparencyRegisterId = DemoRegisterId,
        });
        var cabinet = await client.CreateOrganisationAsync(NewOrganisation.OwnUnit("Cabinet of Commissioner Johansson"));
        var home = await client.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG Migration and Home Affairs") with { Aliases = ["HOME"] });
        async Task<JsonObject> Person(string name, JsonObject organisation, string title, string? function = null)
            => await client.CreateAsync(Routes.Contacts,
                new NewContact(name) { Positions = [new NewPosition(organisation.Id()) { Title = title, From = "2020-01-01", Function = function }] });

        return new SeedMeeting
        {
            TikTok = tiktok, Cabinet = cabinet, Home = home,
            Maglione = await Person("Monika Maglione", cabinet, "Member of Cabinet", "cabinetMember"),
            Greer = await Person("Caroline Greer", tiktok, "Director, Public Policy & Government Relations"),
            Evans = await Person("Alexandra Evans", tiktok, "Head of Child Safety Europe"),
            Muschel = await Person("Laurent Muschel", home, "Director", "director"),
            Recipients = [await Person("Johannes Luchner", home, "Deputy Director-General", "deputyDirectorGeneral"), await Person("Olivier Onidi", home, "Deputy Director-General", "deputyDirectorGeneral"),
                await Person("Monique Pariat", home, "Director-General", "directorGeneral")],
            ChildSafety = await client.CreateAsync(Routes.Topics, new NewTopic("Child safety")),
            Tco = await client.CreateAsync(Routes.Topics, new NewTopic("Terrorist content online (TCO Regulation)")),
        };
    }

    public NewEngagement Engagement() => new("Meeting with TikTok", "2021-06-28T10:00:00+02:00")
    {
        Kind = "call",
        Status = "held",
        EndsAt = "2021-06-28T11:00:00+02:00",
        Location = "Videoconference",
        OrganisationIds = [TikTok.Id()],
        Participants =
        [
            new NewParticipant(Maglione.Id()) { Role = "chair" }, new NewParticipant(Greer.Id()), new NewParticipant(Evans.Id()) { Side = "external" },
        ],
        TopicIds = [ChildSafety.Id(), Tco.Id()],
        Purpose = "TikTok's approach to security and safety and its wish to join the EU Internet Forum.",
        KeyPoints =
        [
            new("keyPoint",
                "Tik Tok is already a signatory to the EU's Disinformation Action Plan and the Code of Conduct on Illegal hate speech online. "
                    + "They would like to become members of the EU Internet Forum and would be ready to present their activities to the next Senior Officials "
                    + "Meeting in November 2021."),
            new("keyPoint", "Tik Tok offered to organise a virtual visit to its European Transparency Centre in Dublin, which is open to regulators."),
            new("keyPoint", "Tik Tok also informed extensively about its child safety policies and showed support for a NECMEC style operation."),
            new("keyPoint", "They are also interested in being involved in workshops on the implementation of the TCO Regulation."),
            new("detail", "Tik Tok informed they have passed the 100 million user mark in Europe."),
            new("detail", "The European Trust and Safety Team started off last year with 20 people with now over 1000 staff."),
        ],
        Links =
        [
            new("https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you", "Recommender systems"),
            new("https://newsroom.tiktok.com/en-gb/countering-hate-on-tiktok-gb", "Hateful ideologies"),
            new("https://newsroom.tiktok.com/en-gb/tiktok-launches-eu-transparency-and-accountability-centre", "The European Transparency Centre"),
        ],
        AuthorId = Muschel.Id(),
        Distribution =
        [
            new(Recipients[0].Id(), "to"), new(Maglione.Id(), "to"), new(Recipients[1].Id(), "to"), new(Recipients[2].Id(), "to"),
            new(Muschel.Id(), "cc"),
        ],
        Confidentiality = "internal",
    };

    /// <summary>The engagement as JSON, for a test that changes it into something the API must refuse.</summary>
    public JsonObject EngagementJson() => RequestBody.Node(Engagement());
}
