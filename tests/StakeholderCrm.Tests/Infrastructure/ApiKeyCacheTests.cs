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

        Assert.That(await cache.FindAsync("hash", Load), Is.EqualTo(Key));
        Assert.That(await cache.FindAsync("hash", Load), Is.EqualTo(Key));
        Assert.That(lookups, Is.EqualTo(1));

        cache.Clear();
        await cache.FindAsync("hash", Load);
        Assert.That(lookups, Is.EqualTo(2));
    }

    [Test]
    public async Task An_unknown_secret_is_looked_up_every_time()
    {
        using var cache = Cache(10);
        var lookups = 0;
        Task<StoredApiKey?> Load() { lookups++; return Task.FromResult<StoredApiKey?>(null); }
        await cache.FindAsync("unknown", Load);
        await cache.FindAsync("unknown", Load);
        Assert.That(lookups, Is.EqualTo(2));
    }

    [Test]
    public async Task A_lookup_that_a_revocation_overtook_is_not_kept()
    {
        using var cache = Cache(10);
        var lookups = 0;
        await cache.FindAsync("hash", () =>
        {
            lookups++;
            cache.Clear();
            return Task.FromResult<StoredApiKey?>(Key);
        });
        await cache.FindAsync("hash", () => { lookups++; return Task.FromResult<StoredApiKey?>(null); });
        Assert.That(lookups, Is.EqualTo(2));
    }

    [Test]
    public async Task Zero_seconds_turns_the_cache_off()
    {
        using var cache = Cache(0);
        var lookups = 0;
        Task<StoredApiKey?> Load() { lookups++; return Task.FromResult<StoredApiKey?>(Key); }
        await cache.FindAsync("hash", Load);
        await cache.FindAsync("hash", Load);
        Assert.That(lookups, Is.EqualTo(2));
    }

    private static ApiKeyCache Cache(int seconds)
        => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:ApiKeyCacheSeconds"] = $"{seconds}" }).Build());
}
