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
        // Transient, as are handlers and the transaction behaviour: none holds state or needs disposing, and a request
        // scope then remembers only what is shared within a request (the DbSession). Scoped, each was another entry in
        // the scope's table, which grew to 17 slots on every request (1.1 KB of the API's 18 KB per read by id).
        services.AddTransient<ServiceFactory>(provider => provider.GetService!);
        services.AddTransient<IMediator, Mediator>();

        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handler in type.GetInterfaces().Where(IsRequestHandler))
            {
                services.AddTransient(handler, type);
            }
        }

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        // Logging and validation hold nothing per request (validators are singletons), so one of each serves all requests.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));
        services.AddScoped<UnitOfWork>();
        return services;
    }

    private static bool IsRequestHandler(Type contract)
        => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>);
}
