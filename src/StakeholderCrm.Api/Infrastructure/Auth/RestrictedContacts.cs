using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// Contacts whose processing is restricted (Article 20 of Regulation (EU) 2018/1725) exist only for admins: every read
/// that lists, finds or exports people adds one of these fragments and binds <c>@SeesRestricted</c> from <see cref="Caller.IsAdmin"/>.
/// </summary>
public static class RestrictedContacts
{
    /// <summary>The contact row <paramref name="alias"/> is visible.</summary>
    public static string Visible(string alias) => $"(@SeesRestricted = 1 OR {alias}.restricted = 0)";

    /// <summary>A change row that is not about a restricted contact, or a caller who sees those.</summary>
    public static string VisibleChange(string typeColumn, string idColumn)
        => $"(@SeesRestricted = 1 OR {typeColumn} <> 'contact' OR {idColumn} NOT IN (SELECT rc.id FROM contacts rc WHERE rc.restricted = 1))";

    private static readonly SqlText IsRestricted = SqlText.Portable("SELECT COUNT(*) FROM contacts WHERE id = @Id AND restricted = 1");

    /// <summary>True when the caller may not see this entity: a restricted contact, to a caller other than an admin.</summary>
    public static async Task<bool> HidesAsync(DbSession session, Caller caller, string entityType, Guid id, CancellationToken cancellationToken)
        => !caller.IsAdmin && entityType == "contact" && await session.ExecuteScalarAsync<long>(IsRestricted, new { Id = id }, cancellationToken) > 0;
}
