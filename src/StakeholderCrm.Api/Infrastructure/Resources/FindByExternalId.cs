using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>The id of the record another system knows as <paramref name="ExternalId"/>, or null.</summary>
public sealed record FindByExternalId(string EntityType, string System, string ExternalId) : IQuery<Guid?>;

public sealed class FindByExternalIdHandler(DbSession session) : IRequestHandler<FindByExternalId, Guid?>
{
    public Task<Guid?> Handle(FindByExternalId query, CancellationToken cancellationToken)
        => ExternalIds.FindAsync(session, query.EntityType, query.System, query.ExternalId, cancellationToken);
}
