using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>Strong ETags carry the row version: <c>"7"</c>.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version that <c>If-Match</c> requires, or null for <c>*</c>. A missing header is a 428.</summary>
    public static int? RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) throw new PreconditionRequiredException();
        if (header.Trim() == "*") return null;
        // An array: a collection expression here builds its list through CollectionsMarshal (no interop in the API, ADR 009).
        if (EntityTagHeaderValue.TryParseList(new[] { header }, out var tags) && tags.Count == 1 && !tags[0].IsWeak
            && int.TryParse(tags[0].Tag.ToString().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        throw new PreconditionFailedException($"If-Match '{header}' is not an ETag this API issued; read the resource again for its ETag.");
    }

    public static void Check(int? required, int current)
    {
        if (required is { } version && version != current)
        {
            throw new PreconditionFailedException($"The resource has changed: If-Match names version {version}, the current ETag is {For(current)}.");
        }
    }
}
