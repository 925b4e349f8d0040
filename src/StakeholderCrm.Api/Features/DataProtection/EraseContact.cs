using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>Why the person is erased (kept in the log of requests), and whether free text naming them is redacted too.</summary>
public sealed record ErasureRequest
{
    /// <example>Request of the data subject of 3 March 2026 (Article 19)</example>
    [RequiredField] public string? Reason { get; init; }
    /// <summary>true: each occurrence of the erased name, e-mail or phone in free text becomes "[erased]"; false (default): they are listed only.</summary>
    public bool? RedactFreeText { get; init; }
}

public sealed record EraseContact(Guid Id, int? RequiredVersion, ErasureRequest Request) : ICommand<ErasureResponse>;

/// <summary>A free-text field that still holds (or, redacted, held) the erased name, e-mail or phone.</summary>
public sealed record FreeTextPlace
{
    /// <example>engagement</example>
    public string EntityType { get; init; } = "";
    public Guid Id { get; init; }
    /// <example>summary</example>
    public string Field { get; init; } = "";
}

public sealed record ErasureResponse
{
    /// <summary>The contact under its pseudonym.</summary>
    public ContactResponse Contact { get; init; } = null!;
    /// <summary>The engagements given a new version: those naming the person, and those redacted.</summary>
    public IReadOnlyList<Guid> Engagements { get; init; } = [];
    /// <summary>The commitments given a new version: those the person made or owns, and those redacted.</summary>
    public IReadOnlyList<Guid> Commitments { get; init; } = [];
    /// <summary>Where free text holds the erased values; with redactFreeText they were replaced by "[erased]".</summary>
    public IReadOnlyList<FreeTextPlace> FreeText { get; init; } = [];
    public bool FreeTextRedacted { get; init; }
}

/// <summary>What an erasure writes with, whichever command erases: the request's or retention's.</summary>
internal sealed record ErasureWork(DbSession Session, ChangeLog Changes, TimeProvider Clock, PublicationCalendar Calendar, string RequestedBy);

public sealed class EraseContactValidator : AbstractValidator<EraseContact>
{
    public EraseContactValidator()
    {
        RuleFor(e => e.Request.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && Text.Characters(r) <= 1000)
            .WithMessage("'reason' is required: 1 to 1000 characters saying why the person is erased.").OverridePropertyName("reason");
    }
}

