using MediatR;
using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure;

namespace StakeholderCrm.Api.Features.Demo;

/// <summary><c>dotnet run --project src/StakeholderCrm.Api -- seed-demo</c>: loads the 28 June 2021 call with TikTok.</summary>
public sealed class SeedDemoCommand(ILogger<SeedDemoCommand> logger) : IToolCommand
{
    public string Name => "seed-demo";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var added = await new SeedDemo(scope.ServiceProvider.GetRequiredService<IMediator>()).RunAsync(cancellationToken);
        logger.LogInformation("Demo data: {Added} record(s) added; running it again adds nothing.", added);
    }
}

/// <summary>
/// The meeting report in shared/seeds as data, recorded through the same commands as the API. Every record is
/// looked up by its natural key first (name, title and date, organisation and body…), so a second run adds nothing.
/// </summary>
public sealed class SeedDemo(IMediator mediator)
{
    private static readonly DateOnly MeetingDay = new(2021, 6, 28);
    private int added;

    /// <summary>TikTok's code in the demo register file, made up like every code there.</summary>
    public const string TikTokRegisterId = "000000000013-13";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await RegisterAsync(ct);
        var tiktok = await OrganisationAsync(new CreateOrganisation
        {
            Name = "TikTok Technology Ltd", Kind = OrganisationKind.Company, Country = "IE", Aliases = ["Tik Tok", "TikTok"],
            Website = "https://www.tiktok.com", Tags = ["platform", "video sharing"], TransparencyRegisterId = TikTokRegisterId,
        }, ct);
        var cabinet = await OrganisationAsync(new CreateOrganisation
        {
            Name = "Cabinet of Commissioner Ylva Johansson", Kind = OrganisationKind.EuInstitution, Internal = true, Aliases = ["CAB-JOHANSSON"],
        }, ct);
        var home = await OrganisationAsync(new CreateOrganisation
        {
            Name = "Directorate-General for Migration and Home Affairs", Kind = OrganisationKind.EuInstitution, Internal = true, Aliases = ["DG HOME", "HOME"],
        }, ct);

        var maglione = await ContactAsync("Monika Maglione", cabinet, null, StaffFunction.CabinetMember, ct);
        // Public policy and child safety are public-facing roles: their names stay in the report released to the public.
        var greer = await ContactAsync("Caroline Greer", tiktok, "Director, Public Policy & Government Relations", null, ct, publicFacing: true);
        var evans = await ContactAsync("Alexandra Evans", tiktok, "Head of Child Safety Europe", null, ct, publicFacing: true);
        var muschel = await ContactAsync("Laurent Muschel", home, null, StaffFunction.Director, ct);
        var luchner = await ContactAsync("Johannes Luchner", home, null, StaffFunction.DeputyDirectorGeneral, ct);
        var onidi = await ContactAsync("Olivier Onidi", home, null, StaffFunction.DeputyDirectorGeneral, ct);
        var pariat = await ContactAsync("Monique Pariat", home, null, StaffFunction.DirectorGeneral, ct);

        var csa = await TopicAsync("Child sexual abuse online", ct);
        var tco = await TopicAsync("Terrorist content online (TCO Regulation)", ct);
        var hate = await TopicAsync("Illegal hate speech", ct);
        var disinformation = await TopicAsync("Disinformation", ct);
        var recommenders = await TopicAsync("Recommender systems", ct);
        var childSafety = await TopicAsync("Child safety", ct);

        var meeting = await EngagementAsync(tiktok, [maglione, greer, evans], [childSafety, csa, tco, hate, disinformation, recommenders],
            muschel, [luchner, maglione, onidi, pariat], ct);

        var forum = await BodyAsync("EU Internet Forum", BodyKind.Forum, home, ct);
        var hateCode = await BodyAsync("Code of Conduct on countering illegal hate speech online", BodyKind.CodeOfConduct, null, ct);
        var disinformationCode = await BodyAsync("EU Code of Practice on Disinformation", BodyKind.CodeOfPractice, null, ct);
        var techCoalition = await BodyAsync("Tech Coalition", BodyKind.Alliance, null, ct);
        var weProtect = await BodyAsync("WeProtect Global Alliance", BodyKind.Alliance, null, ct);
        var principles = await BodyAsync("Voluntary Principles to Counter Online Child Sexual Exploitation and Abuse", BodyKind.Principles, null, ct);

