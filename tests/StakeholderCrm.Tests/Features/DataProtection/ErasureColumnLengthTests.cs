using Microsoft.SqlServer.TransactSql.ScriptDom;
using StakeholderCrm.Api.Features.DataProtection;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

/// <summary>"[erased]" in place of a shorter name lengthens text: on SQL Server a redaction is cut to its column's declared length.</summary>
public sealed class ErasureColumnLengthTests
{
    [Test]
    public void Each_redacted_column_is_cut_to_its_declared_SQL_Server_length()
    {
        var declared = DeclaredLengths();

        foreach (var column in ErasureFreeText.Columns)
        {
            Assert.That(declared.TryGetValue((column.Table, column.Column), out var length), Is.True, $"{column.Table}.{column.Column} is nvarchar");
            Assert.That(column.SqlServerLength, Is.EqualTo(length), $"{column.Table}.{column.Column}");
        }
        Assert.That(PersonalDataRequests.ReasonLength, Is.EqualTo(declared[("personal_data_requests", "reason")]));
    }

    [Test]
    public void A_limited_column_is_cut_on_SQL_Server_and_an_unlimited_one_is_not()
    {
        var limited = ErasedValues.Rewrite("engagements", "title", "id", 600);
        var unlimited = ErasedValues.Rewrite("engagements", "summary", "id", 0);

        Assert.That(limited.SqlServer, Does.Contain("SET title = LEFT(@Text, 600) WHERE id = @Key0"));
        Assert.That(limited.Sqlite, Does.Not.Contain("LEFT("), "SQLite text has no declared length");
        Assert.That(unlimited.SqlServer, Does.Not.Contain("LEFT("));
    }

    /// <summary>The nvarchar columns the SQL Server migrations declare, by table and column; 0 for nvarchar(max).</summary>
    private static Dictionary<(string Table, string Column), int> DeclaredLengths()
    {
        var visitor = new NVarCharColumns();
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("db", "sqlserver"), "*.sql").Order())
        {
            new TSql160Parser(true).Parse(new StreamReader(file), out var errors).Accept(visitor);
            Assert.That(errors, Is.Empty, file);
        }
        return visitor.Lengths;
    }

    private sealed class NVarCharColumns : TSqlFragmentVisitor
    {
        public Dictionary<(string Table, string Column), int> Lengths { get; } = new();

        public override void Visit(CreateTableStatement node) => Add(node.SchemaObjectName.BaseIdentifier.Value, node.Definition);

        public override void Visit(AlterTableAddTableElementStatement node) => Add(node.SchemaObjectName.BaseIdentifier.Value, node.Definition);

        public override void Visit(AlterTableAlterColumnStatement node)
        {
            if (node.DataType is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.NVarChar } type)
            {
                Lengths[(node.SchemaObjectName.BaseIdentifier.Value, node.ColumnIdentifier.Value)] = Length(type);
            }
        }

        private void Add(string table, TableDefinition definition)
        {
            foreach (var column in definition.ColumnDefinitions)
            {
                if (column.DataType is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.NVarChar } type)
                {
                    Lengths[(table, column.ColumnIdentifier.Value)] = Length(type);
                }
            }
        }

        private static int Length(SqlDataTypeReference type) => type.Parameters[0] is MaxLiteral ? 0 : int.Parse(type.Parameters[0].Value);
    }
}
