using System.Text.Json;
using MediatR;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

public sealed record FindRegisterMatches(Guid OrganisationId) : IQuery<RegisterMatchesResponse>;

public enum RegisterMatchReason { Name, Acronym, Website }

/// <summary>A register entry that may be the organisation's, and what it matched on.</summary>
public sealed record RegisterMatch
{
    public required RegisterEntryResponse Entry { get; init; }
    public required IReadOnlyList<RegisterMatchReason> MatchedOn { get; init; }
}

public sealed record RegisterMatchesResponse
{
    /// <summary>At most 20 suggestions, listed entries first, then in name order.</summary>
    public required IReadOnlyList<RegisterMatch> Items { get; init; }
}

/// <summary>
/// Suggests register entries by the organisation's name and aliases (a name ending in them, or an acronym equal to one,
/// through the register's search terms) and by its website's host.
/// </summary>
public sealed class FindRegisterMatchesHandler(DbSession session) : IRequestHandler<FindRegisterMatches, RegisterMatchesResponse>
{
    public const int MaxMatches = 20;

    public static readonly SqlText Candidates = new(
        Sqlite: $"""
            SELECT {RegisterQueries.Columns} FROM register_entries e
            WHERE e.identification_code IN (SELECT t.identification_code FROM register_entry_terms t WHERE t.term IN (SELECT j.value FROM json_each(@Keys) j))
               OR (@Host IS NOT NULL AND e.website LIKE @HostPattern)
            ORDER BY e.listed DESC, e.name_key, e.identification_code LIMIT @Take
            """,
        SqlServer: $"""
            SELECT {RegisterQueries.Columns} FROM register_entries e
            WHERE e.identification_code IN (SELECT t.identification_code FROM register_entry_terms t WHERE t.term IN (SELECT j.[value] FROM OPENJSON(@Keys) j))
               OR (@Host IS NOT NULL AND e.website LIKE @HostPattern)
            ORDER BY e.listed DESC, e.name_key, e.identification_code OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY
            """);

    public async Task<RegisterMatchesResponse> Handle(FindRegisterMatches query, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationQueries.LoadAsync(session, query.OrganisationId, cancellationToken);
        var keys = new[] { organisation.Name! }.Concat(organisation.Aliases).Select(Text.SearchKey).Where(k => k.Length > 0).Distinct().ToList();
        var host = HostOf(organisation.Website);
        var entries = await session.QueryAsync<RegisterEntryResponse>(Candidates, new
        {
            Keys = JsonSerializer.Serialize(keys),
            Host = host,
            HostPattern = host is null ? null : $"%{host}%",
            Take = MaxMatches,
        }, cancellationToken);
        return new RegisterMatchesResponse
        {
            Items = entries.Select(e => new RegisterMatch { Entry = e, MatchedOn = Reasons(e, keys, host) }).Where(m => m.MatchedOn.Count > 0).ToList(),
        };
    }

    private static List<RegisterMatchReason> Reasons(RegisterEntryResponse entry, IReadOnlyList<string> keys, string? host)
    {
        var reasons = new List<RegisterMatchReason>();
        var name = Text.SearchKey(entry.Name);
        if (keys.Any(k => name == k || name.EndsWith(" " + k, StringComparison.Ordinal))) reasons.Add(RegisterMatchReason.Name);
        if (entry.Acronym is { } acronym && keys.Contains(Text.SearchKey(acronym))) reasons.Add(RegisterMatchReason.Acronym);
        if (host is not null && HostOf(entry.Website) == host) reasons.Add(RegisterMatchReason.Website);
        return reasons;
    }

    /// <summary>The host without "www.". It has no '%'; a '_' in it only widens the candidates, which the reasons then filter.</summary>
    private static string? HostOf(string? website)
        => Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : null;
}
