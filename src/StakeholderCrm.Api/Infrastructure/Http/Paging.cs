using System.Buffers.Text;
using System.Text.Json;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>A page of a keyset-paged list; <c>nextCursor</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Opaque keyset cursors: the sort they belong to, the last row's sort value and its id, base64url JSON.
/// A cursor read with another sort, or altered, is a 400 on <c>cursor</c>.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private sealed record Position(string Sort, string? Value, Guid Id);

    public static string Encode(string sort, string? value, Guid id)
        => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Position(sort, value, id)));

    public static (string? Value, Guid Id)? Decode(string? cursor, string sort)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var position = JsonSerializer.Deserialize<Position>(Base64Url.DecodeFromChars(cursor));
            if (position is not null && position.Sort == sort) return (position.Value, position.Id);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
        }
        throw new BadRequestFieldException("cursor", "The cursor is not one this list issued for this sort; start again without a cursor.");
    }

    private sealed record KeyedPosition(string Sort, string? Value, string Key);

    /// <summary>A cursor for a list whose rows have a text key rather than an id (register entries by identification code).</summary>
    public static string Encode(string sort, string? value, string key)
        => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new KeyedPosition(sort, value, key)));

    public static (string? Value, string Key)? DecodeKeyed(string? cursor, string sort)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var position = JsonSerializer.Deserialize<KeyedPosition>(Base64Url.DecodeFromChars(cursor));
            if (position is { Key: not null } && position.Sort == sort) return (position.Value, position.Key);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
        }
        throw new BadRequestFieldException("cursor", "The cursor is not one this list issued for this sort; start again without a cursor.");
    }

    /// <summary>A time sort value read back from a cursor; a value that is not one is a 400 on <c>cursor</c>.</summary>
    public static DateTimeOffset Time(string? value)
        => DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw new BadRequestFieldException("cursor", "The cursor is not one this list issued for this sort; start again without a cursor.");

    /// <summary>A date sort value read back from a cursor; a value that is not one is a 400 on <c>cursor</c>.</summary>
    public static DateOnly Date(string? value)
        => DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new BadRequestFieldException("cursor", "The cursor is not one this list issued for this sort; start again without a cursor.");

    /// <summary>Trims the extra row fetched to learn whether another page follows.</summary>
    public static Page<T> Page<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf)
        => rows.Count > limit ? new Page<T>(rows.Take(limit).ToList(), cursorOf(rows[limit - 1])) : new Page<T>(rows, null);
}
