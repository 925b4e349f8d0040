using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CsvHelper;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// CSV in and out of a resource, with CsvHelper: one column per field (named as in JSON), then id, version and times.
/// Lists and objects sit in their cell as JSON, so an export imports back unchanged.
/// </summary>
public static class CsvTransfer
{
    private static readonly string[] Metadata = ["version", "createdAt", "updatedAt", "archived"];

    // A cell that starts with = + - @, tab or CR is a formula to a spreadsheet (CSV injection, OWASP): the export puts
    // ' in front, as spreadsheets read "this is text", and the import takes it off again, so an export imports back
    // unchanged. Key points and notes often start with "- ".
    public static readonly CsvWriterOptions Writing = new() { Injection = CsvInjection.Escape };

    // Bytes that are not UTF-8 are refused, not read as U+FFFD: an import must not change the text it was given.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<string> Columns<TFields>() => ["id", .. Writable(typeof(TFields)).Select(p => p.Name), .. Metadata];

    public static async Task WriteAsync<TFields>(Stream stream, IAsyncEnumerable<(TFields Fields, IVersioned Record, JsonObject Meta)> records,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using var csv = CsvWriter.Create(writer, Writing, leaveOpen: false);
        var columns = Columns<TFields>().ToArray();
        csv.WriteHeader(columns);
        await foreach (var (fields, record, meta) in records.WithCancellation(cancellationToken))
        {
            var values = JsonSerializer.SerializeToNode(fields, typeof(TFields), Json.Options)!.AsObject();
            await csv.WriteRecordAsync(
                [record.Id.ToString(), .. columns.Skip(1).Select(column => Cell(values.TryGetPropertyValue(column, out var value) ? value : meta[column]))],
                cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Each data row as a JSON object of <typeparamref name="TCreate"/>'s fields, with the line it came from.</summary>
    public static async Task<IReadOnlyList<(int Line, JsonObject Fields)>> ReadAsync<TCreate>(Stream body, CancellationToken cancellationToken)
    {
        var writable = Writable(typeof(TCreate)).ToDictionary(p => p.Name, p => p.Type);
        using var reader = new StreamReader(body, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        await using var csv = CsvReader.Create(reader, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: false);
        try
        {
            return await ReadRowsAsync(csv, writable, cancellationToken);
        }
        catch (CsvFormatException exception)
        {
            throw new BadRequestFieldException("body", $"The file is not valid CSV: {exception.Message}");
        }
        catch (DecoderFallbackException)
        {
            throw new BadRequestFieldException("body", "The file is not UTF-8: it holds bytes that are not UTF-8 text. Save it as UTF-8 and send it again.");
        }
    }

    private static async Task<IReadOnlyList<(int Line, JsonObject Fields)>> ReadRowsAsync(CsvReader csv, Dictionary<string, Type> writable,
        CancellationToken cancellationToken)
    {
        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers.ToArray();
        if (header.Length == 0) throw new BadRequestFieldException("header", "The file is empty: the first row must name the fields.");
        var unknown = header.Where(h => !writable.ContainsKey(h) && h != "id" && !Metadata.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            throw new BadRequestFieldException("header", $"Unknown column(s): {string.Join(", ", unknown)}. Columns are: {string.Join(", ", writable.Keys)}.");
        }

        var rows = new List<(int, JsonObject)>();
        while (await csv.ReadAsync(cancellationToken))
        {
            var fields = new JsonObject();
            foreach (var column in header.Where(writable.ContainsKey))
            {
                fields[column] = Node(Unescaped(csv.GetString(column) ?? ""), writable[column]);
            }
            rows.Add(((int)csv.LineNumber, fields));
        }
        return rows;
    }

    private static string Cell(JsonNode? value) => value switch
    {
        null => "",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        _ => value.ToJsonString(Json.Options),
    };

    private static string Unescaped(string cell)
        => cell.Length > 1 && cell[0] == Writing.InjectionEscape && Writing.InjectionCharacters.Contains(cell[1]) ? cell[1..] : cell;

    /// <summary>A cell as the JSON its field expects; what does not fit is left for strict reading to name.</summary>
    private static JsonNode? Node(string cell, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (cell.Length == 0) return target != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(target) ? new JsonArray() : null;
        if (target == typeof(bool)) return bool.TryParse(cell, out var flag) ? JsonValue.Create(flag) : JsonValue.Create(cell);
        if (target == typeof(decimal) || target == typeof(int) || target == typeof(long))
        {
            return decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
                : JsonValue.Create(cell);
        }
        if (target == typeof(string) || target.IsValueType) return JsonValue.Create(cell);
        try
        {
            return JsonNode.Parse(cell);
        }
        catch (JsonException)
        {
            return JsonValue.Create(cell);
        }
    }

    private static IEnumerable<(string Name, Type Type)> Writable(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
        .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));
}