        await MembershipAsync(tiktok, hateCode, MembershipStatus.Signatory, meeting, "Already a signatory at the time of the call.", ct);
        await MembershipAsync(tiktok, disinformationCode, MembershipStatus.Signatory, meeting, "Signatory under the EU's Disinformation Action Plan.", ct);
        await MembershipAsync(tiktok, techCoalition, MembershipStatus.Member, meeting, "Part of the Tech Coalition.", ct);
        await MembershipAsync(tiktok, weProtect, MembershipStatus.Member, meeting, "Part of the WeProtect Global Alliance.", ct);
        await MembershipAsync(tiktok, principles, MembershipStatus.Signatory, meeting, "Signatory to the voluntary principles.", ct);
        await MembershipAsync(tiktok, forum, MembershipStatus.Interested, meeting, "Would like to become a member of the EU Internet Forum.", ct);

        await CommitmentAsync(tiktok, meeting, greer, maglione, "Become a member of the EU Internet Forum", CommitmentCategory.Membership,
            CommitmentStatus.Proposed, null, null, [tco, csa], ct);
        await CommitmentAsync(tiktok, meeting, greer, maglione, "Present TikTok's activities at the next Senior Officials Meeting",
            CommitmentCategory.Presentation, CommitmentStatus.Open, new DateOnly(2021, 11, 30), "EU Internet Forum Senior Officials Meeting, November 2021",
            [tco], ct);
        await CommitmentAsync(tiktok, meeting, greer, maglione, "Organise a virtual visit to the European Transparency Centre in Dublin",
            CommitmentCategory.Visit, CommitmentStatus.Open, null, null, [recommenders], ct);
        await CommitmentAsync(tiktok, meeting, greer, maglione, "Take part in workshops on implementing the TCO Regulation",
            CommitmentCategory.Workshop, CommitmentStatus.Proposed, null, null, [tco], ct);

