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

    /// <summary>The entries of the codes of <c>@Codes</c> (a JSON array) that are stored: the registrations of a page in one query.</summary>
    public static readonly SqlText ByCodes = new(
        Sqlite: $"SELECT {Columns} FROM register_entries e WHERE e.identification_code IN (SELECT j.value FROM json_each(@Codes) j)",
        SqlServer: $"SELECT {Columns} FROM register_entries e WHERE e.identification_code IN (SELECT j.[value] FROM OPENJSON(@Codes) j)");

    /// <summary>Whether any register was ever imported: before that, a well-formed code counts as registered (ADR 018).</summary>
    public static readonly SqlText AnyImport = SqlText.Portable("SELECT CASE WHEN EXISTS (SELECT 1 FROM register_imports) THEN 1 ELSE 0 END");

    /// <summary>
    /// Registered as of today, in SQL over <paramref name="code"/>, compared with <c>@Registered</c>: see <see cref="RegisteredOn"/>.
    /// </summary>
    public static string RegisteredCondition(string code) => $"{RegisteredOn(code, null)} = @Registered";

    /// <summary>
    /// 1 when <paramref name="code"/> is registered on <paramref name="day"/> (a date column; null: today), else 0: well formed
    /// (10 to 12 digits, a hyphen and 2 digits) and, once a register was imported, an entry registered by then and not yet
    /// delisted. Once a register was imported, the entry alone decides: the import refuses a code that is not well formed,
    /// so an entry's code always is. Only before the first import is the code's form checked here; codes are stored as
    /// digits, a hyphen and two digits (the organisation's validator), so the length patterns check the digit count
    /// portably. In this order, an engagement's organisations cost one indexed lookup each (three LIKEs each before).
    /// </summary>
    public static string RegisteredOn(string code, string? day) => $"""
        CASE WHEN {code} IS NULL THEN 0
            WHEN EXISTS (SELECT 1 FROM register_imports) THEN
                CASE WHEN EXISTS (SELECT 1 FROM register_entries re WHERE re.identification_code = {code} AND {(day is null ? "re.listed = 1"
                    : $"(re.registered_on IS NULL OR re.registered_on <= {day}) AND (re.listed = 1 OR re.delisted_on > {day})")}) THEN 1 ELSE 0 END
            WHEN {code} LIKE '__________-__' OR {code} LIKE '___________-__' OR {code} LIKE '____________-__' THEN 1
            ELSE 0 END
        """;

    /// <summary>The same rule in code: the entry found for a code (null when none), and whether any register was imported.</summary>
    public static bool IsRegistered(string? code, RegisterEntryResponse? entry, bool anyImport)
        => RegisterFile.IsIdentificationCode(code) && (!anyImport || entry is { Listed: true });

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
