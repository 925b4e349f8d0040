namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// A complete valid request for one operation: bodies that fill every property of its schema, made afresh for each
/// call (names and external ids are unique), and for an operation on <c>{id}</c> the record it acts on.
/// </summary>
public sealed record ValidRequest(params Func<WalkRecords, Task<JsonObject>>[] Bodies)
{
    /// <summary>The record an operation on <c>{id}</c> acts on, made afresh for each call.</summary>
    public Func<WalkRecords, Task<JsonObject>>? Subject { get; init; }

    /// <summary>
    /// Properties of which the API needs at least one, a rule <c>required</c> cannot state: none of them may be listed
    /// as required, and a body left with none of them must be refused naming one of them.
    /// </summary>
    public IReadOnlyList<string> OneOf { get; init; } = [];
}

/// <summary>The records the valid requests refer to, and names no other request in the walk has used.</summary>
public sealed class WalkRecords(HttpClient client, SeedMeeting meeting, JsonObject engagement)
{
    private int count;

    public HttpClient Client => client;
    public SeedMeeting Meeting => meeting;
    public string Organisation => meeting.TikTok.Id();
    public string Engagement => engagement.Id();

    public static async Task<WalkRecords> SeedAsync(HttpClient admin)
    {
        var meeting = await SeedMeeting.RecordPeopleAsync(admin);
        return new WalkRecords(admin, meeting, await admin.CreateAsync(Routes.Engagements, meeting.Engagement()));
    }

    public int Next() => Interlocked.Increment(ref count);

    public string Unique(string name) => $"{name} {Next()}";

    public IReadOnlyList<ExternalIdBody> ExternalIds() => [new("walk", Unique("record"))];

    /// <summary>A new body, for memberships: an organisation is a member of a body once.</summary>
    public async Task<string> NewBodyAsync() => (await client.CreateAsync(Routes.Bodies, new NewBody(Unique("Forum"), "forum"))).Id();
}

/// <summary>
/// One complete valid request per operation that creates, replaces or moves a record from a JSON body, by operationId.
/// A new such operation in the contract fails <see cref="RequiredPropertyTests"/> until it has its row here.
/// </summary>
public static class ValidRequests
{
    public static readonly IReadOnlyDictionary<string, ValidRequest> ByOperation = Table();

