using FluentValidation;
using MediatR;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IValidator<TRequest>[] validators = validators.ToArray();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
        // Most queries have no validator: they pass on without a state machine of their own.
        => validators.Length == 0 ? next() : Validated(request, cancellationToken, next);

    private async Task<TResponse> Validated(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        foreach (var validator in validators)
        {
            await validator.ValidateAndThrowAsync(request, cancellationToken);
        }
        return await next();
    }
}
