using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

/// <summary>An import's statements: each writes one batch of entries (a JSON array, <c>@Rows</c>) with one statement per table.</summary>
internal static class RegisterWrites
{
    public sealed record EntryRow(string IdentificationCode, string Name, string NameKey, string? Acronym, string? Category, string? Country,
        string? Website, DateOnly? RegisteredOn, string ContentHash);

    public sealed record TermRow(string Term, string IdentificationCode);

    private const string WithEntry = """
        WITH (identification_code nvarchar(20), name nvarchar(max), name_key nvarchar(max), acronym nvarchar(max), category nvarchar(max),
            country nvarchar(max), website nvarchar(max), registered_on date, content_hash nvarchar(64))
        """;

    public static readonly SqlText Insert = new(
        Sqlite: """
            INSERT INTO register_entries (identification_code, name, name_key, acronym, category, country, website, registered_on, listed, delisted_on,
                content_hash, updated_at)
            SELECT json_extract(j.value, '$.identification_code'), json_extract(j.value, '$.name'), json_extract(j.value, '$.name_key'),
                json_extract(j.value, '$.acronym'), json_extract(j.value, '$.category'), json_extract(j.value, '$.country'),
                json_extract(j.value, '$.website'), json_extract(j.value, '$.registered_on'), 1, NULL, json_extract(j.value, '$.content_hash'), @Now
            FROM json_each(@Rows) j
            """,
        SqlServer: $"""
            INSERT INTO register_entries (identification_code, name, name_key, acronym, category, country, website, registered_on, listed, delisted_on,
                content_hash, updated_at)
            SELECT r.identification_code, r.name, r.name_key, r.acronym, r.category, r.country, r.website, r.registered_on, 1, NULL, r.content_hash, @Now
            FROM OPENJSON(@Rows) {WithEntry} r
            """);

    /// <summary>Rewrites changed entries, and lists again those that had left the register.</summary>
    public static readonly SqlText Update = new(
        Sqlite: """
            UPDATE register_entries SET name = json_extract(j.value, '$.name'), name_key = json_extract(j.value, '$.name_key'),
                acronym = json_extract(j.value, '$.acronym'), category = json_extract(j.value, '$.category'),
                country = json_extract(j.value, '$.country'), website = json_extract(j.value, '$.website'),
                registered_on = json_extract(j.value, '$.registered_on'), listed = 1, delisted_on = NULL,
                content_hash = json_extract(j.value, '$.content_hash'), updated_at = @Now
            FROM json_each(@Rows) j
            WHERE register_entries.identification_code = json_extract(j.value, '$.identification_code')
            """,
        SqlServer: $"""
            UPDATE register_entries SET name = r.name, name_key = r.name_key, acronym = r.acronym, category = r.category, country = r.country,
                website = r.website, registered_on = r.registered_on, listed = 1, delisted_on = NULL, content_hash = r.content_hash, updated_at = @Now
            FROM register_entries JOIN OPENJSON(@Rows) {WithEntry} r ON r.identification_code = register_entries.identification_code
            """);

    public static readonly SqlText DeleteTerms = new(
        Sqlite: "DELETE FROM register_entry_terms WHERE identification_code IN (SELECT j.value FROM json_each(@Codes) j)",
        SqlServer: "DELETE FROM register_entry_terms WHERE identification_code IN (SELECT j.[value] FROM OPENJSON(@Codes) j)");

    public static readonly SqlText InsertTerms = new(
        Sqlite: """
            INSERT INTO register_entry_terms (term, identification_code)
            SELECT json_extract(j.value, '$.term'), json_extract(j.value, '$.identification_code') FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO register_entry_terms (term, identification_code)
            SELECT r.term, r.identification_code FROM OPENJSON(@Rows) WITH (term nvarchar(200), identification_code nvarchar(20)) r
            """);

    /// <summary>Listed entries whose code is not in <c>@Seen</c> (the file's codes, a JSON array) leave the register from <c>@EffectiveOn</c>.</summary>
    public static readonly SqlText Delist = new(
        Sqlite: """
            UPDATE register_entries SET listed = 0, delisted_on = @EffectiveOn, updated_at = @Now
            WHERE listed = 1 AND identification_code NOT IN (SELECT j.value FROM json_each(@Seen) j)
            """,
        SqlServer: """
            UPDATE register_entries SET listed = 0, delisted_on = @EffectiveOn, updated_at = @Now
            WHERE listed = 1 AND identification_code NOT IN (SELECT j.[value] FROM OPENJSON(@Seen) j)
            """);

    public static readonly SqlText InsertImport = SqlText.Portable("""
        INSERT INTO register_imports (id, imported_at, imported_by, file_date, effective_on, entries, added, changed, unchanged, no_longer_listed)
        VALUES (@Id, @ImportedAt, @ImportedBy, @FileDate, @EffectiveOn, @Entries, @Added, @Changed, @Unchanged, @NoLongerListed)
        """);
}
