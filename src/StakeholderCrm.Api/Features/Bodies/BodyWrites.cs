using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Bodies;

/// <summary>The write steps body commands share; reads are in <see cref="BodyQueries"/>.</summary>
internal static class BodyWrites
{
    public static object Row(Guid id, int version, BodyFields fields, DateTimeOffset now) => new
    {
        Id = id, Version = version, Name = fields.Name!.Trim(), NameKey = Text.Key(fields.Name), Kind = Json.Name(fields.Kind!.Value),
        fields.ConvenerId, fields.Website, fields.Description, Now = now,
    };

    public static async Task<BodyResponse> AfterWriteAsync(DbSession session, ChangeLog changes, Guid id, BodyFields fields,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, BodyQueries.EntityType, id, [fields.Name], cancellationToken);
        var body = await BodyQueries.LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(BodyQueries.EntityType, id, operation, body.Version, body, cancellationToken);
        return body;
    }
}
