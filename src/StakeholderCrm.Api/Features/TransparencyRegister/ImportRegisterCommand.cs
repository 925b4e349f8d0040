using MediatR;
using StakeholderCrm.Api.Infrastructure;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

/// <summary>
/// <c>dotnet run --project src/StakeholderCrm.Api -- import-register FILE.xml</c>: imports the register file as the API
/// does, with a progress line every <see cref="ImportRegisterHandler.BatchSize"/> entries and a summary. Exit code 0, or
/// 2 for a missing or bad file (the line and element named), of which nothing is kept.
/// </summary>
public sealed class ImportRegisterCommand(ILogger<ImportRegisterCommand> logger) : IToolCommand
{
    public string Name => "import-register";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var args = Environment.GetCommandLineArgs();
        var index = Array.IndexOf(args, Name);
        var path = index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        // dotnet run may start in the project folder: a relative path that is not there means the checkout's root.
        if (path is not null && !File.Exists(path)) path = ToolCommands.FromCheckoutRoot(path);
        Environment.ExitCode = await ImportAsync(services, path, cancellationToken);
    }

    /// <summary>The exit code: 0 imported, 2 refused.</summary>
    public async Task<int> ImportAsync(IServiceProvider services, string? path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            logger.LogError("Usage: import-register FILE.xml (the Transparency Register's XML); '{Path}' is not a file.", path);
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true);
        try
        {
            var import = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new ImportRegister(file, read => logger.LogInformation("{Entries} entries read…", read)), cancellationToken);
            logger.LogInformation(
                "Register imported from {Path}: {Entries} entries; {Added} added, {Changed} changed, {Unchanged} unchanged, {NoLongerListed} no longer listed from {EffectiveOn:yyyy-MM-dd}.",
                path, import.Entries, import.Added, import.Changed, import.Unchanged, import.NoLongerListed, import.EffectiveOn);
            return 0;
        }
        catch (BadRequestFieldException refused)
        {
            logger.LogError("{Path} refused, nothing imported: {Reason}", path, refused.Message);
            return 2;
        }
    }
}
