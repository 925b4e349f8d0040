using MediatR;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>A write: validated, then run in one transaction that is committed once.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A read: validated, then run without a transaction.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
