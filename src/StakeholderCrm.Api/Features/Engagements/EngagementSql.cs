using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>The statements engagement commands write with; reads are in <see cref="EngagementQueries"/>.</summary>
internal static class EngagementSql
{
    public static readonly SqlText SetArchived = Archiving.Statement("engagements");
}
