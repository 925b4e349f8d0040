using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace StakeholderCrm.Api.Infrastructure;

/// <summary>
/// Commands run instead of the server: <c>migrate</c> applies pending migrations and exits;
/// <c>openapi PATH</c> writes the OpenAPI document (refreshes <c>api-spec/openapi.json</c>).
/// </summary>
public static class ToolCommands
{
    public static async Task<bool> RunToolCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
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
                return false;
        }
    }

    /// <summary><c>dotnet run</c> may start in the project folder; a relative path means the checkout's root when there is one.</summary>
    private static string FromCheckoutRoot(string path)
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
