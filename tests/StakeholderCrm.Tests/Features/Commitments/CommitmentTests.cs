using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Commitments;

public sealed class CommitmentTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Commitments;
    private SeedMeeting seed = null!;

    [SetUp]
    public async Task RecordPeople() => seed = await SeedMeeting.RecordPeopleAsync(Admin);

    /// <summary>Every (from, to) pair the lifecycle forbids, reached through allowed steps.</summary>
    public static IEnumerable<TestCaseData> IllegalTransitions()
        => from pair in CommitmentLifecycle.Allowed
           from to in Enum.GetValues<CommitmentStatus>()
           where !pair.Value.Contains(to)
           select new TestCaseData(Json.Name(pair.Key), Json.Name(to)).SetArgDisplayNames($"{pair.Key} to {to}");

    [Test]
    public async Task Records_a_commitment_with_its_first_history_entry()
    {
        var commitment = await CreateAsync(Body() with
        {
            DueDate = "2021-11-30",
            TargetEvent = "Senior Officials Meeting, November 2021",
            TopicIds = [seed.Tco.Id()],
        });
        Assert.That((string)commitment["status"]!, Is.EqualTo("proposed"));
        Assert.That((string)commitment["direction"]!, Is.EqualTo("theirs"));
        Assert.That((bool)commitment["overdue"]!, Is.True, "due in 2021 and still proposed");
        var history = commitment["history"]!.AsArray();
        Assert.That(history, Has.Count.EqualTo(1));
        Assert.That(history[0]!["from"], Is.Null);
        Assert.That((string)history[0]!["to"]!, Is.EqualTo("proposed"));
        Assert.That((string)history[0]!["actor"]!, Is.EqualTo("bootstrap-admin"));
    }

    [TestCaseSource(nameof(IllegalTransitions))]
    public async Task An_illegal_transition_is_a_409_naming_the_allowed_ones(string from, string to)
    {
        var commitment = await ReachAsync(from);
        var problem = await (await TransitionAsync(commitment, WithMinutes(to))).ProblemAsync(HttpStatusCode.Conflict);
        var allowed = CommitmentLifecycle.Allowed[Enum.Parse<CommitmentStatus>(from, ignoreCase: true)].Select(Json.Name);
        Assert.That(problem["allowed"]!.AsArray().Select(a => (string)a!), Is.EquivalentTo(allowed));
        Assert.That((string)(await Admin.ReadAsync(Route, commitment.Id()))["status"]!, Is.EqualTo(from));
    }

    [Test]
    public async Task Fulfilment_needs_evidence()
    {
        var commitment = await ReachAsync("open");
        var fulfil = new Transition("fulfilled");
        await (await TransitionAsync(commitment, fulfil)).FieldErrorAsync("evidence");
        await (await TransitionAsync(commitment, fulfil with { Evidence = new EvidenceBody { Note = "  " } })).FieldErrorAsync("evidence");
        await (await TransitionAsync(commitment, fulfil with { Evidence = new EvidenceBody { EngagementId = Guid.NewGuid().ToString() } }))
            .FieldErrorAsync("evidence.engagementId");
        await (await TransitionAsync(commitment, fulfil with { Evidence = new EvidenceBody { Url = "not a url" } })).FieldErrorAsync("evidence.url");

        var withMinutes = fulfil with { Note = "Presented at the SOM.", Evidence = new EvidenceBody { Url = "https://example.org/som-minutes" } };
        var fulfilled = await (await TransitionAsync(commitment, withMinutes)).JsonAsync(HttpStatusCode.OK);
        var last = fulfilled["history"]!.AsArray()[^1]!;
        Assert.That((string)last["from"]!, Is.EqualTo("open"));
        Assert.That((string)last["evidence"]!["url"]!, Is.EqualTo("https://example.org/som-minutes"));
        Assert.That((string)last["note"]!, Is.EqualTo("Presented at the SOM."));
    }

    [Test]
    public async Task A_lapsed_commitment_can_reopen()
    {
        var lapsed = await ReachAsync("lapsed");
        var reopened = await (await TransitionAsync(lapsed, new Transition("open") { Note = "TikTok confirmed a new date." })).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)reopened["status"]!, Is.EqualTo("open"));
        Assert.That(reopened["history"]!.AsArray().Select(h => (string)h!["to"]!), Is.EqualTo(new[] { "proposed", "open", "lapsed", "open" }));
    }

    [Test]
    public async Task A_transition_needs_a_current_if_match()
    {
        var commitment = await CreateAsync();
        var stale = commitment.DeepClone().AsObject();
        (await TransitionAsync(commitment, new Transition("open"))).EnsureSuccessStatusCode();
        await (await TransitionAsync(stale, new Transition("withdrawn"))).ProblemAsync(HttpStatusCode.PreconditionFailed);
        var body = RequestBody.Content(new Transition("inProgress"));
        await (await Admin.SendAsync(HttpMethod.Post, $"{Route}/{commitment.Id()}/transitions", ifMatch: null, body))
            .ProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Test]
    public async Task Patch_changes_fields_but_never_the_status()
    {
        var commitment = await CreateAsync();
        await (await Admin.PatchAsync(Route, commitment, """{"status": "fulfilled"}""")).FieldErrorAsync("status");
        var patched = await (await Admin.PatchAsync(Route, commitment, """{"dueDate": "2030-01-31", "description": "Agreed at the call."}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((string)patched["dueDate"]!, Is.EqualTo("2030-01-31"));
        Assert.That((bool)patched["overdue"]!, Is.False);
        Assert.That((string)patched["status"]!, Is.EqualTo("proposed"));
    }

    [TestCase("title", null, "title")]
    [TestCase("direction", "sideways", "direction")]
    [TestCase("category", "party", "category")]
    [TestCase("organisationId", "00000000-0000-0000-0000-000000000001", "organisationId")]
    [TestCase("madeInEngagementId", "00000000-0000-0000-0000-000000000001", "madeInEngagementId")]
    [TestCase("dueDate", "30/11/2021", "dueDate")]
    [TestCase("status", "fulfilled", "status")]
    public async Task Rejects_invalid_commitments_naming_the_field(string field, string? value, string path)
    {
        var body = RequestBody.Node(Body());
        body[field] = value;
        await (await Admin.PostAsync(Route, body)).FieldErrorAsync(path);
    }

    [Test]
    public async Task The_owner_must_be_one_of_our_staff()
    {
        await (await Admin.PostAsync(Route, Body() with { OwnerId = seed.Greer.Id() })).FieldErrorAsync("ownerId");
    }

    [Test]
    public async Task Lists_by_status_direction_owner_due_date_and_overdue()
    {
        var overdue = await CreateAsync(Body() with { DueDate = "2021-11-30" });
        var future = await CreateAsync(Body() with { Title = "Report on removals", DueDate = "2099-01-31", Category = "report" });
        var ours = await CreateAsync(Body() with { Title = "Send the SOM invitation", Direction = "ours" });
        var done = await ReachAsync("open");
        await TransitionAsync(done, new Transition("fulfilled") { Evidence = new EvidenceBody { Note = "done" } });

        Assert.That(await Ids("overdue=true"), Is.EqualTo(new[] { overdue.Id() }));
        Assert.That(await Ids("status=fulfilled"), Is.EqualTo(new[] { done.Id() }));
        Assert.That(await Ids("status=proposed&status=fulfilled"), Is.EquivalentTo(new[] { overdue.Id(), future.Id(), ours.Id(), done.Id() }));
        Assert.That(await Ids("status=fulfilled,proposed&direction=ours"), Is.EqualTo(new[] { ours.Id() }));
        Assert.That(await Ids($"ownerId={seed.Maglione.Id()}&dueAfter=2030-01-01"), Is.EqualTo(new[] { future.Id() }));
        Assert.That(await Ids("dueBefore=2022-01-01"), Is.EqualTo(new[] { overdue.Id() }));
        Assert.That((await Ids("sort=dueDate"))[..2], Is.EqualTo(new[] { overdue.Id(), future.Id() }), "dated first, soonest first");
        await (await Admin.GetAsync($"{Route}?status=done")).FieldErrorAsync("status");
    }

    [Test]
    public async Task Archives_and_restores()
    {
        var commitment = await CreateAsync();
        var archived = await (await Admin.ArchiveAsync(Route, commitment)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Is.Empty);
        await (await TransitionAsync(archived, new Transition("open"))).ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.RestoreAsync(Route, archived)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Has.Count.EqualTo(1));
    }

    private NewCommitment Body() => new("Present TikTok's activities at the Senior Officials Meeting", seed.TikTok.Id())
    {
        Direction = "theirs", Category = "presentation", CommittedById = seed.Greer.Id(), OwnerId = seed.Maglione.Id(),
    };

    private Task<JsonObject> CreateAsync(NewCommitment? commitment = null) => Admin.CreateAsync(Route, commitment ?? Body());

    private static Transition WithMinutes(string to) => new(to) { Evidence = new EvidenceBody { Note = "minutes" } };

    private Task<HttpResponseMessage> TransitionAsync(JsonObject commitment, Transition transition) => Admin.TransitionAsync(Route, commitment, transition);

    /// <summary>A commitment brought to <paramref name="status"/> through allowed transitions.</summary>
    private async Task<JsonObject> ReachAsync(string status)
    {
        string[] path = status switch
        {
            "proposed" => [],
            "open" => ["open"],
            "inProgress" => ["open", "inProgress"],
            "fulfilled" => ["open", "fulfilled"],
            "withdrawn" => ["withdrawn"],
            "lapsed" => ["open", "lapsed"],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var commitment = await CreateAsync();
        foreach (var step in path)
        {
            commitment = await (await TransitionAsync(commitment, WithMinutes(step))).JsonAsync(HttpStatusCode.OK);
        }
        return commitment;
    }

    private async Task<List<string>> Ids(string query) => (await Admin.ListAsync(Route, query)).Select(c => c.Id()).ToList();
}
