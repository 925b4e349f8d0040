using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// Keys found valid, held for <c>Auth:ApiKeyCacheSeconds</c> (default 10; 0 turns the cache off) so that a request
/// does not pay for a key lookup. Revoking or rotating a key clears it once committed, so this instance refuses the old
/// secret at once; another instance of the API refuses it within that many seconds. Unknown secrets are never held.
/// </summary>
public sealed class ApiKeyCache : IDisposable
{
    private const int MaxKeys = 10_000;

    private readonly MemoryCache keys = new(new MemoryCacheOptions { SizeLimit = MaxKeys });
    private readonly TimeSpan lifetime;
    private CancellationTokenSource generation = new();

    public ApiKeyCache(IConfiguration configuration)
        => lifetime = TimeSpan.FromSeconds(configuration.GetValue("Auth:ApiKeyCacheSeconds", 10));

    /// <summary>A key held for this hash; false when it must be looked up (<see cref="LoadAsync"/>).</summary>
    public bool TryFind(string secretHash, out StoredApiKey? key)
    {
        key = null;
        return lifetime > TimeSpan.Zero && keys.TryGetValue(secretHash, out key);
    }

    /// <summary>Looks the key up and holds it if found.</summary>
    public async Task<StoredApiKey?> LoadAsync(string secretHash, Func<Task<StoredApiKey?>> load)
    {
        if (lifetime <= TimeSpan.Zero) return await load();

        // Taken before the lookup: a key revoked while it ran must not be cached from the stale read.
        var current = generation.Token;
        var stored = await load();
        if (stored is not null && !current.IsCancellationRequested)
        {
            keys.Set(secretHash, stored, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 }
                .AddExpirationToken(new CancellationChangeToken(current)));
        }
        return stored;
    }

    /// <summary>Forgets every key; called after a revocation or rotation has committed.</summary>
    public void Clear()
    {
        var previous = Interlocked.Exchange(ref generation, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose()
    {
        generation.Dispose();
        keys.Dispose();
    }
}
