using Microsoft.Extensions.Configuration;
using StakeholderCrm.Api.Infrastructure.Auth;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class ApiKeyCacheTests
{
    private static readonly StoredApiKey Key = new() { Id = Guid.NewGuid(), Name = "integration", Role = "editor", SecretHash = "hash" };

    [Test]
    public async Task A_valid_key_is_looked_up_once_until_the_cache_is_cleared()
    {
        using var cache = Cache(10);
        var lookups = 0;
        Task<StoredApiKey?> Load() { lookups++; return Task.FromResult<StoredApiKey?>(Key); }

        Assert.That(await Find(cache, "hash", Load), Is.EqualTo(Key));
        Assert.That(await Find(cache, "hash", Load), Is.EqualTo(Key));
        Assert.That(lookups, Is.EqualTo(1));

        cache.Clear();
        await Find(cache, "hash", Load);
        Assert.That(lookups, Is.EqualTo(2));
    }

    [Test]
    public async Task An_unknown_secret_is_looked_up_every_time()
    {
        using var cache = Cache(10);
        var lookups = 0;
        Task<StoredApiKey?> Load() { lookups++; return Task.FromResult<StoredApiKey?>(null); }
        await Find(cache, "unknown", Load);
        await Find(cache, "unknown", Load);
        Assert.That(lookups, Is.EqualTo(2));
    }

    [Test]
    public async Task A_lookup_that_a_revocation_overtook_is_not_kept()
    {
        using var cache = Cache(10);
        var lookups = 0;
        await Find(cache, "hash", () =>
        {
            lookups++;
            cache.Clear();
            return Task.FromResult<StoredApiKey?>(Key);
        });
        await Find(cache, "hash", () => { lookups++; return Task.FromResult<StoredApiKey?>(null); });
        Assert.That(lookups, Is.EqualTo(2));
    }

    [Test]
    public async Task Zero_seconds_turns_the_cache_off()
    {
        using var cache = Cache(0);
        var lookups = 0;
        Task<StoredApiKey?> Load() { lookups++; return Task.FromResult<StoredApiKey?>(Key); }
        await Find(cache, "hash", Load);
        await Find(cache, "hash", Load);
        Assert.That(lookups, Is.EqualTo(2));
    }

    /// <summary>As the API-key handler asks: a held key first, else a lookup.</summary>
    private static async Task<StoredApiKey?> Find(ApiKeyCache cache, string hash, Func<Task<StoredApiKey?>> load)
        => cache.TryFind(hash, out var held) ? held : await cache.LoadAsync(hash, load);

    private static ApiKeyCache Cache(int seconds)
        => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:ApiKeyCacheSeconds"] = $"{seconds}" }).Build());
}
