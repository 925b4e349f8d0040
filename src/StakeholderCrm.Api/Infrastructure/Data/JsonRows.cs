using System.Text.Json;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// Child rows passed as one JSON array parameter, so a child table is written with one statement whatever their number:
/// SQLite reads the array with <c>json_each</c>, SQL Server with <c>OPENJSON</c>. An array of records names its
/// properties as the columns (<c>contact_id</c>), so <c>OPENJSON … WITH</c> needs no paths; an array of plain values
/// is read as <c>value</c>, its index as <c>key</c>. Ids, dates and flags serialise as SQLite stores them (lowercase
/// ids, <c>yyyy-MM-dd</c>, 1 and 0 from true and false), and every string comes back as sent: JSON escapes it.
/// </summary>
public static class JsonRows
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows, Options);
}
