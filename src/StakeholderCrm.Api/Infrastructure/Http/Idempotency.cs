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
/// Requests with the same caller and key take turns; each key has a turn of its own, kept only while a request holds
/// or waits for it, so an unrelated key never waits. Across API instances the primary key of
/// <c>idempotency_keys</c> does the same job.
/// </summary>
public sealed class IdempotencyTurns
{
    private readonly Dictionary<(string Caller, string Key), Turn> turns = [];

    public async Task<IDisposable> EnterAsync(string caller, string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (turns)
        {
            if (!turns.TryGetValue((caller, key), out turn!)) turns[(caller, key)] = turn = new Turn((caller, key));
            turn.Users++;
        }
        var entered = false;
        try
        {
            entered = await turn.Gate.WaitAsync(wait, cancellationToken);
        }
        finally
        {
            if (!entered) Leave(turn);
        }
        if (!entered) throw new ConflictException("A request with this Idempotency-Key is still being processed; retry it once that request has finished.");
        return new Hold(this, turn);
    }

    /// <summary>Keys with a request holding or awaiting them; none once all have finished.</summary>
    public int Count
    {
        get
        {
            lock (turns) return turns.Count;
        }
    }

    private void Leave(Turn turn)
    {
        lock (turns)
        {
            if (--turn.Users == 0) turns.Remove(turn.Id);
        }
    }

    private sealed class Turn((string, string) id)
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly (string, string) Id = id;
        public int Users;
    }

    /// <summary>One request's hold on its key's turn, released once however often it is disposed.</summary>
    private sealed class Hold(IdempotencyTurns owner, Turn turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            turn.Gate.Release();
            owner.Leave(turn);
        }
    }
}

/// <summary>
/// The stored answers of Idempotency-Key requests (IETF httpapi draft): the key, a hash of the request and the response,
/// written in the command's own transaction, so a retry with the same key and body replays the response without
/// writing again, and a failed command stores nothing.
/// </summary>
public sealed class IdempotentAnswers(DbSession session, IOptions<IdempotencyOptions> options, TimeProvider clock, ShownSecrets secrets)
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

    /// <summary>POST, and PUT by external id, whose first answer (201) a retry should see again rather than a 200.</summary>
    public static bool IsKeyed(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method);

    public TimeSpan Wait => TimeSpan.FromSeconds(options.Value.WaitSeconds);

    /// <summary>The key a request carries, checked, or null.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (!IsKeyed(request.Method) || !request.Headers.TryGetValue(Header, out var values)) return null;
        var key = values.ToString();
        if (key.Length is 0 or > 255 || key.Any(char.IsControl))
        {
            throw new BadRequestFieldException(Header, "The Idempotency-Key must be 1 to 255 printable characters, e.g. a UUID.");
        }
        return key;
    }

    public Task<StoredAnswer?> FindAsync(string caller, string key, CancellationToken cancellationToken)
        => session.QuerySingleOrDefaultAsync<StoredAnswer>(Find, new { Caller = caller, Key = key }, cancellationToken);

    public bool IsLive(StoredAnswer stored) => stored.ExpiresAt > clock.GetUtcNow();

    /// <summary>Stores a successful answer in the running transaction; a key seen before and expired since is replaced.</summary>
    public async Task SaveAsync(HttpContext http, string caller, string key, string hash, bool replacesExpired, object? result,
        CancellationToken cancellationToken)
    {
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success) return;
        var now = clock.GetUtcNow();
        if (replacesExpired) await session.ExecuteAsync(DeleteExpired, new { Caller = caller, Key = key, Now = now }, cancellationToken);
        try
        {
            await session.ExecuteAsync(Insert, new
            {
                Caller = caller, Key = key, RequestHash = hash, StatusCode = success.StatusCode.Value,
                Location = LocationOf(result),
                ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                Body = result is IValueHttpResult { Value: { } value } ? secrets.ForStorage(JsonSerializer.Serialize(value, value.GetType(), Json.Options), value) : "",
                Now = now, ExpiresAt = now.AddHours(options.Value.RetentionHours),
            }, cancellationToken);
        }
        catch (UniqueConstraintViolation exception)
        {
            throw new KeyTakenException(exception);
        }
    }

    /// <summary>The stored answer again, as <paramref name="caller"/> may read it now: a person restricted since is masked in it.</summary>
    public async Task<IResult> ReplayAsync(HttpContext http, Auth.Caller caller, StoredAnswer stored, string hash, CancellationToken cancellationToken)
    {
        if (stored.RequestHash != hash)
        {
            throw new UnprocessableException("This Idempotency-Key was already used with a different request; use a new key for a new request.");
        }
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null) http.Response.Headers.Location = stored.Location;
        if (stored.ETag is not null) http.Response.Headers.ETag = stored.ETag;
        if (stored.Body.Length == 0) return Results.StatusCode(stored.StatusCode);
        var seen = await Auth.RestrictedContacts.SnapshotsAsync(session, caller, cancellationToken);
        return Results.Content(secrets.ForReplay(seen(stored.Body)), "application/json; charset=utf-8", Encoding.UTF8, stored.StatusCode);
    }

    public static async Task<string> RequestHashAsync(HttpRequest request)
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

    /// <summary>Created&lt;T&gt; exposes its Location only as a property of the closed generic type, not through an interface.</summary>
    private static string? LocationOf(object? result) => result?.GetType().GetProperty("Location")?.GetValue(result) as string;

    /// <summary>Another API instance committed the same key first.</summary>
    public sealed class KeyTakenException(Exception inner) : Exception("The Idempotency-Key was stored by another request.", inner);

    public sealed record StoredAnswer
    {
        public string RequestHash { get; init; } = "";
        public int StatusCode { get; init; }
        public string? Location { get; init; }
        public string? ETag { get; init; }
        public string Body { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
    }
}
