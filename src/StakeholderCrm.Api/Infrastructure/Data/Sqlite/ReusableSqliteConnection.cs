using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data.Sqlite;

/// <summary>
/// A SQLite connection that keeps every statement it has prepared, by its text, for as long as it stays open.
/// Microsoft.Data.Sqlite prepares a command's statements again for each new command object (dotnet/efcore#14044),
/// and Dapper makes a new command for every call; here each command borrows the kept statements for its text
/// (<see cref="BorrowingCommand"/>). Held open by <see cref="SqliteConnectionPool"/>; ADR 007.
/// </summary>
public sealed class ReusableSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Statement texts kept at most; past this the connection forgets them all and starts again.</summary>
    public const int MaxKeptStatements = 200;

    private readonly Dictionary<string, KeptStatement> kept = new(StringComparer.Ordinal);
    private int lent;

    public int KeptStatements => kept.Count;

    /// <summary>Open, outside any transaction, and no statement of it still lent out or reading.</summary>
    public bool Idle => State == ConnectionState.Open && Transaction is null && lent == 0 && SQLitePCL.raw.sqlite3_get_autocommit(Handle) != 0;

    /// <summary>The transaction a new command joins, as the provider's own commands do.</summary>
    internal SqliteTransaction? CurrentTransaction => Transaction;

    protected override DbCommand CreateDbCommand() => new BorrowingCommand(this);

    /// <summary>The kept statements for this text, or a new command when they are lent out or never prepared.</summary>
    internal SqliteCommand Lend(string text)
    {
        lent++;
        if (kept.Remove(text, out var statement)) return statement;
        return new KeptStatement { Connection = this, CommandText = text };
    }

    /// <summary>Keeps the statements for the next command of this text, unless they failed (their state is unknown) or still read.</summary>
    internal void Return(SqliteCommand command, bool failed)
    {
        var statement = (KeptStatement)command;
        // Still reading: it stays counted as lent, so this connection is closed rather than pooled.
        if (statement.Reading) return;
        lent--;
        statement.Parameters.Clear();
        statement.Transaction = null;
        if (failed || State != ConnectionState.Open || kept.ContainsKey(statement.CommandText))
        {
            statement.Dispose();
            return;
        }
        if (kept.Count >= MaxKeptStatements) Forget();
        kept[statement.CommandText] = statement;
    }

    public override void Close()
    {
        Forget();
        base.Close();
    }

    private void Forget()
    {
        foreach (var statement in kept.Values) statement.Dispose();
        kept.Clear();
    }

    private sealed class KeptStatement : SqliteCommand
    {
        public bool Reading => DataReader is not null;
    }
}
