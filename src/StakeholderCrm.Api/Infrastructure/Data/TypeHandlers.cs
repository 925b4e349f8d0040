using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>A value kept as a JSON array column with its row because it is always read with it (a contact's positions).</summary>
public interface IStoredAsJson;

/// <summary>
/// Dapper type handlers. SQLite has no GUID or time types, so there ids are lowercase text and times are UTC text
/// of fixed width, which compares and sorts correctly as text. SQL Server gets the native types unchanged.
/// </summary>
public static class TypeHandlers
{
    private static int registered;

    /// <summary>Registers the handlers, plus a JSON column handler for lists of every <see cref="IStoredAsJson"/> type in the assembly.</summary>
    public static void Register(System.Reflection.Assembly assembly)
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper's built-in map wins over handlers, so these types must leave it for the handlers to run.
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.RemoveTypeMap(typeof(decimal));
        SqlMapper.RemoveTypeMap(typeof(decimal?));
        SqlMapper.AddTypeHandler(new DecimalHandler());
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new StringListHandler());
        SqlMapper.AddTypeHandler(new JsonListHandler<Guid>());
        foreach (var type in assembly.GetTypes().Where(t => typeof(IStoredAsJson).IsAssignableFrom(t) && !t.IsInterface))
        {
            var handler = (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(JsonListHandler<>).MakeGenericType(type))!;
            SqlMapper.AddTypeHandler(typeof(IReadOnlyList<>).MakeGenericType(type), handler);
        }
    }

    private const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string SqliteTime(DateTimeOffset value) => value.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a time in the stored format (2024-05-14T09:30:00.1234567Z) field by field: the framework's exact-format
    /// parser took a tenth of a microsecond per value, several percent of a list page or a change feed page.
    /// Anything else, including an impossible date, answers false and is left to the general parser.
    /// </summary>
    internal static bool TryParseSqliteTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || text[19] != '.' || text[27] != 'Z')
        {
            return false;
        }
        if (!Digits(text[..4], out var year) || !Digits(text[5..7], out var month) || !Digits(text[8..10], out var day)
            || !Digits(text[11..13], out var hour) || !Digits(text[14..16], out var minute) || !Digits(text[17..19], out var second)
            || !Digits(text[20..27], out var ticks))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a GUID from {value.GetType().Name}."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteTime(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset time => time.ToUniversalTime(),
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            string text => TryParseSqliteTime(text, out var time)
                ? time
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            _ => throw new DataException($"Cannot read a time from {value.GetType().Name}."),
        };
    }

    /// <summary>Figures read back as stated: 1000, not 1000.0 (SQLite text) or 1000.00000000 (SQL Server decimal(28, 8)).</summary>
    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            parameter.DbType = parameter is SqliteParameter ? DbType.String : DbType.Decimal;
            parameter.Value = parameter is SqliteParameter ? Normalise(value).ToString(CultureInfo.InvariantCulture) : value;
        }

        public override decimal Parse(object value) => Normalise(value switch
        {
            decimal number => number,
            string text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        });

        private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime time => DateOnly.FromDateTime(time),
            string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
        };
    }

    private sealed class JsonListHandler<T> : SqlMapper.TypeHandler<IReadOnlyList<T>>
    {
        public override void SetValue(IDbDataParameter parameter, IReadOnlyList<T>? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = JsonSerializer.Serialize(value ?? [], Http.Json.Options);
        }

        public override IReadOnlyList<T> Parse(object value)
            => value is "[]" ? [] : JsonSerializer.Deserialize<T[]>((string)value, Http.Json.Options) ?? [];
    }

    /// <summary>Short lists shown with a row (aliases, tags) are kept as a JSON array in one column.</summary>
    private sealed class StringListHandler : SqlMapper.TypeHandler<IReadOnlyList<string>>
    {
        public override void SetValue(IDbDataParameter parameter, IReadOnlyList<string>? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = JsonSerializer.Serialize(value ?? []);
        }

        public override IReadOnlyList<string> Parse(object value)
            => value is "[]" ? [] : JsonSerializer.Deserialize<string[]>((string)value) ?? [];
    }
}
