using System.Net.Http.Headers;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Every HTTP test runs once per database: SQLite always, SQL Server when STAKEHOLDERCRM_TEST_SQLSERVER holds a
/// connection string (otherwise those runs are skipped with that reason). The database is emptied before each test.
/// </summary>
[TestFixtureSource(typeof(ApiTest), nameof(Providers))]
public abstract class ApiTest(DatabaseProvider provider)
{
    private static readonly Dictionary<DatabaseProvider, ApiHost> Hosts = [];

    public static IEnumerable<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.SqlServer];

    protected ApiHost Host { get; private set; } = null!;
    protected HttpClient Admin { get; private set; } = null!;
    protected DatabaseProvider Provider => provider;
    private ApiHost? ownHost;

    [OneTimeSetUp]
    public void StartHost()
    {
        SkipWithoutSqlServer(provider);
        ownHost = CreateOwnHost(provider);
        Host = ownHost ?? SharedHost(provider);
        Admin = Client(ApiHost.AdminKey);
    }

    [OneTimeTearDown]
    public void DisposeOwnHost() => ownHost?.Dispose();

    [SetUp]
    public Task ResetDatabase() => TestDatabase.ResetAsync(Host);

    /// <summary>
    /// A test class that needs other services or settings builds its own host here; it lives as long as the class's
    /// fixture (one per database). Null shares one host per database across classes.
    /// </summary>
    protected virtual ApiHost? CreateOwnHost(DatabaseProvider database) => null;

    private static ApiHost SharedHost(DatabaseProvider database)
    {
        lock (Hosts)
        {
            if (!Hosts.TryGetValue(database, out var host)) Hosts[database] = host = new ApiHost(database);
            return host;
        }
    }

    private static void SkipWithoutSqlServer(DatabaseProvider database)
    {
        if (database == DatabaseProvider.SqlServer && Environment.GetEnvironmentVariable(ApiHost.SqlServerVariable) is null)
        {
            Assert.Ignore($"SQL Server run skipped: set {ApiHost.SqlServerVariable} to a connection string to run it.");
        }
    }

    protected HttpClient Client(string? apiKey)
    {
        var client = Host.CreateClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeySecrets.Header, apiKey);
        return client;
    }

    /// <summary>A client with a fresh key of the role, issued through the admin API.</summary>
    protected async Task<HttpClient> ClientWithRoleAsync(string role, string? name = null)
    {
        var response = await Admin.PostAsync(Routes.ApiKeys, new NewApiKey(name ?? $"{role}-{Guid.NewGuid():N}", role));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var key = await response.Content.ReadFromJsonAsync<JsonObject>();
        return Client((string)key!["secret"]!);
    }

    internal static void DisposeHosts()
    {
        lock (Hosts)
        {
            foreach (var host in Hosts.Values) host.Dispose();
            Hosts.Clear();
        }
    }
}

[SetUpFixture]
public sealed class HostCleanup
{
    [OneTimeTearDown]
    public void DisposeHosts() => ApiTest.DisposeHosts();
}