    private static Dictionary<string, ValidRequest> Table()
    {
        var organisation = new ValidRequest(Body(r => new NewOrganisation(r.Unique("Organisation"))
        {
            Kind = "company", Internal = false, TransparencyRegisterId = $"{100_000_000_000 + r.Next()}-34", Country = "IE",
            Website = "https://www.example.org", Aliases = [r.Unique("Alias")], ParentId = r.Organisation, Tags = ["platform"], Notes = "Notes",
            ExternalIds = r.ExternalIds(),
            InterestRepresentativeOverride = new { value = false, reason = "Meets us only under a grant agreement." },
        }));
        var contact = new ValidRequest(Body(r => new NewContact(r.Unique("Contact"))
        {
            Email = "contact@example.org", Phone = "+32 2 299 11 11", Notes = "Notes",
            Positions =
            [
                new NewPosition(r.Meeting.Home.Id()) { Title = "Head of Unit", From = "2022-01-01", To = "2023-12-31", Function = "headOfUnit",
                    PublicFacing = false },
                new NewPosition(r.Organisation) { Title = "Head of Public Policy", From = "2020-01-01", To = "2021-12-31", PublicFacing = true },
            ],
            ExternalIds = r.ExternalIds(),
        }));
        var engagement = new ValidRequest(Body(r => new NewEngagement(r.Unique("Meeting"), "2021-06-28T10:00:00+02:00")
        {
            Kind = "call", Status = "held", EndsAt = "2021-06-28T11:00:00+02:00", TimeZone = "Europe/Brussels", Location = "Videoconference",
            OrganisationIds = [r.Organisation],
            Participants = [new NewParticipant(r.Meeting.Greer.Id()) { Side = "external", Role = "speaker", Attended = true }],
            TopicIds = [r.Meeting.Tco.Id()], Purpose = "Purpose", Summary = "Summary",
            KeyPoints = [new NewKeyPoint("keyPoint", "They would like to join the EU Internet Forum.")],
            Links = [new NewLink("https://newsroom.tiktok.com/", "Newsroom")], AuthorId = r.Meeting.Muschel.Id(),
            Distribution = [new NewRecipient(r.Meeting.Maglione.Id(), "to")], Confidentiality = "internal", ExternalIds = r.ExternalIds(),
            UnregisteredOverride = new { reason = "Registration pending, confirmed by the register secretariat." },
        }));
        var commitment = new ValidRequest(Body(r => new NewCommitment(r.Unique("Commitment"), r.Organisation)
        {
            Direction = "theirs", Category = "presentation", Status = "open", Description = "Description", MadeInEngagementId = r.Engagement,
            CommittedById = r.Meeting.Greer.Id(), OwnerId = r.Meeting.Muschel.Id(), DueDate = "2021-11-30", TargetEvent = "Senior Officials Meeting",
            TopicIds = [r.Meeting.Tco.Id()], ExternalIds = r.ExternalIds(),
        }));
        return new Dictionary<string, ValidRequest>
        {
            ["CreateOrganisation"] = organisation,
            ["PutOrganisationByExternalId"] = organisation,
            ["CreateOrganisationsInBatch"] = Batch(organisation),
            ["CreateContact"] = contact,
            ["PutContactByExternalId"] = contact,
            ["CreateContactsInBatch"] = Batch(contact),
            ["CreateEngagement"] = engagement,
            ["PutEngagementByExternalId"] = engagement,
            ["CreateEngagementsInBatch"] = Batch(engagement),
            ["CreateCommitment"] = commitment,
            // The status of a commitment changes through transitions only, so a PUT does not take it.
            ["PutCommitmentByExternalId"] = new(async r => Without(await commitment.Bodies[0](r), "status")),
            ["CreateCommitmentsInBatch"] = Batch(commitment),
            ["TransitionCommitment"] = new(Body(r => new Transition("open")
            {
                Note = "Agreed", Evidence = new EvidenceBody { EngagementId = r.Engagement, Url = "https://www.example.org/minutes", Note = "Minutes" },
            }))
            {
                Subject = r => r.Client.CreateAsync(Routes.Commitments, new NewCommitment(r.Unique("Commitment"), r.Organisation) { Category = "visit" }),
            },
            ["EraseContact"] = new(Body(_ => new { reason = "Request of the data subject", redactFreeText = true }))
            {
                Subject = r => r.Client.CreateAsync(Routes.Contacts, new NewContact(r.Unique("Person"))),
            },
            ["RecordPublication"] = new(Body(_ => new { publishedOn = "2021-07-09", url = "https://ec.europa.eu/transparencyinitiative/meetings/1" }))
            {
                Subject = r => r.Client.CreateAsync(Routes.Engagements, r.Meeting.Engagement()),
            },
            ["ExemptFromPublication"] = new(Body(_ => new { ground = "spontaneousEncounter", reason = "Met by chance at a reception." }))
            {
                Subject = r => r.Client.CreateAsync(Routes.Engagements, r.Meeting.Engagement()),
            },
            ["RestrictContact"] = new(Body(_ => new { reason = "The person contests the accuracy of their data." }))
            {
                Subject = r => r.Client.CreateAsync(Routes.Contacts, new NewContact(r.Unique("Restricted person"))),
            },
            ["CreateTopic"] = new(Body(r => new NewTopic(r.Unique("Topic")) { ParentId = r.Meeting.ChildSafety.Id(), Description = "Description" })),
            ["CreateBody"] = new(Body(r => new NewBody(r.Unique("Forum"), "forum")
            {
                ConvenerId = r.Organisation, Website = "https://www.example.org", Description = "Description",
            })),
            ["CreateMembership"] = new(async r => RequestBody.Node(new NewMembership(r.Organisation, await r.NewBodyAsync(), "member")
            {
                Since = "2021-01-01", Until = "2021-12-31", SourceEngagementId = r.Engagement, Notes = "Notes",
            })),
            ["TransitionMembership"] = new(Body(_ => new Transition("member") { On = "2021-06-28", Note = "Joined" }))
            {
                Subject = async r => await r.Client.CreateAsync(Routes.Memberships,
                    new NewMembership(r.Organisation, await r.NewBodyAsync(), "interested") { Since = "2021-01-01" }),
            },
            // A figure is stated as of a day or over a period, never both: two bodies fill its properties between them.
            ["CreateFigure"] = new(
                Body(r => Figure(r) with { AsOf = "2021-06-28" }),
                Body(r => Figure(r) with { PeriodStart = "2021-01-01", PeriodEnd = "2021-06-30" }))
            {
                OneOf = ["asOf", "periodEnd"],
            },
            ["CreateWebhook"] = new(Body(r => new
            {
                url = $"https://203.0.113.10/hooks/{r.Next()}", eventTypes = new[] { "engagement.created", "commitment.*" }, description = "Description",
                cleared = true, active = true,
            })),
            ["CreateApiKey"] = new(Body(r => new NewApiKey(r.Unique("walk-key"), "editor")
            {
                Scopes = ["engagements:read"], Cleared = true, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            })),
        };
    }

    private static NewFigure Figure(WalkRecords r) => new(r.Organisation, "trust and safety staff in Europe", 1000, "people")
    {
        Scope = "Europe", SourceEngagementId = r.Engagement, StatedById = r.Meeting.Greer.Id(), Note = "Note",
    };

    private static JsonObject Without(JsonObject body, string property)
    {
        body.Remove(property);
        return body;
    }

    private static Func<WalkRecords, Task<JsonObject>> Body(Func<WalkRecords, object> body) => r => Task.FromResult(RequestBody.Node(body(r)));

    private static ValidRequest Batch(ValidRequest item) => new(item.Bodies
        .Select(body => (Func<WalkRecords, Task<JsonObject>>)(async r => new JsonObject { ["items"] = new JsonArray(await body(r)) })).ToArray())
    {
        OneOf = item.OneOf.Select(name => $"items[0].{name}").ToList(),
    };
}
