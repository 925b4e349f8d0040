using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>The API in memory on a database of its own: a temporary SQLite file, or the SQL Server test database.</summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-bootstrap-admin-key";
    public const string SqlServerVariable = "STAKEHOLDERCRM_TEST_SQLSERVER";

    private readonly string? folder;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly IReadOnlyDictionary<string, string>? settings;

    public ApiHost(DatabaseProvider provider, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        Provider = provider;
        this.configureServices = configureServices;
        this.settings = settings;
        if (provider == DatabaseProvider.SqlServer)
        {
            ConnectionString = Environment.GetEnvironmentVariable(SqlServerVariable)
                ?? throw new InvalidOperationException($"{SqlServerVariable} is not set.");
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "stakeholdercrm-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            ConnectionString = $"Data Source={Path.Combine(folder, "crm.db")}";
        }
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Crm", ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // A dispatcher polling in every host would add its statements to the counts of the "fixed number of statements"
        // checks; the webhook tests switch it on in a host of their own.
        builder.UseSetting("Webhooks:Deliver", "false");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(name, value);
        if (configureServices is not null) builder.ConfigureTestServices(configureServices);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
