using System.Collections;
using System.Data;
using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// A SQLite reader whose column values come straight from SQLite's column functions on the current statement's raw
/// pointer. Microsoft.Data.Sqlite passes the statement to each of its three or so native calls per value as a
/// SafeHandle, reference-counted around every call: 18 % of a search page's CPU and more of a feed page's (perf,
/// ADR 008). Values are what Microsoft.Data.Sqlite's own <c>GetValue</c> returns (long, double, string or DBNull, and
/// blobs through it); everything else is the wrapped reader's.
/// </summary>
internal sealed class NativeColumnReader : DbDataReader
{
    private const int Integer = 1, Float = 2, Text = 3, Null = 5;

    // The pointer belongs to the library the provider loaded; with another SQLite build than e_sqlite3 (a different
    // bundle), values are read the provider's way.
    private static readonly bool SameLibrary = SQLitePCL.raw.GetNativeLibraryName() == Native.Library;

    private readonly SqliteDataReader inner;

    private IntPtr statement;
    private int fieldCount;

    private NativeColumnReader(SqliteDataReader inner) => (this.inner, fieldCount) = (inner, inner.FieldCount);

    /// <summary>The reader a command's results are read through.</summary>
    public static DbDataReader For(SqliteDataReader reader) => SameLibrary ? new NativeColumnReader(reader) : reader;

    internal SqliteDataReader Inner => inner;

    public override bool Read()
    {
        var onRow = inner.Read();
        statement = onRow ? inner.Handle!.DangerousGetHandle() : IntPtr.Zero;
        return onRow;
    }

    public override bool NextResult()
    {
        statement = IntPtr.Zero;
        var next = inner.NextResult();
        fieldCount = inner.FieldCount;
        return next;
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object GetValue(int ordinal)
    {
        if (!OnColumn(ordinal)) return inner.GetValue(ordinal);
        return Native.sqlite3_column_type(statement, ordinal) switch
        {
            Integer => Native.sqlite3_column_int64(statement, ordinal),
            Float => Native.sqlite3_column_double(statement, ordinal),
            Text => ReadText(ordinal),
            Null => DBNull.Value,
            _ => inner.GetValue(ordinal),
        };
    }

    public override bool IsDBNull(int ordinal)
        => OnColumn(ordinal) ? Native.sqlite3_column_type(statement, ordinal) == Null : inner.IsDBNull(ordinal);

    // Out of range or off a row, the wrapped reader throws as it always has.
    private bool OnColumn(int ordinal) => statement != IntPtr.Zero && (uint)ordinal < (uint)fieldCount;

    private string ReadText(int ordinal)
    {
        // Text first, then its length: SQLite's documented order.
        var text = Native.sqlite3_column_text(statement, ordinal);
        return Marshal.PtrToStringUTF8(text, Native.sqlite3_column_bytes(statement, ordinal));
    }

    public override object this[string name] => inner[name];
    public override int Depth => inner.Depth;
    public override int FieldCount => fieldCount;
    public override bool HasRows => inner.HasRows;
    public override bool IsClosed => inner.IsClosed;
    public override int RecordsAffected => inner.RecordsAffected;
    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
    public override string GetName(int ordinal) => inner.GetName(ordinal);
    public override int GetOrdinal(string name) => inner.GetOrdinal(name);
    public override string GetString(int ordinal) => inner.GetString(ordinal);
    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);
    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);
    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);
    public override int GetValues(object[] values) => inner.GetValues(values);
    public override DataTable? GetSchemaTable() => inner.GetSchemaTable();
    public override IEnumerator GetEnumerator() => ((IEnumerable)inner).GetEnumerator();
    public override void Close() => inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>
    /// The library Microsoft.Data.Sqlite's provider loads, by the same name. The calls that only read the current row's
    /// value skip the runtime's GC transition: they neither block nor call back (connections run in multi-thread mode,
    /// so no connection mutex is taken).
    /// </summary>
    private static class Native
    {
        public const string Library = "e_sqlite3";

        [DllImport(Library, ExactSpelling = true), SuppressGCTransition]
        public static extern int sqlite3_column_type(IntPtr statement, int column);

        [DllImport(Library, ExactSpelling = true), SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr statement, int column);

        [DllImport(Library, ExactSpelling = true), SuppressGCTransition]
        public static extern double sqlite3_column_double(IntPtr statement, int column);

        [DllImport(Library, ExactSpelling = true), SuppressGCTransition]
        public static extern int sqlite3_column_bytes(IntPtr statement, int column);

        [DllImport(Library, ExactSpelling = true)]
        public static extern IntPtr sqlite3_column_text(IntPtr statement, int column);
    }
}
