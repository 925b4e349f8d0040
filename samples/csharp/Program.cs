using StakeholderCrm.Client;

// Records the 28 June 2021 call between the cabinet and TikTok, then exercises what a sync script relies on: paging,
// idempotent replays, If-Match, merge patch and field errors. Each step prints what it checked; the first failure exits 1.
var baseUrl = Environment.GetEnvironmentVariable("STAKEHOLDERCRM_URL") ?? throw Fail("STAKEHOLDERCRM_URL is not set");
var apiKey = Environment.GetEnvironmentVariable("STAKEHOLDERCRM_KEY") ?? throw Fail("STAKEHOLDERCRM_KEY is not set");
using var http = new HttpClient();
http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
var crm = new CrmClient(http) { BaseUrl = baseUrl };
var run = Guid.NewGuid().ToString("N")[..8];

try
{
    // The organisations: TikTok, recorded twice with one Idempotency-Key (the second answer is the stored first one).
    var tiktokBody = new CreateOrganisation
    {
        Name = $"TikTok Technology Ltd (sample {run})", Kind = OrganisationKind.Company, Country = "IE",
        Aliases = ["TikTok", "Tik Tok"], Tags = ["platform"],
    };
    var idempotencyKey = Guid.NewGuid().ToString();
    var tiktok = await crm.CreateOrganisationAsync(tiktokBody, idempotencyKey);
    var replay = await crm.CreateOrganisationAsync(tiktokBody, idempotencyKey);
    Check(tiktok.StatusCode == 201 && !tiktok.IdempotentReplayed, "the first POST creates the organisation (201, not replayed)");
    Check(replay.Result.Id == tiktok.Result.Id && replay.IdempotentReplayed, "the same Idempotency-Key replays it: same id, Idempotent-Replayed: true");

    var cabinet = await crm.CreateOrganisationAsync(new CreateOrganisation
    {
        Name = $"Cabinet of Commissioner Johansson (sample {run})", Kind = OrganisationKind.EuInstitution, Internal = true,
        Aliases = ["CAB-JOHANSSON"],
    }, Guid.NewGuid().ToString());
    Check(cabinet.Result.Internal, "our cabinet is recorded as internal");

    // The people on the call.
    async Task<ContactResponse> Contact(string name, Guid organisationId, string? title) => (await crm.CreateContactAsync(new CreateContact
    {
        FullName = name, Positions = [new PositionInput { OrganisationId = organisationId, Title = title }],
    }, Guid.NewGuid().ToString())).Result;

    var maglione = await Contact("Monika Maglione", cabinet.Result.Id, "Member of Cabinet");
    var greer = await Contact("Caroline Greer", tiktok.Result.Id, "Director, Public Policy & Government Relations");
    var evans = await Contact("Alexandra Evans", tiktok.Result.Id, "Head of Child Safety Europe");

    var call = await crm.CreateEngagementAsync(new CreateEngagement
    {
        Title = "Call with TikTok on security, safety and the EU Internet Forum",
        Kind = EngagementKind.Call, Status = EngagementStatus.Held, StartsAt = new DateTimeOffset(2021, 6, 28, 12, 0, 0, TimeSpan.FromHours(2)),
        TimeZone = "Europe/Brussels",
        Purpose = "TikTok's approach to security and safety and its wish to join the EU Internet Forum.",
        OrganisationIds = [tiktok.Result.Id],
        Participants =
        [
            new ParticipantFields { ContactId = maglione.Id, Side = Side.Internal },
            new ParticipantFields { ContactId = greer.Id, Side = Side.External },
            new ParticipantFields { ContactId = evans.Id, Side = Side.External },
        ],
        KeyPoints =
        [
            new KeyPoint { Section = KeyPointSection.KeyPoint, Text = "TikTok would like to join the EU Internet Forum and present its activities at the "
                + "next Senior Officials Meeting in November 2021." },
            new KeyPoint { Section = KeyPointSection.KeyPoint, Text = "TikTok offered a virtual visit to its European Transparency Centre in Dublin." },
            new KeyPoint { Section = KeyPointSection.KeyPoint, Text = "TikTok supports the Commission's plans for a NCMEC-style operation." },
            new KeyPoint { Section = KeyPointSection.KeyPoint, Text = "TikTok is interested in workshops on implementing the TCO Regulation." },
            new KeyPoint { Section = KeyPointSection.Detail, Text = "Over 100 million users in Europe; the Trust and Safety team grew from 20 to over 1000." },
        ],
        Links = [new LinkInput { Title = "How TikTok recommends videos", Url = "https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you" }],
    }, Guid.NewGuid().ToString());
    Check(call.Result.Participants.Count == 3 && call.Result.KeyPoints.Count == 5, "the call is recorded with its 3 participants and 5 key points");
    Check(call.Result.LocalStartsAt == call.Result.StartsAt && call.Result.LocalStartsAt.Offset == TimeSpan.FromHours(2),
        "the call keeps its Brussels time: 12:00+02:00");

    var promise = await crm.CreateCommitmentAsync(new CreateCommitment
    {
        Title = "Present TikTok's activities at the EU Internet Forum's Senior Officials Meeting", Direction = CommitmentDirection.Theirs,
        Category = CommitmentCategory.Presentation, OrganisationId = tiktok.Result.Id, MadeInEngagementId = call.Result.Id,
        CommittedById = greer.Id, OwnerId = maglione.Id, DueDate = new DateOnly(2021, 11, 30), TargetEvent = "EU Internet Forum SOM, November 2021",
        Status = CommitmentStatus.Open,
    }, Guid.NewGuid().ToString());
    Check(promise.Result.Status == CommitmentStatus.Open && promise.ETag is not null, "the commitment is open and its response carries an ETag");

    // A transition names the version it moves on from; the ETag it answers with is the next one to send.
    var started = await crm.TransitionCommitmentAsync(promise.Result.Id, promise.ETag!,
        new TransitionRequest { To = CommitmentStatus.InProgress, Note = "Invited to the November SOM." }, Guid.NewGuid().ToString());
    Check(started.Result.Status == CommitmentStatus.InProgress && started.ETag != promise.ETag, "If-Match with the ETag moves it to inProgress");
    var stale = await Problem<ProblemDetails>(() => crm.TransitionCommitmentAsync(promise.Result.Id, promise.ETag!,
        new TransitionRequest { To = CommitmentStatus.Withdrawn }, Guid.NewGuid().ToString()));
    Check(stale.StatusCode == 412, "the stale ETag is refused with 412");

    // Paging: one organisation a page until there is no next cursor.
    var seen = new List<Guid>();
    string? cursor = null;
    var pages = 0;
    do
    {
        var page = await crm.ListOrganisationsAsync(q: $"sample {run}", limit: 1, cursor: cursor);
        seen.AddRange(page.Result.Items.Select(o => o.Id));
        cursor = page.Result.NextCursor;
        pages++;
    } while (cursor is not null && pages < 100);
    Check(cursor is null && seen.Count == 2 && seen.Contains(tiktok.Result.Id) && seen.Contains(cabinet.Result.Id),
        $"the list, one item a page, ends after both organisations ({pages} pages)");

    // Merge patch: set the website, then clear it (the Clear list does what null does); each change names the version it changes.
    var withWebsite = await crm.UpdateOrganisationAsync(tiktok.Result.Id, replay.ETag!, new OrganisationPatch { Website = "https://www.tiktok.com" });
    Check(withWebsite.Result.Website == "https://www.tiktok.com" && withWebsite.Result.Name == tiktokBody.Name, "a merge patch sets the website only");
    var cleared = await crm.UpdateOrganisationAsync(tiktok.Result.Id, withWebsite.ETag!, new OrganisationPatch { Clear = [OrganisationClearableField.Website] });
    Check(cleared.Result.Website is null && cleared.Result.Country == "IE", "a patch whose clear list names the website clears it and nothing else");

    // A field error: a name is required (the compiler insists), and an empty one is a 400 whose errors name the field.
    var invalid = await Problem<ValidationProblem>(() => crm.CreateOrganisationAsync(new CreateOrganisation { Name = "", Kind = OrganisationKind.Company }));
    Check(invalid.StatusCode == 400 && invalid.Result.Errors.ContainsKey("name"), "an organisation with an empty name is a 400 with errors.name");
}
catch (CrmApiException unexpected) when (unexpected.Problem is { } problem)
{
    throw Fail($"unexpected {unexpected.StatusCode}: {problem.Title} {problem.Detail} (traceId {problem.TraceId})");
}
catch (CrmApiException unexpected)
{
    throw Fail($"unexpected {unexpected.StatusCode}: {unexpected.Message}");
}

Console.WriteLine("C# sample: all steps passed");
return 0;

static async Task<CrmApiException<TProblem>> Problem<TProblem>(Func<Task> call)
{
    try
    {
        await call();
    }
    catch (CrmApiException<TProblem> problem)
    {
        return problem;
    }
    throw Fail("the call succeeded, a problem was expected");
}

static void Check(bool passed, string what)
{
    if (!passed) throw Fail(what);
    Console.WriteLine($"ok: {what}");
}

static Exception Fail(string what)
{
    Console.Error.WriteLine($"FAILED: {what}");
    Environment.Exit(1);
    return new InvalidOperationException(what);
}