public sealed class EraseContactHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock, PublicationCalendar calendar,
    UnitOfWork unitOfWork, ConnectionFactory connections, ILogger<EraseContactHandler> logger)
    : IRequestHandler<EraseContact, ErasureResponse>
{
    public const string Redaction = "[erased]";
    public const string Kind = "erasure";

    private static readonly SqlText Erased = SqlText.Portable("SELECT COUNT(*) FROM contacts WHERE id = @Id AND erased_at IS NOT NULL");
    private static readonly SqlText Pseudonymise = SqlText.Portable("""
        UPDATE contacts SET full_name = @FullName, name_key = @NameKey, email = NULL, phone = NULL, notes = NULL, external_ids = '[]',
            erased_at = @Now, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version AND erased_at IS NULL
        """);
    private static readonly SqlText NamingEngagements = SqlText.Portable("""
        SELECT engagement_id FROM engagement_participants WHERE contact_id = @Id
        UNION SELECT engagement_id FROM engagement_distribution WHERE contact_id = @Id
        UNION SELECT id FROM engagements WHERE author_id = @Id
        """);
    private static readonly SqlText NamingCommitments = SqlText.Portable("SELECT id FROM commitments WHERE committed_by_id = @Id OR owner_id = @Id");
    private static readonly SqlText BumpEngagements = IdSet.Statement("UPDATE engagements SET version = version + 1, updated_at = @Now WHERE id IN ({ids})");
    private static readonly SqlText BumpCommitments = IdSet.Statement("UPDATE commitments SET version = version + 1, updated_at = @Now WHERE id IN ({ids})");
    private static readonly SqlText EngagementRows = IdSet.Statement($"SELECT {EngagementQueries.Columns} FROM engagements e WHERE e.id IN ({{ids}})");
    private static readonly SqlText CommitmentRows = IdSet.Statement($"SELECT {CommitmentQueries.Columns} FROM commitments c WHERE c.id IN ({{ids}})");

    public async Task<ErasureResponse> Handle(EraseContact command, CancellationToken cancellationToken)
    {
        var current = await ContactQueries.LoadAsync(session, command.Id, cancellationToken);
        ETags.Check(command.RequiredVersion, current.Version);
        if (await session.ExecuteScalarAsync<long>(Erased, new { current.Id }, cancellationToken) > 0)
        {
            throw new ConflictException("The contact is already erased.", current.Id);
        }

        var erased = await EraseAsync(new ErasureWork(session, changes, clock, calendar, caller.Name), current, Kind, command.Request.Reason!.Trim(),
            command.Request.RedactFreeText == true, cancellationToken);
        await ErasedFile.CheckpointAfterCommit(unitOfWork, connections, logger);
        var hidden = await HiddenAsync(erased.Engagements.Concat(erased.Commitments).Concat(erased.FreeText.Select(p => p.Id)), cancellationToken);
        return erased with
        {
            Engagements = erased.Engagements.Where(id => !hidden.Contains(id)).ToList(),
            Commitments = erased.Commitments.Where(id => !hidden.Contains(id)).ToList(),
            FreeText = erased.FreeText.Where(p => !hidden.Contains(p.Id)).ToList(),
        };
    }

    /// <summary>
    /// Erases <paramref name="current"/> (read in this transaction, not yet erased) and logs it under <paramref name="kind"/>; the answer
    /// names every record touched, hidden or not. The caller registers the WAL checkpoint after commit, once however many it erases.
    /// </summary>
    internal static async Task<ErasureResponse> EraseAsync(ErasureWork work, ContactResponse current, string kind, string reason, bool redact,
        CancellationToken cancellationToken)
    {
        var session = work.Session;
        // The first write, guarded by the version read: everything after it reads inside the transaction.
        var now = work.Clock.GetUtcNow();
        var pseudonym = Pseudonym(current.Id);
        // Read before the contact's own history becomes its erased state: a name, e-mail or phone it had before is erased too.
        var erased = await ErasedValues.GatherAsync(session, current, pseudonym, cancellationToken);
        var rows = await session.ExecuteAsync(Pseudonymise, new { current.Id, current.Version, FullName = pseudonym, NameKey = Text.Key(pseudonym), Now = now },
            cancellationToken);
        if (rows == 0) throw Archiving.Stale(ContactQueries.EntityType);
        await SearchIndex.WriteAsync(session, ContactQueries.EntityType, current.Id, [pseudonym], cancellationToken);
        await ExternalIds.WriteAsync(session, ContactQueries.EntityType, current.Id, [], cancellationToken);

        var held = await ErasureFreeText.FindAsync(session, erased, cancellationToken);
        var places = held.Places;
        var redacted = redact && await ErasureFreeText.RedactAsync(session, erased, held, cancellationToken);

        var contact = await ContactQueries.LoadAsync(session, current.Id, cancellationToken);
        await ErasedHistory.ScrubAsync(session, erased, contact, cancellationToken);
        await work.Changes.RecordAsync(ContactQueries.EntityType, contact.Id, ChangeOperation.Erased, contact.Version, contact, cancellationToken);

        IReadOnlyList<FreeTextPlace> rewritten = redact ? places : [];
        var engagements = (await session.QueryAsync<Guid>(NamingEngagements, new { current.Id }, cancellationToken))
            .Concat(rewritten.Where(p => p.EntityType == EngagementQueries.EntityType).Select(p => p.Id)).Distinct().ToList();
        var commitments = (await session.QueryAsync<Guid>(NamingCommitments, new { current.Id }, cancellationToken))
            .Concat(rewritten.Where(p => p.EntityType == CommitmentQueries.EntityType).Select(p => p.Id)).Distinct().ToList();
        await RecordEngagementsAsync(work, engagements, now, cancellationToken);
        await RecordCommitmentsAsync(work, commitments, now, cancellationToken);
        await ErasureFreeText.RecordRedactedAsync(session, work.Changes, rewritten, contact.Id, now, cancellationToken);

        await PersonalDataRequests.RecordAsync(session, contact.Id, kind, work.RequestedBy, now, reason, cancellationToken);
        await PersonalDataRequests.ScrubReasonsAsync(session, erased, cancellationToken);
        return new ErasureResponse
        {
            Contact = contact, Engagements = engagements, Commitments = commitments, FreeText = places, FreeTextRedacted = redacted,
        };
    }

    /// <summary>The records among <paramref name="ids"/> a caller without clearance may not know of: they are erased alike, but not named in the answer.</summary>
    private async Task<HashSet<Guid>> HiddenAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var hidden = new HashSet<Guid>();
        if (caller.Cleared) return hidden;
        foreach (var id in ids.Distinct())
        {
            if (await session.ExecuteScalarAsync<long>(SensitiveRecords.HiddenEntity, new { Id = id }, cancellationToken) > 0) hidden.Add(id);
        }
        return hidden;
    }

    /// <summary>"Erased person" and the first 8 hex digits of the SHA-256 of the id: stable, short, and not the way back to the person.</summary>
    public static string Pseudonym(Guid id)
        => "Erased person " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id.ToString("D"))))[..8];

    /// <summary>A new version and an updated change row for each engagement, so that synced systems fetch it under the pseudonym.</summary>
    private static async Task RecordEngagementsAsync(ErasureWork work, IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var (session, changes, _, calendar, _) = work;
        var set = IdSet.Json(ids);
        await session.ExecuteAsync(BumpEngagements, new { Ids = set, Now = now }, cancellationToken);
        var rows = (await session.QueryAsync<EngagementResponse>(EngagementRows, new { Ids = set }, cancellationToken)).ToList();
        foreach (var engagement in await EngagementQueries.WithChildrenAsync(session, Caller.System, rows, calendar.Today, cancellationToken))
        {
            // Search words come from the free text: after a redaction they no longer hold the erased name.
            await SearchIndex.WriteEngagementWordsAsync(session, engagement.Id, engagement.Title, engagement.Purpose, engagement.Summary,
                engagement.KeyPoints.Select(k => k.Text), cancellationToken);
            await changes.RecordAsync(EngagementQueries.EntityType, engagement.Id, ChangeOperation.Updated, engagement.Version, engagement, cancellationToken);
        }
    }

    private static async Task RecordCommitmentsAsync(ErasureWork work, IReadOnlyList<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var (session, changes, clock, _, _) = work;
        var set = IdSet.Json(ids);
        await session.ExecuteAsync(BumpCommitments, new { Ids = set, Now = now }, cancellationToken);
        var rows = (await session.QueryAsync<CommitmentResponse>(CommitmentRows, new { Ids = set }, cancellationToken)).ToList();
        foreach (var commitment in await CommitmentQueries.WithHistoryAsync(session, clock, rows, cancellationToken))
        {
            await SearchIndex.WriteWordsAsync(session, CommitmentQueries.EntityType, commitment.Id,
                [commitment.Title, commitment.Description, commitment.TargetEvent], cancellationToken);
            await changes.RecordAsync(CommitmentQueries.EntityType, commitment.Id, ChangeOperation.Updated, commitment.Version, commitment, cancellationToken);
        }
    }
}
