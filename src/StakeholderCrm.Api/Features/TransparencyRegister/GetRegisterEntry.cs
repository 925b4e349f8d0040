using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

public sealed record GetRegisterEntry(string IdentificationCode) : IQuery<RegisterEntryResponse>;

public sealed class GetRegisterEntryHandler(DbSession session) : IRequestHandler<GetRegisterEntry, RegisterEntryResponse>
{
    public Task<RegisterEntryResponse> Handle(GetRegisterEntry query, CancellationToken cancellationToken)
        => RegisterQueries.LoadAsync(session, query.IdentificationCode, cancellationToken);
}
