using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>Reminders of commitments and publications falling due, sent once each to a real receiver.</summary>
public sealed class WebhookReminderTests(DatabaseProvider provider) : ApiTest(provider)
{
    protected override ApiHost CreateOwnHost(DatabaseProvider database)
        => new(database, settings: WebhookReceiver.DeliveringSettings(("Webhooks:ReminderInterval", "00:00:00.100")));

    [Test]
    public async Task Commitments_and_publications_falling_due_are_reminded_of_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Admin.CreateAsync("/api/webhooks", new
        {
            url = receiver.Url(), eventTypes = new[] { "commitment.overdue", "commitment.dueSoon", "publication.*" },
        });
        var meeting = await SeedMeeting.RecordPeopleAsync(Admin);
        var today = DateTime.UtcNow.Date;
        var overdue = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Send the hashes", meeting.TikTok.Id())
        {
            Category = "dataSharing", Status = "open", DueDate = Day(today.AddDays(-1)),
        });
        var dueSoon = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Present at the forum", meeting.TikTok.Id())
        {
            Category = "presentation", Status = "open", DueDate = Day(today.AddDays(3)),
        });
        await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Due next year", meeting.TikTok.Id())
        {
            Category = "report", Status = "open", DueDate = Day(today.AddDays(60)),
        });
        var publicationDue = await Admin.CreateAsync(Routes.Engagements, Held(meeting, today.AddDays(-12)));
        var publicationOverdue = await Admin.CreateAsync(Routes.Engagements, Held(meeting, today.AddDays(-18)));

        await receiver.WaitForAsync(r => r.Count >= 4, "four reminders");
        await Task.Delay(600);
        var reminders = receiver.Received.Select(w => (w.Type, w.EntityId, DueDate: (string?)w.Json["data"]!["dueDate"])).ToList();
        Assert.That(reminders, Is.EquivalentTo(new[]
        {
            ("commitment.overdue", (string?)overdue.Id(), (string?)Day(today.AddDays(-1))),
            ("commitment.dueSoon", dueSoon.Id(), Day(today.AddDays(3))),
            ("publication.due", publicationDue.Id(), Day(today.AddDays(2))),
            ("publication.overdue", publicationOverdue.Id(), Day(today.AddDays(-4))),
        }), "each once, about the right record and date, after several reminder rounds");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM webhook_reminders"), Is.EqualTo(4));
    }

    private static NewEngagement Held(SeedMeeting meeting, DateTime day) => meeting.Engagement() with
    {
        Title = $"Meeting with TikTok on {Day(day)}",
        StartsAt = $"{Day(day)}T10:00:00Z",
        EndsAt = $"{Day(day)}T11:00:00Z",
        UnregisteredOverride = new { reason = "Registration pending, confirmed by the register secretariat." },
    };

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
