using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

/// <summary>Reading register entries: the columns, one by code, and what an import compares a file's entries with.</summary>
internal static class RegisterQueries
{
    public const string Columns = """
        e.identification_code, e.name, e.acronym, e.category, e.country, e.website, e.registered_on, e.listed, e.delisted_on, e.updated_at
        """;

    public static readonly SqlText ByCode = SqlText.Portable($"SELECT {Columns} FROM register_entries e WHERE e.identification_code = @Code");

    /// <summary>The stored hash and listing of each code of <c>@Codes</c> (a JSON array) that is stored.</summary>
    public static readonly SqlText Stored = new(
        Sqlite: """
            SELECT e.identification_code, e.content_hash, e.listed FROM register_entries e
            WHERE e.identification_code IN (SELECT j.value FROM json_each(@Codes) j)
            """,
        SqlServer: """
            SELECT e.identification_code, e.content_hash, e.listed FROM register_entries e
            WHERE e.identification_code IN (SELECT j.[value] FROM OPENJSON(@Codes) j)
            """);

    public sealed record StoredEntry
    {
        public string IdentificationCode { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public bool Listed { get; init; }
    }

    /// <summary>The name order's key, cut to the indexed column's 400 characters.</summary>
    public static string NameKey(string name) => Text.Key(name) is var key && key.Length > 400 ? key[..400] : key;

    public static async Task<RegisterEntryResponse> LoadAsync(DbSession session, string code, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<RegisterEntryResponse>(ByCode, new { Code = code }, cancellationToken)
           ?? throw new NotFoundException($"No register entry has the identification code '{code}'.");
}
