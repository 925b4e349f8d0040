using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data.Sqlite;

/// <summary>
/// A command of a <see cref="ReusableSqliteConnection"/>: it holds its own text, parameters, transaction and timeout,
/// and runs them on the statements the connection keeps for that text, which it gives back when disposed.
/// </summary>
internal sealed class BorrowingCommand(ReusableSqliteConnection connection) : DbCommand
{
    private readonly ParameterList parameters = new();
    private SqliteCommand? borrowed;
    private bool failed;
    private string text = "";

    [AllowNull]
    public override string CommandText
    {
        get => text;
        set => text = value ?? "";
    }

    public override int CommandTimeout { get; set; } = connection.DefaultTimeout;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new ArgumentException($"SQLite runs text commands only, not {value}.", nameof(value));
        }
    }

    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection)) throw new NotSupportedException("A command of a reusable connection stays with it.");
        }
    }

    protected override DbParameterCollection DbParameterCollection => parameters;
    protected override DbTransaction? DbTransaction { get; set; } = connection.CurrentTransaction;

    public override void Cancel() => borrowed?.Cancel();
    public override void Prepare() => Borrow().Prepare();
    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run(command => command.ExecuteReader(behavior));
    public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery());
    public override object? ExecuteScalar() => Run(command => command.ExecuteScalar());

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        => Run(async command => (DbDataReader)await command.ExecuteReaderAsync(behavior, cancellationToken));

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Run(command => command.ExecuteNonQueryAsync(cancellationToken));
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Run(command => command.ExecuteScalarAsync(cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing) GiveBack();
        base.Dispose(disposing);
    }

    private T Run<T>(Func<SqliteCommand, T> execute)
    {
        try
        {
            return execute(Borrow());
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    private async Task<T> Run<T>(Func<SqliteCommand, Task<T>> execute)
    {
        try
        {
            return await execute(Borrow());
        }
        catch
        {
            failed = true;
            throw;
        }
    }

    /// <summary>This command's state on the kept statements; a command run again (Dapper's multi-execute) keeps what it borrowed.</summary>
    private SqliteCommand Borrow()
    {
        if (borrowed is not null && borrowed.CommandText != text) GiveBack();
        borrowed ??= connection.Lend(text);
        borrowed.Parameters.Clear();
        foreach (SqliteParameter parameter in parameters) borrowed.Parameters.Add(parameter);
        borrowed.Transaction = (SqliteTransaction?)DbTransaction;
        borrowed.CommandTimeout = CommandTimeout;
        return borrowed;
    }

    private void GiveBack()
    {
        if (borrowed is null) return;
        connection.Return(borrowed, failed);
        (borrowed, failed) = (null, false);
    }

    private sealed class ParameterList : SqliteParameterCollection;
}
