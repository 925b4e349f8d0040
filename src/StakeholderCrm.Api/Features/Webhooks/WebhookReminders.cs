using Dapper;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// Reminders of what falls due, as events: <c>commitment.dueSoon</c> (Webhooks:DueSoonDays before the due date) and
/// <c>commitment.overdue</c> (past it, still proposed, open or in progress); <c>publication.due</c> (three days before a
/// meeting's publication deadline) and <c>publication.overdue</c> (past it, unpublished). Each is recorded in
/// <c>webhook_reminders</c> in the transaction that writes its messages, so it is sent once per record, occasion and
/// date whatever the restarts; with several instances the primary key lets one of them write it and rolls the other back.
/// </summary>
internal sealed class WebhookReminders(DbSession session, UnitOfWork unitOfWork, TimeProvider clock, PublicationCalendar calendar,
    IOptions<WebhookOptions> options)
{
    private const int PublicationDueDays = 3;

    private static readonly SqlText Commitments = SqlText.Portable($"""
        SELECT c.id AS entity_id, c.version, c.due_date AS due_on,
            CASE WHEN c.due_date < @Today THEN 'commitment.overdue' ELSE 'commitment.dueSoon' END AS occasion,
            CASE WHEN {SensitiveRecords.VisibleSource("c.made_in_engagement_id")} THEN 0 ELSE 1 END AS sensitive
        FROM commitments c
        WHERE c.status IN ('proposed', 'open', 'inProgress') AND c.archived = 0 AND c.due_date >= @Since AND c.due_date <= @Until
        """);

    private static readonly SqlText Publications = SqlText.Portable($"""
        SELECT e.id AS entity_id, e.version, e.meeting_date AS due_on,
            CASE WHEN e.meeting_date < @OverdueBefore THEN 'publication.overdue' ELSE 'publication.due' END AS occasion,
            CASE WHEN e.confidentiality = 'sensitive' THEN 1 ELSE 0 END AS sensitive
        FROM engagements e
        WHERE e.meeting_date >= @Since AND e.meeting_date <= @Until AND e.archived = 0 AND e.published_on IS NULL
            AND {PublicationConditions.Required}
        """);

    private static readonly SqlText Emitted = IdSet.Statement("SELECT entity_id, occasion, due_on FROM webhook_reminders WHERE entity_id IN ({ids})");

    private static readonly SqlText ActiveSubscriptions = SqlText.Portable("SELECT id, event_types, cleared FROM webhook_subscriptions WHERE active = 1");

    private static readonly SqlText Record = new(
        Sqlite: """
            INSERT INTO webhook_reminders (entity_id, occasion, due_on, emitted_at)
            SELECT json_extract(j.value, '$.entity_id'), json_extract(j.value, '$.occasion'), json_extract(j.value, '$.due_on'), @Now
            FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO webhook_reminders (entity_id, occasion, due_on, emitted_at)
            SELECT r.entity_id, r.occasion, r.due_on, @Now FROM OPENJSON(@Rows) WITH (entity_id uniqueidentifier, occasion nvarchar(30), due_on date) r
            """);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var candidates = (await CommitmentsDueAsync(cancellationToken)).Concat(await PublicationsDueAsync(cancellationToken)).ToList();
        if (candidates.Count == 0) return;
        var emitted = (await session.QueryAsync<Reminder>(Emitted, new { Ids = IdSet.Json(candidates.Select(c => c.EntityId)) }, cancellationToken))
            .Select(r => (r.EntityId, r.Occasion, r.DueOn)).ToHashSet();
        var due = candidates.Where(c => !emitted.Contains((c.EntityId, c.Occasion, c.DueOn))).ToList();
        if (due.Count == 0) return;

        var now = clock.GetUtcNow();
        var subscriptions = (await session.QueryAsync<Subscription>(ActiveSubscriptions, null, cancellationToken)).ToList();
        var messages = new List<WebhookMessages.Message>();
        var deliveries = new List<WebhookMessages.Delivery>();
        foreach (var reminder in due)
        {
            var receivers = subscriptions.Where(s => (s.Cleared || !reminder.Sensitive) && WebhookEventTypes.Matches(s.EventTypes, reminder.Occasion)).ToList();
            if (receivers.Count == 0) continue;
            var message = new WebhookMessages.Message(WebhookMessages.NewId(), reminder.Occasion, reminder.EntityType, reminder.EntityId,
                WebhookMessages.ReminderPayload(reminder.Occasion, now, reminder.EntityId, reminder.EntityType, reminder.Version, reminder.DueOn,
                    $"{options.Value.ApiBaseUrl.TrimEnd('/')}{WebhookEventTypes.Routes[reminder.EntityType]}/{reminder.EntityId}"),
                reminder.Sensitive);
            messages.Add(message);
            deliveries.AddRange(receivers.Select(s => new WebhookMessages.Delivery(Guid.CreateVersion7(), s.Id, message.Id,
                $"{reminder.EntityType}:{reminder.EntityId}")));
        }
        try
        {
            await unitOfWork.RunAsync(async () =>
            {
                await session.ExecuteAsync(Record, new { Rows = JsonRows.Json(due.Select(r => new { r.EntityId, r.Occasion, r.DueOn })), Now = now },
                    cancellationToken);
                await WebhookMessages.WriteAsync(session, messages, deliveries, now, cancellationToken);
                return 0;
            }, null, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            // Another instance emitted them first.
        }
    }

    private async Task<IEnumerable<Reminder>> CommitmentsDueAsync(CancellationToken cancellationToken)
    {
        var today = CommitmentQueries.Today(clock);
        var rows = await session.QueryAsync<Reminder>(Commitments, new DynamicParameters(new
        {
            Today = today, Since = today.AddDays(-options.Value.ReminderLookbackDays), Until = today.AddDays(options.Value.DueSoonDays), Cleared = 0,
        }), cancellationToken);
        return rows.Select(r => r with { EntityType = CommitmentQueries.EntityType });
    }

    /// <summary>The deadline is the meeting's date and <see cref="PublicationDuty.DaysToPublish"/>: the reminder names the deadline.</summary>
    private async Task<IEnumerable<Reminder>> PublicationsDueAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var parameters = new DynamicParameters(PublicationConditions.Parameters(today));
        parameters.Add("Since", today.AddDays(-PublicationDuty.DaysToPublish - options.Value.ReminderLookbackDays));
        parameters.Add("Until", today.AddDays(PublicationDueDays - PublicationDuty.DaysToPublish));
        var rows = await session.QueryAsync<Reminder>(Publications, parameters, cancellationToken);
        return rows.Select(r => r with { EntityType = "engagement", DueOn = r.DueOn.AddDays(PublicationDuty.DaysToPublish) });
    }

    private sealed record Reminder
    {
        public Guid EntityId { get; init; }
        public string EntityType { get; init; } = "";
        public int Version { get; init; }
        public DateOnly DueOn { get; init; }
        public string Occasion { get; init; } = "";
        public bool Sensitive { get; init; }
    }

    private sealed record Subscription
    {
        public Guid Id { get; init; }
        public IReadOnlyList<string> EventTypes { get; init; } = [];
        public bool Cleared { get; init; }
    }
}
