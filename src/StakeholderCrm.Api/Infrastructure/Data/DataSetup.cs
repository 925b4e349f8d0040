using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

public static class DataSetup
{
    /// <summary>
    /// Data access alone (connections, sessions, migrations, Dapper type handlers), enough to run a handler. The
    /// SQLite-only machinery behind <see cref="Sqlite"/> is registered here and named nowhere else.
    /// </summary>
    public static IServiceCollection AddCrmDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection("Database"))
            .Validate(o => o.SqliteMaxSizeMegabytes >= 0, "Database:SqliteMaxSizeMegabytes must be 0 (no limit) or more.")
            .Validate(o => o.SqliteWalLimitMegabytes >= 1, "Database:SqliteWalLimitMegabytes must be 1 or more.")
            .ValidateOnStart();
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton<WriterGate>();
        services.AddSingleton<Migrator>();
        services.AddScoped<DbSession>();
        TypeHandlers.Register(typeof(DataSetup).Assembly);
        return services;
    }
}
