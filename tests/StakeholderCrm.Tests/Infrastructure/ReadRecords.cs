using MediatR;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.Demo;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// What the read walk reads: the seed-demo call with TikTok (loaded by the command's handler), and, through the API, what
/// the demo leaves out: external ids, a topic tree, a past position, a commitment and a membership moved through their
/// lifecycles, an engagement with every list filled and one with none, archived records and API keys. The
/// organisation, contact, engagement and commitment read by external id are all known as <see cref="ExternalId"/>.
/// </summary>
public sealed record ReadRecords(string TikTok, string Organisation, string ArchivedOrganisation, string Contact, string Owner, string Topic, string Body,
    string Engagement, string BareEngagement, string Commitment, string ArchivedCommitment, string Membership, string Figure, string Webhook)
{
    public const string System = "walk";
    public const string ExternalId = "read-1";
    public const string Metric = "trust and safety staff in Europe";
    /// <summary>An entry of the demo register file, which the data set imports.</summary>
    public const string RegisterEntry = "000000000001-01";

    private static readonly IReadOnlyList<ExternalIdBody> ExternalIds = [new(System, ExternalId)];

    public static async Task<ReadRecords> SeedAsync(ApiHost host, HttpClient admin)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await new SeedDemo(scope.ServiceProvider.GetRequiredService<IMediator>()).RunAsync(CancellationToken.None);
        }
        await (await admin.ImportAsync(await File.ReadAllTextAsync(RegisterXml.DemoPath))).JsonAsync(HttpStatusCode.OK);
        var tiktok = (await admin.ListAsync(Routes.Organisations, "q=TikTok")).Single().Id();
        var home = (await admin.ListAsync(Routes.Organisations, "q=HOME&internal=true")).Single().Id();
        var greer = (await admin.ListAsync(Routes.Contacts, "q=Greer")).Single().Id();
        var muschel = (await admin.ListAsync(Routes.Contacts, "q=Muschel")).Single().Id();
        var childSafety = (await admin.ListAsync(Routes.Topics, "q=Child")).Single(t => (string)t["name"]! == "Child safety").Id();

        var organisation = await admin.CreateOrganisationAsync(new NewOrganisation("TikTok Ireland Trust and Safety")
        {
            TransparencyRegisterId = "638218841427-21", Country = "IE", Website = "https://www.tiktok.com/transparency", Aliases = ["TikTok T&S"],
            ParentId = tiktok, Tags = ["platform"], Notes = "Runs the European Transparency Centre in Dublin.", ExternalIds = ExternalIds,
        });
        var archivedOrganisation = await admin.CreateOrganisationAsync(new NewOrganisation("Musical.ly") { ParentId = tiktok });
        await Succeeds(admin.ArchiveAsync(Routes.Organisations, archivedOrganisation));
        var contact = await admin.CreateAsync(Routes.Contacts, new NewContact("Theo Bertram")
        {
            Email = "theo@example.org", Phone = "+44 20 7946 0000", Notes = "Moved from the Commission to TikTok.", ExternalIds = ExternalIds,
            Positions =
            [
                new NewPosition(home) { Title = "Policy Officer", From = "2015-01-01", To = "2019-12-31" },
                new NewPosition(tiktok) { Title = "Director, Government Relations", From = "2020-01-01" },
            ],
        });
        var topic = await admin.CreateAsync(Routes.Topics, new NewTopic("Age assurance") { ParentId = childSafety, Description = "Knowing a user's age." });
        await admin.CreateAsync(Routes.Topics, new NewTopic("Age assurance in app stores") { ParentId = topic.Id() });

        var engagement = await admin.CreateAsync(Routes.Engagements, new NewEngagement("Follow-up call with TikTok", "2021-09-15T14:00:00+02:00")
        {
            Kind = "videoConference", EndsAt = "2021-09-15T15:00:00+02:00", TimeZone = "Europe/Brussels", Location = "Webex",
            OrganisationIds = [tiktok, organisation.Id()],
            Participants = [new NewParticipant(greer) { Side = "external", Role = "speaker", Attended = true }, new NewParticipant(contact.Id())],
            TopicIds = [childSafety, topic.Id()], Purpose = "Follow up the June call.", Summary = "TikTok reported on age assurance.",
            KeyPoints =
            [
                new("keyPoint", "Age assurance pilots"), new("detail", "Two pilots"), new("position", "Supports the CSA proposal"),
                new("conclusion", "Meet again"),
            ],
            Links = [new NewLink("https://www.tiktok.com/safety", "Safety centre")], AuthorId = contact.Id(),
            Distribution = [new NewRecipient(greer, "to"), new NewRecipient(contact.Id(), "cc")], Confidentiality = "sensitive", ExternalIds = ExternalIds,
        });
        engagement = await (await admin.PatchAsync(Routes.Engagements, engagement, """{"summary": "TikTok reported on its age assurance pilots."}"""))
            .JsonAsync(HttpStatusCode.OK);
        // An engagement must name an organisation met; every other list of this one is empty.
        var bare = await admin.CreateAsync(Routes.Engagements,
            new NewEngagement("Call with TikTok", "2021-10-01T09:00:00Z") { Kind = "call", Status = "planned", OrganisationIds = [organisation.Id()] });

        // The seed's call published, and the planned call exempt: the publication's every field has a value somewhere.
        var call = (await admin.ListAsync(Routes.Engagements, "q=Meeting&from=2021-06-28&to=2021-06-28")).Single();
        await (await admin.PublishAsync(await admin.ReadAsync(Routes.Engagements, call.Id()),
            new { publishedOn = "2021-07-09", url = "https://ec.europa.eu/transparencyinitiative/meetings/1" })).JsonAsync(HttpStatusCode.OK);
        bare = await (await admin.ExemptAsync(bare, new { ground = "legalOrAdministrativeProcedure", reason = "Part of an infringement procedure." }))
            .JsonAsync(HttpStatusCode.OK);

        var commitment = await admin.CreateAsync(Routes.Commitments, new NewCommitment("Share age assurance results", tiktok)
        {
            Category = "report", Status = "proposed", Description = "Results of both pilots.", MadeInEngagementId = engagement.Id(), CommittedById = greer,
            OwnerId = muschel, DueDate = "2021-12-31", TargetEvent = "EU Internet Forum ministerial meeting", TopicIds = [topic.Id()],
            ExternalIds = ExternalIds,
        });
        foreach (var step in new[]
                 {
                     new Transition("open") { Note = "Agreed on the call." }, new Transition("inProgress"),
                     new Transition("fulfilled")
                     {
                         Evidence = new EvidenceBody { EngagementId = bare.Id(), Url = "https://www.example.org/report", Note = "Sent" },
                     },
                 })
        {
            commitment = await (await admin.TransitionAsync(Routes.Commitments, commitment, step)).JsonAsync(HttpStatusCode.OK);
        }
        var withdrawn = await admin.CreateAsync(Routes.Commitments,
            new NewCommitment("Send a speaker", tiktok) { Direction = "ours", Category = "presentation" });
        withdrawn = await (await admin.TransitionAsync(Routes.Commitments, withdrawn, new Transition("withdrawn"))).JsonAsync(HttpStatusCode.OK);
        await Succeeds(admin.ArchiveAsync(Routes.Commitments, withdrawn));

        var body = await admin.CreateAsync(Routes.Bodies, new NewBody("Global Internet Forum to Counter Terrorism", "alliance")
        {
            ConvenerId = organisation.Id(), Website = "https://gifct.org", Description = "An industry forum.",
        });
        var membership = await admin.CreateAsync(Routes.Memberships, new NewMembership(tiktok, body.Id(), "interested")
        {
            Since = "2021-06-28", SourceEngagementId = engagement.Id(), Notes = "Raised on the call.",
        });
        foreach (var step in new[] { new Transition("applied") { On = "2021-09-01" }, new Transition("member") { On = "2021-12-08", Note = "Admitted." } })
        {
            membership = await (await admin.TransitionAsync(Routes.Memberships, membership, step)).JsonAsync(HttpStatusCode.OK);
        }

        var figure = await admin.CreateAsync(Routes.Figures, new NewFigure(tiktok, Metric, 1200, "people")
        {
            Scope = "Europe", AsOf = "2021-09-15", SourceEngagementId = engagement.Id(), StatedById = greer, Note = "Up from 1000 in June.",
        });
        var archivedFigure = await admin.CreateAsync(Routes.Figures, new NewFigure(tiktok, Metric, 12, "people") { AsOf = "2021-09-14" });
        await Succeeds(admin.ArchiveAsync(Routes.Figures, archivedFigure));

        var revoked = await admin.CreateAsync(Routes.ApiKeys, new NewApiKey("old-importer", "editor") { Scopes = ["organisations:write"] });
        await Succeeds(admin.DeleteAsync($"{Routes.ApiKeys}/{revoked.Id()}"));

        // A public address (TEST-NET-3) that nothing is sent to: the shared host delivers nothing, so the ping stays pending.
        var webhook = await admin.CreateAsync("/api/webhooks", new
        {
            url = "https://203.0.113.10/hooks/crm", eventTypes = new[] { "engagement.*", "commitment.*" }, description = "Sync of the unit's CRM", cleared = true,
        });
        await Succeeds(admin.PostAsync($"/api/webhooks/{webhook.Id()}/ping", RequestBody.Content(new { })));

        return new ReadRecords(tiktok, organisation.Id(), archivedOrganisation.Id(), contact.Id(), muschel, topic.Id(), body.Id(), engagement.Id(), bare.Id(),
            commitment.Id(), withdrawn.Id(), membership.Id(), figure.Id(), webhook.Id());
    }

    private static async Task Succeeds(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }
}
