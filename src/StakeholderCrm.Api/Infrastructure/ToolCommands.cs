using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace StakeholderCrm.Api.Infrastructure;

/// <summary>A command run instead of the server (<c>dotnet run -- NAME</c>), found by scanning the assembly.</summary>
public interface IToolCommand
{
    string Name { get; }
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>
/// Commands run instead of the server: <c>migrate</c> applies pending migrations and exits; <c>healthcheck URL</c>
/// exits 0 when the URL answers 2xx (the container health check);
/// <c>openapi PATH</c> writes the OpenAPI document (refreshes <c>api-spec/openapi.json</c>); others are <see cref="IToolCommand"/>s.
/// </summary>
public static class ToolCommands
{
    public static IServiceCollection AddToolCommands(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => typeof(IToolCommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }))
        {
            services.AddSingleton(typeof(IToolCommand), type);
        }
        return services;
    }

    public static async Task<bool> RunToolCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "healthcheck":
                // The runtime image has no curl: the container's health check asks the API itself.
                using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) })
                {
                    var url = args.ElementAtOrDefault(1) ?? "http://localhost:8080/health/ready";
                    try
                    {
                        Environment.ExitCode = (await client.GetAsync(url)).IsSuccessStatusCode ? 0 : 1;
                    }
                    catch (HttpRequestException)
                    {
                        Environment.ExitCode = 1;
                    }
                }
                return true;
            case "migrate":
                app.Services.GetRequiredService<Migrator>().Migrate();
                app.Logger.LogInformation("Migrations applied.");
                return true;
            case "openapi":
                // UseEndpoints is what hands the mapped endpoints to the API explorer when the server is not started.
                app.UseRouting();
                app.UseEndpoints(_ => { });
                var path = FromCheckoutRoot(args.ElementAtOrDefault(1) ?? "api-spec/openapi.json");
                await File.WriteAllTextAsync(path, await OpenApiDocumentJson(app.Services));
                app.Logger.LogInformation("OpenAPI document written to {Path}.", Path.GetFullPath(path));
                return true;
            default:
                var command = app.Services.GetServices<IToolCommand>().FirstOrDefault(c => c.Name == args.FirstOrDefault());
                if (command is null) return false;
                if (app.Services.GetRequiredService<ConnectionFactory>().Options.MigrateOnStartup) app.Services.GetRequiredService<Migrator>().Migrate();
                await command.RunAsync(app.Services, CancellationToken.None);
                return true;
        }
    }

    /// <summary><c>dotnet run</c> may start in the project folder; a relative path means the checkout's root when there is one.</summary>
    public static string FromCheckoutRoot(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StakeholderCrm.sln"))) return Path.Combine(folder.FullName, path);
        }
        return Path.GetFullPath(path);
    }

    public static async Task<string> OpenApiDocumentJson(IServiceProvider services)
    {
        var document = services.GetRequiredService<ISwaggerProvider>().GetSwagger(OpenApiSetup.DocumentName);
        using var writer = new StringWriter();
        document.SerializeAsV3(new OpenApiJsonWriter(writer));
        await writer.FlushAsync();
        return writer.ToString() + "\n";
    }
}
