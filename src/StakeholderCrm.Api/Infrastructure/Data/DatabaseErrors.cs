using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>A unique index refused a row; handlers turn it into a 409 naming the existing row.</summary>
public sealed class UniqueConstraintViolation(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// A foreign key refused a row: what it refers to went away after the handler checked it, or a row still refers to
/// what it removes. A 409; the provider's message names tables and constraints, so clients get <see cref="Detail"/>.
/// </summary>
public sealed class ForeignKeyViolation(string message, Exception inner) : Exception(message, inner)
{
    public const string Detail = "A record this request refers to does not exist (any more), or the record is still referred to by another. "
        + "Read it again and retry.";
}

/// <summary>The one place where provider error codes are read.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private static readonly int[] SqlServerUnique = [2601, 2627];
    private const int SqlServerForeignKey = 547;

    private const int SqliteReadOnly = 8;
    private const int SqliteFull = 13;
    private static readonly int[] SqlServerFull = [1105, 9002]; // a filegroup full; the transaction log full
    private const int SqlServerReadOnly = 3906;

    /// <summary>The database's storage is full: SQLite's SQLITE_FULL (no space, or its max_page_count), SQL Server's 1105 or 9002.</summary>
    public static bool IsStorageFull(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) == SqliteFull,
        SqlException sql => SqlServerFull.Contains(sql.Number),
        _ => false,
    });

    /// <summary>The database cannot be written at all: a read-only file or folder, or a SQL Server database set READ_ONLY.</summary>
    public static bool IsReadOnly(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) == SqliteReadOnly,
        SqlException sql => sql.Number == SqlServerReadOnly,
        _ => false,
    });

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException) yield return exception;
    }

    public static Exception Translate(DbException exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }
            => new UniqueConstraintViolation(exception.Message, exception),
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintForeignKey }
            => new ForeignKeyViolation(exception.Message, exception),
        SqlException sql when SqlServerUnique.Contains(sql.Number) => new UniqueConstraintViolation(exception.Message, exception),
        // 547 also reports CHECK constraints, which are not a missing or still-referenced record.
        SqlException { Number: SqlServerForeignKey } sql when sql.Message.Contains("FOREIGN KEY", StringComparison.Ordinal)
            || sql.Message.Contains("REFERENCE constraint", StringComparison.Ordinal) => new ForeignKeyViolation(exception.Message, exception),
        _ => exception,
    };
}
