using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class ConfigurationTests(DatabaseProvider provider) : ApiTest(provider)
{
    /// <summary>A reloading settings file watches the whole content root, where the SQLite database is written.</summary>
    [Test]
    public void Settings_files_are_read_once_and_not_watched()
    {
        var root = (IConfigurationRoot)Host.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.That(files, Is.Not.Empty);
        Assert.That(files.Select(f => (f.Source.Path, f.Source.ReloadOnChange)), Has.All.Matches<(string?, bool Reload)>(f => !f.Reload));
    }
}