        await FigureAsync(tiktok, meeting, "users in Europe", 100_000_000m, "count", "Europe", null, MeetingDay, "Passed the 100 million user mark.", ct);
        await FigureAsync(tiktok, meeting, "trust and safety staff in Europe", 20m, "people", "Europe", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31),
            "The European Trust and Safety Team started off last year with 20 people.", ct);
        await FigureAsync(tiktok, meeting, "trust and safety staff in Europe", 1000m, "people", "Europe", null, MeetingDay, "Now over 1000 staff.", ct);
        await FigureAsync(tiktok, meeting, "videos removed", 89_000_000m, "count", "worldwide", new DateOnly(2020, 7, 1), new DateOnly(2020, 12, 31),
            "The report says \"the last half of 2021\", after the call; the half-year before it is recorded.", ct);
        await FigureAsync(tiktok, meeting, "share of content removed", 1m, "percent", "worldwide", new DateOnly(2020, 7, 1), new DateOnly(2020, 12, 31),
            "Less than 1% of the content.", ct);
        await FigureAsync(tiktok, meeting, "minor safety removals made proactively", 97.1m, "percent", "worldwide", new DateOnly(2020, 7, 1),
            new DateOnly(2020, 12, 31), null, ct);
        await FigureAsync(tiktok, meeting, "minor safety removals within 24 hours", 98m, "percent", "worldwide", new DateOnly(2020, 7, 1),
            new DateOnly(2020, 12, 31), null, ct);
        await FigureAsync(tiktok, meeting, "reports to NCMEC", 22_000m, "count", "worldwide", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31),
            "Around 22,000 reports of child sexual abuse images last year.", ct);
        return added;
    }

    /// <summary>
    /// The demo register file, so that the call's duties can be checked; only into an empty register, as an import
    /// delists whatever its file lacks and the demo must never delist a real register's entries.
    /// </summary>
    private async Task RegisterAsync(CancellationToken ct)
    {
        if ((await mediator.Send(new ListRegisterEntries { Limit = 1 }, ct)).Items.Count > 0) return;
        await using var file = typeof(SeedDemo).Assembly.GetManifestResourceStream("Demo.transparency-register.xml")!;
        var import = await mediator.Send(new ImportRegister(file), ct);
        added += import.Added + import.Changed;
    }

    private async Task<Guid> OrganisationAsync(CreateOrganisation organisation, CancellationToken ct)
        => (await mediator.Send(new ListOrganisations { Q = organisation.Name, Limit = 200 }, ct)).Items
               .FirstOrDefault(o => string.Equals(o.Name, organisation.Name, StringComparison.OrdinalIgnoreCase))?.Id
           ?? await Add(async () => (await mediator.Send(organisation, ct)).Id);

    private async Task<Guid> ContactAsync(string name, Guid organisation, string? title, StaffFunction? function, CancellationToken ct,
        bool publicFacing = false)
        => (await mediator.Send(new ListContacts { Q = name, Limit = 200 }, ct)).Items.FirstOrDefault(c => c.FullName == name)?.Id
           ?? await Add(async () => (await mediator.Send(new CreateContact
           {
               FullName = name, Positions = [new Position { OrganisationId = organisation, Title = title, Function = function, PublicFacing = publicFacing }],
           }, ct)).Id);

    private async Task<Guid> TopicAsync(string name, CancellationToken ct)
        => (await mediator.Send(new ListTopics { Q = name, Limit = 200 }, ct)).Items.FirstOrDefault(t => t.Name == name)?.Id
           ?? await Add(async () => (await mediator.Send(new CreateTopic { Name = name }, ct)).Id);

    private async Task<Guid> BodyAsync(string name, BodyKind kind, Guid? convener, CancellationToken ct)
        => (await mediator.Send(new ListBodies { Q = name, Limit = 200 }, ct)).Items.FirstOrDefault(b => b.Name == name)?.Id
           ?? await Add(async () => (await mediator.Send(new CreateBody { Name = name, Kind = kind, ConvenerId = convener }, ct)).Id);

    private async Task<Guid> EngagementAsync(Guid tiktok, Guid[] participants, Guid[] topics, Guid author, Guid[] to, CancellationToken ct)
    {
        const string title = "Meeting with TikTok";
        var existing = (await mediator.Send(new ListEngagements { OrganisationId = tiktok, From = "2021-06-28", To = "2021-06-28" }, ct)).Items
            .FirstOrDefault(e => e.Title == title);
        if (existing is not null) return existing.Id;
        return await Add(async () => (await mediator.Send(new CreateEngagement
        {
            Title = title,
            Kind = EngagementKind.Call,
            Status = EngagementStatus.Held,
            StartsAt = new DateTimeOffset(2021, 6, 28, 12, 0, 0, TimeSpan.FromHours(2)),
            TimeZone = "Europe/Brussels",
            OrganisationIds = [tiktok],
            Participants = participants.Select(p => new ParticipantFields { ContactId = p }).ToList(),
            TopicIds = topics,
            Purpose = "To discuss TikTok's approach to security and safety and its willingness to become a member of the EU Internet Forum. "
                + "The report gives the day of the call, not its time; 12:00 Brussels time is recorded.",
            KeyPoints =
            [
                Point(KeyPointSection.KeyPoint,
                    "TikTok is already a signatory to the EU's Disinformation Action Plan and the Code of Conduct on illegal hate speech online. "
                        + "It would like to become a member of the EU Internet Forum and would be ready to present its activities to the next Senior "
                        + "Officials Meeting in November 2021."),
                Point(KeyPointSection.KeyPoint,
                    "TikTok offered to organise a virtual visit to its European Transparency Centre in Dublin, which is open to regulators, "
                        + "to look at data flows and algorithms in a dynamic and secure setting and to learn how TikTok handles content and what challenges "
                        + "it faces."),
                Point(KeyPointSection.KeyPoint,
                    "TikTok informed extensively about its child safety policies and showed support for the Commission's plans for a NCMEC-style operation."),
                Point(KeyPointSection.KeyPoint, "TikTok is interested in being involved in workshops on the implementation of the TCO Regulation."),
                Point(KeyPointSection.Detail,
                    "TikTok has passed the 100 million user mark in Europe. It is a content-sharing, entertainment-based platform; "
                        + "its reputation is of mostly younger users, but the demographic is wider."),
                Point(KeyPointSection.Detail, "The European Trust and Safety Team started last year with 20 people and now has over 1000 staff."),
                Point(KeyPointSection.Detail,
                    "TikTok prioritises child safety and has zero tolerance of CSAM. It is part of the Tech Coalition and the WeProtect Global Alliance and a "
                        + "signatory to the voluntary principles on child sexual exploitation. Its community guidelines do not show minors smoking or "
                        + "drinking and forbid sexual images of children."),
                Point(KeyPointSection.Detail,
                    "Harmful content is removed by automated technology combined with human verification: "
                        + "89 million videos removed worldwide in the last half-year, under 1% of the content; on minor safety, "
                        + "97.1% removed proactively and 98% of that within 24 hours."),
                Point(KeyPointSection.Detail,
                    "Safety by design: direct messaging is limited (no end-to-end encryption); videos and images cannot be sent privately; "
                        + "both parties must follow each other; under-16s cannot open comments to everyone."),
                Point(KeyPointSection.Detail,
                    "TikTok reports child sexual abuse images to NCMEC (around 22,000 reports last year). AI reviews imagery before upload; "
                        + "some is removed automatically, some sent for human review, and videos reaching a certain view rate are reviewed again."),
            ],
            Links =
            [
                new Link { Url = "https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you", Title = "Recommender systems" },
                new Link { Url = "https://newsroom.tiktok.com/en-gb/countering-hate-on-tiktok-gb", Title = "Hateful ideologies" },
                new Link { Url = "https://newsroom.tiktok.com/en-gb/tiktok-launches-eu-transparency-and-accountability-centre",
                    Title = "The European Transparency Centre" },
            ],
            AuthorId = author,
            Distribution = to.Select(c => new DistributionFields { ContactId = c, Kind = DistributionKind.To }).ToList(),
            Confidentiality = Confidentiality.Internal,
        }, ct)).Id);
    }

    private async Task MembershipAsync(Guid organisation, Guid body, MembershipStatus status, Guid meeting, string notes, CancellationToken ct)
    {
        if ((await mediator.Send(new ListMemberships { OrganisationId = organisation, BodyId = body }, ct)).Items.Count > 0) return;
        await Add(async () => (await mediator.Send(new CreateMembership
        {
            OrganisationId = organisation, BodyId = body, Status = status, Since = MeetingDay, SourceEngagementId = meeting, Notes = notes,
        }, ct)).Id);
    }

    private async Task CommitmentAsync(Guid organisation, Guid meeting, Guid committedBy, Guid owner, string title, CommitmentCategory category,
        CommitmentStatus status, DateOnly? due, string? targetEvent, Guid[] topics, CancellationToken ct)
    {
        if ((await mediator.Send(new ListCommitments { OrganisationId = organisation, EngagementId = meeting, Limit = 200 }, ct))
            .Items.Any(c => c.Title == title)) return;
        await Add(async () => (await mediator.Send(new CreateCommitment
        {
            Title = title, Direction = CommitmentDirection.Theirs, OrganisationId = organisation, MadeInEngagementId = meeting, CommittedById = committedBy,
            OwnerId = owner, Category = category, Status = status, DueDate = due, TargetEvent = targetEvent, TopicIds = topics,
        }, ct)).Id);
    }

    private async Task FigureAsync(Guid organisation, Guid meeting, string metric, decimal value, string unit, string scope,
        DateOnly? periodStart, DateOnly observedOn, string? note, CancellationToken ct)
    {
        var existing = (await mediator.Send(new ListFigures { OrganisationId = organisation, Metric = metric, Limit = 200 }, ct)).Items;
        if (existing.Any(f => f.ObservedOn == observedOn && f.Value == value)) return;
        await Add(async () => (await mediator.Send(new CreateFigure
        {
            OrganisationId = organisation, Metric = metric, Value = value, Unit = unit, Scope = scope, SourceEngagementId = meeting, Note = note,
            PeriodStart = periodStart, PeriodEnd = periodStart is null ? null : observedOn, AsOf = periodStart is null ? observedOn : null,
        }, ct)).Id);
    }

    private static KeyPoint Point(KeyPointSection section, string text) => new() { Section = section, Text = text };

    private async Task<Guid> Add(Func<Task<Guid>> create)
    {
        var id = await create();
        added++;
        return id;
    }
}
