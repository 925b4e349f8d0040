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
