using StakeholderCrm.Api.Infrastructure.Auth;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a key and its response are kept.</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>How long a request waits for another request with the same key to finish before it gets a 409.</summary>
    public int WaitSeconds { get; set; } = 10;
}

/// <summary>The same key and body again: the stored response was replayed; a different body: 422.</summary>
public sealed class UnprocessableException(string message) : Exception(message);

/// <summary>
/// Requests with the same key take turns; keys share 256 stripes so the set stays bounded. Across API instances the
/// primary key of <c>idempotency_keys</c> does the same job.
/// </summary>
public sealed class IdempotencyTurns
{
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string caller, string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var stripe = stripes[(int)((uint)HashCode.Combine(caller, key) % (uint)stripes.Length)];
        if (!await stripe.WaitAsync(wait, cancellationToken))
        {
            throw new ConflictException("A request with this Idempotency-Key is still being processed; retry it once that request has finished.");
        }
        return new Turn(stripe);
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) stripe.Release();
        }
    }
}

/// <summary>
/// Idempotency-Key on POST and PUT (IETF httpapi draft): the key, a hash of the request and the response are stored in the
/// command's own transaction, so a retry with the same key and body replays the response without writing again, and
/// a failed command stores nothing.
/// </summary>
public sealed class IdempotencyFilter(DbSession session, IdempotencyTurns turns, IOptions<IdempotencyOptions> options, TimeProvider clock)
    : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly SqlText Find = SqlText.Portable("""
        SELECT request_hash, status_code, location, etag, body, expires_at FROM idempotency_keys
        WHERE caller = @Caller AND idempotency_key = @Key
        """);

    private static readonly SqlText DeleteExpired = SqlText.Portable(
        "DELETE FROM idempotency_keys WHERE caller = @Caller AND idempotency_key = @Key AND expires_at <= @Now");

    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, status_code, location, etag, body, created_at, expires_at)
        VALUES (@Caller, @Key, @RequestHash, @StatusCode, @Location, @ETag, @Body, @Now, @ExpiresAt)
        """);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsKeyed(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);

        var key = values.ToString();
        if (key.Length is 0 or > 255 || key.Any(char.IsControl))
        {
            throw new BadRequestFieldException(Header, "The Idempotency-Key must be 1 to 255 printable characters, e.g. a UUID.");
        }
        var caller = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity?.Name ?? "anonymous";
        var hash = await RequestHashAsync(http.Request);
        var cancellationToken = http.RequestAborted;

        using var turn = await turns.EnterAsync(caller, key, TimeSpan.FromSeconds(options.Value.WaitSeconds), cancellationToken);
        var stored = await FindAsync(caller, key, cancellationToken);
        if (stored is not null && stored.ExpiresAt > clock.GetUtcNow()) return Replay(http, stored, hash);
        // Only a key seen before and expired since needs its old row removed: a new key costs no delete.
        var expired = stored is not null;

        session.CommitDeferred = true;
        object? result;
        try
        {
            result = await next(context);
        }
        finally
        {
            session.CommitDeferred = false;
        }
        if (!session.InTransaction) return result;

        try
        {
            if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
            {
                var now = clock.GetUtcNow();
                if (expired) await session.ExecuteAsync(DeleteExpired, new { Caller = caller, Key = key, Now = now }, cancellationToken);
                await session.ExecuteAsync(Insert, new
                {
                    Caller = caller, Key = key, RequestHash = hash, StatusCode = success.StatusCode.Value,
                    Location = LocationOf(result),
                    ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                    Body = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), Json.Options) : "",
                    Now = now, ExpiresAt = now.AddHours(options.Value.RetentionHours),
                }, cancellationToken);
            }
            await session.CommitAsync(cancellationToken);
            return result;
        }
        catch (UniqueConstraintViolation)
        {
            // Another API instance committed the same key first: this command's work is undone and the winner replayed.
            await session.RollbackAsync();
            return Replay(http, await FindAsync(caller, key, cancellationToken) ?? throw new ConflictException("The Idempotency-Key is in use."), hash);
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }

    /// <summary>POST, and PUT by external id, whose first answer (201) a retry should see again rather than a 200.</summary>
    public static bool IsKeyed(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method);

    private Task<StoredResponse?> FindAsync(string caller, string key, CancellationToken cancellationToken)
        => session.QuerySingleOrDefaultAsync<StoredResponse>(Find, new { Caller = caller, Key = key }, cancellationToken);

    /// <summary>Created&lt;T&gt; exposes its Location only as a property of the closed generic type, not through an interface.</summary>
    private static string? LocationOf(object? result) => result?.GetType().GetProperty("Location")?.GetValue(result) as string;

    private static IResult Replay(HttpContext http, StoredResponse stored, string hash)
    {
        if (stored.RequestHash != hash)
        {
            throw new UnprocessableException("This Idempotency-Key was already used with a different request; use a new key for a new request.");
        }
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null) http.Response.Headers.Location = stored.Location;
        if (stored.ETag is not null) http.Response.Headers.ETag = stored.ETag;
        return stored.Body.Length == 0
            ? Results.StatusCode(stored.StatusCode)
            : Results.Content(stored.Body, "application/json; charset=utf-8", Encoding.UTF8, stored.StatusCode);
    }

    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
            request.Body.Position = 0;
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed record StoredResponse
    {
        public string RequestHash { get; init; } = "";
        public int StatusCode { get; init; }
        public string? Location { get; init; }
        public string? ETag { get; init; }
        public string Body { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
    }
}
