using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>A database the API cannot start on, said in one sentence: which database, what is wrong, what to do.</summary>
public sealed class StartupFaultException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Puts a database fault met at start-up into words an operator can act on (issue 23). A SQLite file is inspected with
/// plain file reads before SQLite opens it: SQLite would create a journal or write-ahead log next to a file it then
/// cannot use, or write into a truncated one.
/// </summary>
public static class StartupFaults
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Throws a <see cref="StartupFaultException"/> when the configured SQLite file cannot serve the API.</summary>
    public static void CheckSqliteFile(string connectionString)
    {
        if (SqliteFile(connectionString) is not { } path) return;
        var folder = Path.GetDirectoryName(path)!;
        if (!FolderIsWritable(folder))
        {
            throw Sqlite(path, $"is in a folder this process may not write ({folder}), where SQLite keeps its journal",
                "Let the API's user write to that folder, or set ConnectionStrings:Crm to a file in a folder it may write.");
        }
        if (!File.Exists(path)) return;
        if (ContentFault(path) is { } code)
        {
            var (cause, action) = SqliteCause(code);
            throw Sqlite(path, cause!, action);
        }
        if (!FileIsWritable(path))
        {
            var (cause, action) = SqliteCause(SQLitePCL.raw.SQLITE_READONLY);
            throw Sqlite(path, cause!, action);
        }
    }

    /// <summary>
    /// The one line for a start-up exception, or null when it is no database fault. It names the SQLite file or the SQL
    /// Server and database, never the password.
    /// </summary>
    public static string? Explain(Exception exception, Func<ConnectionFactory> connections)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupFaultException fault:
                    return fault.Message;
                case SqliteException sqlite when SqliteFile(connections().ConnectionString) is { } path:
                    var (cause, action) = SqliteCause(sqlite.SqliteErrorCode);
                    return Sqlite(path, cause ?? $"could not be used ({sqlite.Message.TrimEnd('.')})", action, Context(exception, e)).Message;
                case SqlException sql:
                    return ForSqlServer(sql.Number, connections().ConnectionString, sql.Message);
            }
        }
        return null;
    }

    /// <summary>The one line for SQL Server error <paramref name="number"/> on the database of <paramref name="connectionString"/>.</summary>
    public static string ForSqlServer(int number, string connectionString, string message)
    {
        var target = new SqlConnectionStringBuilder(connectionString);
        var (cause, action) = SqlServerCause(number);
        return $"The SQL Server database '{target.InitialCatalog}' on '{target.DataSource}' {cause ?? $"could not be used (error {number}: {message.TrimEnd('.')})"}. "
            + (action ?? "Fix that, then start the API again.");
    }

    private static (string? Cause, string? Action) SqlServerCause(int number) => number switch
    {
        18456 or 18452 or 18486 or 18487 or 18488 => ("refused the login",
            "Check the user name and password in ConnectionStrings:Crm, and that the login exists and is enabled."),
        4060 => ("cannot be opened by this login (it does not exist, or the login has no user in it)",
            "Create the database, or give the login a user in it, or correct Initial Catalog in ConnectionStrings:Crm."),
        -2 or 2 or 26 or 40 or 53 or 121 or 258 or 10053 or 10054 or 10060 or 10061 or 11001 => ("cannot be reached over the network",
            "Check the server name and port in ConnectionStrings:Crm, that SQL Server runs and accepts TCP connections, and the firewall."),
        229 or 230 or 262 or 300 or 916 or 1088 or 2760 => ("does not let this login change the schema (permission denied)",
            "Grant the login db_owner on the database (the migrations create tables), or run 'migrate' once with an account that may."),
        1105 or 9002 => ("is full", "Free or add space to the database's data or log files, then start the API again."),
        _ => (null, null),
    };

    private static (string? Cause, string Action) SqliteCause(int code) => (code & 0xFF) switch
    {
        SQLitePCL.raw.SQLITE_NOTADB => ("is not a SQLite database",
            "Set ConnectionStrings:Crm to the CRM's database file, or move this file away to start with an empty database."),
        SQLitePCL.raw.SQLITE_CORRUPT => ("is truncated or damaged", "Stop the API and restore the file from a backup; keep the damaged copy for inspection."),
        SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM => ("is read-only",
            "Let the API's user write to the file (its permissions or attributes) and its folder, or restore a writable copy."),
        SQLitePCL.raw.SQLITE_CANTOPEN => ("cannot be opened (its folder is missing or may not be written)",
            "Let the API's user create and write files in that folder, or set ConnectionStrings:Crm to another path."),
        SQLitePCL.raw.SQLITE_FULL => ("cannot grow: its disk is full", "Free space on the volume that holds the file, then start the API again."),
        SQLitePCL.raw.SQLITE_IOERR => ("cannot be read or written (an I/O error)", "Check the disk and the file system that hold the file."),
        _ => (null, "Fix that, then start the API again."),
    };

    /// <summary>Thrown where the folder of the SQLite file cannot be created, for instance because a parent is a file.</summary>
    public static StartupFaultException FolderCannotBeCreated(string path, Exception cause)
    {
        var full = Path.GetFullPath(path);
        var file = Ancestors(full).FirstOrDefault(File.Exists);
        var why = file is null ? cause.Message.TrimEnd('.') : $"'{file}' is a file, not a folder";
        return Sqlite(full, $"cannot be created: its folder cannot be created ({why})",
            "Set ConnectionStrings:Crm to a path whose folders exist or may be created.", inner: cause);
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder)) yield return folder;
    }

    private static StartupFaultException Sqlite(string path, string cause, string action, string? context = null, Exception? inner = null) =>
        new($"The SQLite database file '{path}' {cause}.{(context is null ? "" : $" {context}")} {action}", inner);

    /// <summary>What the API was doing when the database failed ("Migration 0007 failed."), when it said so.</summary>
    private static string? Context(Exception outer, Exception database) =>
        ReferenceEquals(outer, database) || outer is not InvalidOperationException ? null : outer.Message;

    private static string? SqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Null for an empty file or one that reads as a whole SQLite database; otherwise the SQLite error it would meet.</summary>
    private static int? ContentFault(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length == 0) return null;
        var header = new byte[100];
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < SqliteHeader.Length || !header.AsSpan(0, SqliteHeader.Length).SequenceEqual(SqliteHeader)) return SQLitePCL.raw.SQLITE_NOTADB;
        if (read < header.Length) return SQLitePCL.raw.SQLITE_CORRUPT;
        // A checkpoint or a transaction cut short by a crash can leave the file shorter than its header says; SQLite
        // completes or undoes it from the log, so the file's length says nothing while a log has content.
        if (HasContent(path + "-wal") || HasContent(path + "-journal")) return null;
        return IsTruncated(header, file.Length) ? SQLitePCL.raw.SQLITE_CORRUPT : null;
    }

    private static bool HasContent(string path) => File.Exists(path) && new FileInfo(path).Length > 0;

    /// <summary>
    /// The header's page count is trusted only when its change counter matches (as SQLite does); a file shorter than its
    /// pages, or not a whole number of pages, lost its end.
    /// </summary>
    private static bool IsTruncated(ReadOnlySpan<byte> header, long length)
    {
        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        if (pageSize == 1) pageSize = 65536;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0) return true;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var counted = BinaryPrimitives.ReadUInt32BigEndian(header[24..]) == BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        return length % pageSize != 0 || (counted && pages > 0 && length < (long)pages * pageSize);
    }

    private static bool FileIsWritable(string path)
    {
        try
        {
            // Opened for writing and closed without a write: neither its bytes nor its modification time change.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static bool FolderIsWritable(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".write-check-{Guid.NewGuid():N}"), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
