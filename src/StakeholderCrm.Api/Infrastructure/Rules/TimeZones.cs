namespace StakeholderCrm.Api.Infrastructure.Rules;

/// <summary>IANA time-zone ids (<c>Europe/Brussels</c>), as the host's time-zone data knows them (ADR 012).</summary>
public static class TimeZones
{
    /// <summary>
    /// A zone the host knows by this exact IANA id. Found alone is not enough: the host also finds Windows ids
    /// (<c>Romance Standard Time</c>) and files of its zone folder that name no zone (<c>localtime</c>,
    /// <c>posix/…</c>); only a real IANA id maps to a Windows one.
    /// </summary>
    public static bool IsIana(string? id)
        => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _);

    /// <summary>Why <paramref name="id"/> is refused, with the IANA id to send instead when it is a Windows one.</summary>
    public static string Refusal(string field, string id)
        => TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana)
            ? $"'{field}' must be an IANA time-zone id, not a Windows one: send '{iana}' for '{id}'."
            : $"'{field}' must be an IANA time-zone id such as Europe/Brussels.";

    /// <summary>
    /// The instant as a date-time with the offset <paramref name="zone"/> has at that instant. A zone this host does not
    /// know (one written where the time-zone data had old aliases, or copied from such a host) gives the UTC instant:
    /// a record must stay readable whatever host serves it.
    /// </summary>
    public static DateTimeOffset Local(DateTimeOffset instant, string zone)
        => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? TimeZoneInfo.ConvertTime(instant, found) : instant.ToUniversalTime();
}
