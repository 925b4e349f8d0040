using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

/// <summary>After an erasure the person's name, e-mail and phone are nowhere in the SQLite file or its write-ahead log.</summary>
public sealed class ErasureFileScanTests
{
    private const string Name = "Zéphyrine Quœur-Ångström";
    private const string Email = "zephyrine.quoeur+crm@example.org";
    private const string Phone = "+32 2 555 77 41";

    [Test]
    public async Task The_erased_values_occur_nowhere_in_the_database_file_or_its_log()
    {
        using var host = new ApiHost(DatabaseProvider.Sqlite);
        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);
        await TestDatabase.ResetAsync(host);

        var tiktok = await Keyed(admin, Routes.Organisations, new NewOrganisation("TikTok"));
        var person = await Keyed(admin, Routes.Contacts, new NewContact(Name)
        {
            Email = Email, Phone = Phone, Notes = $"Call {Phone} before noon.",
            Positions = [new NewPosition(tiktok.Id()) { Title = "Head of Public Policy", From = "2020-01-01" }],
        });
        var patched = await (await admin.PatchAsync(Routes.Contacts, person, """{"notes": "Prefers e-mail."}""")).JsonAsync(HttpStatusCode.OK);
        var colleague = await Keyed(admin, Routes.Contacts, new NewContact("Caroline Greer"));
        var engagement = await Keyed(admin, Routes.Engagements, new NewEngagement("Meeting with TikTok", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()],
            Participants = [new NewParticipant(person.Id()), new NewParticipant(colleague.Id()) { Side = "internal" }],
            AuthorId = person.Id(),
            Distribution = [new NewRecipient(person.Id())],
            Summary = $"{Name} ({Email}) presented the plan.",
            KeyPoints = [new NewKeyPoint("keyPoint", $"{Name} will send the figures.")],
        });
        await Keyed(admin, Routes.Commitments, new NewCommitment($"Figures from {Name}", tiktok.Id())
        {
            Category = "report", CommittedById = person.Id(), MadeInEngagementId = engagement.Id(), Description = $"Call {Phone}.",
        });
        Assert.That(Occurrences(host), Is.Not.Empty, "the scan finds the values before the erasure");

        var erasure = await admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{person.Id()}/erasure", Requests.ETag(patched),
            RequestBody.Content(new { reason = "Request of the data subject", redactFreeText = true }));
        await erasure.JsonAsync(HttpStatusCode.OK);

        Assert.That(Occurrences(host), Is.Empty);
    }

    private static async Task<JsonObject> Keyed(HttpClient client, string route, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = RequestBody.Content(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Each value found, with the file and the encoding it was found in.</summary>
    private static List<string> Occurrences(ApiHost host)
    {
        var file = new SqliteConnectionStringBuilder(host.ConnectionString).DataSource;
        var forms = new[] { Name, Email, Phone, Name.ToLowerInvariant() }
            .SelectMany(v => new[] { v, JsonSerializer.Serialize(v)[1..^1] })
            .Distinct()
            .SelectMany(v => new[] { ("utf-8", Encoding.UTF8.GetBytes(v)), ("utf-16le", Encoding.Unicode.GetBytes(v)), ("utf-16be", Encoding.BigEndianUnicode.GetBytes(v)) }
                .Select(e => (Value: v, Encoding: e.Item1, Bytes: e.Item2)))
            .ToList();
        var found = new List<string>();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            found.AddRange(forms.Where(f => bytes.AsSpan().IndexOf(f.Bytes) >= 0).Select(f => $"{f.Value} ({f.Encoding}) in {Path.GetFileName(path)}"));
        }
        return found;
    }
}
