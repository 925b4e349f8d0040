using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Memberships;

/// <summary>The statements and steps every membership write shares; reads are in <see cref="MembershipQueries"/>.</summary>
internal static class MembershipWrites
{
    private static readonly SqlText InsertChange = SqlText.Portable("""
        INSERT INTO membership_history (id, membership_id, sequence, status, effective_on, effective_at, note, actor, occurred_at, organisation_id)
        SELECT @Id, m.id, (SELECT COUNT(*) FROM membership_history h WHERE h.membership_id = m.id), @Status, @On, @OnAt, @Note, @Actor, @Now,
            m.organisation_id
        FROM memberships m WHERE m.id = @MembershipId
        """);

    /// <summary>The timeline walks status changes by organisation: each keeps its membership's current one.</summary>
    public static Task RecordChangeAsync(DbSession session, Guid membershipId, MembershipStatus status, DateOnly on, string? note,
        string actor, DateTimeOffset now, CancellationToken cancellationToken)
        => session.ExecuteAsync(InsertChange, new
        {
            Id = Guid.CreateVersion7(), MembershipId = membershipId, Status = Json.Name(status), On = on,
            OnAt = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Note = note, Actor = actor, Now = now,
        }, cancellationToken);

    public static async Task<MembershipResponse> ReloadAndRecordAsync(DbSession session, Caller caller, ChangeLog changes, Guid id, ChangeOperation operation,
        CancellationToken cancellationToken)
    {
        var membership = await MembershipQueries.LoadAsync(session, caller, id, cancellationToken);
        await changes.RecordAsync(MembershipQueries.EntityType, id, operation, membership.Version, membership, cancellationToken);
        return membership;
    }
}
