
namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>What the walks over the contract share: one record of each resource, and the paths filled with their ids.</summary>
public static class ContractWalk
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    /// <summary>
    /// One record per resource, by the resource's path segment. The engagement is sensitive, and the commitment,
    /// figure and membership come from it, so that a walk also meets confidentiality.
    /// </summary>
    public static async Task<Dictionary<string, string>> SeedAsync(HttpClient admin)
    {
        var seed = await SeedMeeting.RecordPeopleAsync(admin);
        var sensitive = await admin.CreateAsync(Routes.Engagements, seed.Engagement() with { Confidentiality = "sensitive" });
        var ids = new Dictionary<string, string>
        {
            ["organisations"] = seed.TikTok.Id(),
            ["contacts"] = seed.Greer.Id(),
            ["topics"] = seed.Tco.Id(),
            ["bodies"] = (await admin.CreateAsync(Routes.Bodies, new NewBody("EU Internet Forum", "forum"))).Id(),
            ["engagements"] = sensitive.Id(),
            ["commitments"] = (await admin.CreateAsync(Routes.Commitments,
                new NewCommitment("Share hashes", seed.TikTok.Id()) { Category = "dataSharing", MadeInEngagementId = sensitive.Id() })).Id(),
            ["figures"] = (await admin.CreateAsync(Routes.Figures,
                new NewFigure(seed.TikTok.Id(), "hashes", 1, "count") { AsOf = "2021-06-28", SourceEngagementId = sensitive.Id() })).Id(),
            ["admin"] = Guid.NewGuid().ToString(),
        };
        ids["memberships"] = (await admin.CreateAsync(Routes.Memberships,
            new NewMembership(seed.TikTok.Id(), ids["bodies"], "interested") { SourceEngagementId = sensitive.Id() })).Id();
        return ids;
    }

    /// <summary>A documented path with its resource's seeded id, and an external id no record has.</summary>
    public static string Uri(string path, Dictionary<string, string> ids)
    {
        var resource = path.StartsWith("/api/admin", StringComparison.Ordinal) ? "admin" : path.Split('/')[2];
        return path.Replace("{id}", ids.GetValueOrDefault(resource, Guid.NewGuid().ToString()))
            .Replace("{deliveryId}", Guid.NewGuid().ToString())
            .Replace("{system}", "walk").Replace("{externalId}", "missing").Replace("{identificationCode}", "000000000001-01");
    }
}
