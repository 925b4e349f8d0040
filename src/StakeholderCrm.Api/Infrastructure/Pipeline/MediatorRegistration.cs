using System.Reflection;
using FluentValidation;
using MediatR;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>
/// MediatR 5.1 has no container integration of its own (docs/adr/001), so handlers are found by a small scan
/// and behaviours are registered in the order they wrap a request: logging, validation, transaction.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddMediatorPipeline(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handler in type.GetInterfaces().Where(IsRequestHandler))
            {
                services.AddScoped(handler, type);
            }
        }

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));
        return services;
    }

    private static bool IsRequestHandler(Type contract)
        => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>);
}
