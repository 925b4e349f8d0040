using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Beyond syntax: the schema the db/sqlserver migrations build, read with ScriptDom, against every SQL Server statement
/// the app can issue. Each finding names the statement and the identifier.
/// </summary>
public sealed partial class SqlServerSchemaTests
{
    private static readonly string[] SqliteOnlyFunctions =
        ["json_each", "json_extract", "strftime", "datetime", "julianday", "ifnull", "group_concat", "printf", "instr", "substr", "total", "random"];

    private static readonly Lazy<Dictionary<string, Table>> Schema = new(BuildSchema);

    public static IEnumerable<TestCaseData> Statements()
        => SqlServerStatementTests.Pairs().Select(p => new TestCaseData(p.Name, p.Sqlite, p.SqlServer).SetArgDisplayNames(p.Name));

    [Test]
    public void The_migrations_build_the_schema_the_app_uses()
    {
        var schema = Schema.Value;
        Assert.That(schema.Keys, Is.SupersetOf(new[] { "organisations", "contacts", "engagements", "commitments", "changes", "api_keys", "idempotency_keys" }));
        Assert.That(schema["changes"].Columns, Does.ContainKey("commit_order"), "columns added by ALTER TABLE count");
        Assert.That(schema["organisations"].Columns["id"], Is.EqualTo("uniqueidentifier"));
    }

    [Test]
    public void Every_foreign_key_column_leads_an_index()
    {
        var missing = Schema.Value.SelectMany(t => t.Value.ForeignKeys.Where(fk => !t.Value.Leads(fk)).Select(fk => $"{t.Key}.{fk}")).ToList();
        Assert.That(missing, Is.Empty);
    }

    [TestCaseSource(nameof(Statements))]
    public void Statement_matches_the_schema(string name, string sqlite, string sqlServer)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sqlServer), out var errors);
        Assert.That(errors, Is.Empty, name);
        // Each statement of a batch on its own: aliases are the statement's, and a batch (the briefing) reuses them.
        var findings = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).SelectMany(statement =>
        {
            var visitor = new StatementVisitor();
            statement.Accept(visitor);
            return visitor.Check(Schema.Value);
        }).Select(f => $"{name}: {f}").ToList();

        var passed = Parameters(sqlite);
        findings.AddRange(Parameters(sqlServer).Where(p => !passed.Contains(p))
            .Select(p => $"{name}: parameter {p} is not one the code passes (not in the SQLite text it shares its arguments with)"));
        Assert.That(findings, Is.Empty, string.Join(Environment.NewLine, findings));
    }

    [Test]
    public void Catches_an_unknown_column_a_sqlite_function_and_a_filter_without_index()
    {
        var visitor = new StatementVisitor();
        new TSql160Parser(true).Parse(new StringReader(
            "SELECT o.nme, ifnull(o.notes, '') FROM organisations o WHERE o.notes = @Notes"), out _).Accept(visitor);
        var findings = visitor.Check(Schema.Value);
        Assert.That(findings, Has.Some.Contains("o.nme"));
        Assert.That(findings, Has.Some.Contains("ifnull"));
        Assert.That(findings, Has.Some.Contains("no index"));
    }

    private static HashSet<string> Parameters(string sql) => ParameterName().Matches(sql).Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<!@)@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();

    private static Dictionary<string, Table> BuildSchema()
    {
        var visitor = new SchemaVisitor();
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("db", "sqlserver"), "*.sql").Order())
        {
            new TSql160Parser(true).Parse(new StreamReader(file), out var errors).Accept(visitor);
            Assert.That(errors, Is.Empty, file);
        }
        return visitor.Tables;
    }

    private static string Last(MultiPartIdentifier identifier) => identifier.Identifiers[^1].Value;

    private sealed class Table
    {
        public Dictionary<string, string> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<List<string>> Indexes { get; } = [];
        public Dictionary<string, List<string>> IndexesByName { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> ForeignKeys { get; } = [];

        public bool Leads(string column) => Indexes.Any(i => i.Count > 0 && string.Equals(i[0], column, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class SchemaVisitor : TSqlFragmentVisitor
    {
        public Dictionary<string, Table> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(CreateTableStatement node)
        {
            var table = Tables[node.SchemaObjectName.BaseIdentifier.Value] = new Table();
            Columns(table, node.Definition);
        }

        public override void Visit(AlterTableAddTableElementStatement node) => Columns(Tables[node.SchemaObjectName.BaseIdentifier.Value], node.Definition);

        public override void Visit(CreateIndexStatement node)
        {
            var table = Tables[node.OnName.BaseIdentifier.Value];
            var columns = node.Columns.Select(c => Last(c.Column.MultiPartIdentifier)).ToList();
            table.Indexes.Add(columns);
            table.IndexesByName[node.Name.Value] = columns;
        }

        public override void Visit(DropIndexStatement node)
        {
            foreach (var clause in node.DropIndexClauses.OfType<DropIndexClause>())
            {
                var table = Tables[clause.Object.BaseIdentifier.Value];
                if (table.IndexesByName.Remove(clause.Index.Value, out var columns)) table.Indexes.Remove(columns);
            }
        }

        private static void Columns(Table table, TableDefinition definition)
        {
            foreach (var column in definition.ColumnDefinitions)
            {
                var name = column.ColumnIdentifier.Value;
                table.Columns[name] = column.DataType?.Name.BaseIdentifier.Value.ToLowerInvariant() ?? "computed";
                foreach (var constraint in column.Constraints)
                {
                    if (constraint is UniqueConstraintDefinition) table.Indexes.Add([name]);
                    if (constraint is ForeignKeyConstraintDefinition) table.ForeignKeys.Add(name);
                }
            }
            foreach (var constraint in definition.TableConstraints)
            {
                if (constraint is UniqueConstraintDefinition unique) table.Indexes.Add(unique.Columns.Select(c => Last(c.Column.MultiPartIdentifier)).ToList());
                if (constraint is ForeignKeyConstraintDefinition foreignKey) table.ForeignKeys.AddRange(foreignKey.Columns.Select(c => c.Value));
            }
        }
    }

    private sealed class StatementVisitor : TSqlFragmentVisitor
    {
        private readonly List<(string? Alias, string Name)> tables = [];
        private readonly HashSet<string> derived = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> aliases = new(StringComparer.OrdinalIgnoreCase) { "value" };
        private readonly List<IList<Identifier>> columns = [];
        private readonly List<IList<Identifier>> filters = [];
        private readonly List<IList<Identifier>> orders = [];
        private readonly List<string> functions = [];

        public override void Visit(NamedTableReference node) => tables.Add((node.Alias?.Value, node.SchemaObject.BaseIdentifier.Value));
        public override void Visit(CommonTableExpression node)
        {
            derived.Add(node.ExpressionName.Value);
            foreach (var column in node.Columns) aliases.Add(column.Value);
        }
        public override void Visit(QueryDerivedTable node) => derived.Add(node.Alias.Value);
        public override void Visit(OpenJsonTableReference node) => derived.Add(node.Alias?.Value ?? "openjson");
        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias) aliases.Add(alias);
        }
        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier is { } identifier) columns.Add(identifier.Identifiers);
        }
        public override void Visit(FunctionCall node) => functions.Add(node.FunctionName.Value);
        public override void Visit(BooleanComparisonExpression node)
        {
            if (node.FirstExpression is ColumnReferenceExpression { MultiPartIdentifier: { } column }
                && node.SecondExpression is VariableReference or Literal or ColumnReferenceExpression)
            {
                filters.Add(column.Identifiers);
            }
        }
        public override void Visit(ExpressionWithSortOrder node)
        {
            if (node.Expression is ColumnReferenceExpression { MultiPartIdentifier: { } column }) orders.Add(column.Identifiers);
        }

        public override void Visit(InPredicate node)
        {
            if (node.Expression is ColumnReferenceExpression { MultiPartIdentifier: { } column }) filters.Add(column.Identifiers);
        }

        public List<string> Check(Dictionary<string, Table> schema)
        {
            var findings = new List<string>();
            foreach (var (alias, _) in tables.Where(t => derived.Contains(t.Name) && t.Alias is not null).ToList()) derived.Add(alias!);
            var real = tables.Where(t => !derived.Contains(t.Name)).ToList();
            foreach (var (_, name) in real.Where(t => !schema.ContainsKey(t.Name))) findings.Add($"table {name} does not exist");
            var known = real.Where(t => schema.ContainsKey(t.Name)).ToList();
            var byAlias = known.GroupBy(t => t.Alias ?? t.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => schema[g.First().Name], StringComparer.OrdinalIgnoreCase);

            foreach (var identifiers in columns)
            {
                var column = identifiers[^1].Value;
                if (identifiers.Count >= 2)
                {
                    var qualifier = identifiers[^2].Value;
                    if (byAlias.TryGetValue(qualifier, out var table))
                    {
                        if (!table.Columns.ContainsKey(column)) findings.Add($"column {qualifier}.{column} does not exist");
                    }
                    else if (!derived.Contains(qualifier)) findings.Add($"{qualifier}.{column} names no table of the statement");
                }
                else if (!known.Any(t => schema[t.Name].Columns.ContainsKey(column)) && !aliases.Contains(column))
                {
                    findings.Add($"column {column} is in no table of the statement");
                }
            }
            findings.AddRange(functions.Where(f => SqliteOnlyFunctions.Contains(f, StringComparer.OrdinalIgnoreCase)).Select(f => $"{f} is a SQLite function"));

            foreach (var group in filters.Where(f => f.Count >= 2 || known.Count == 1)
                         .GroupBy(f => f.Count >= 2 ? f[^2].Value : known[0].Alias ?? known[0].Name, StringComparer.OrdinalIgnoreCase))
            {
                if (!byAlias.TryGetValue(group.Key, out var table)) continue;
                // A keyset page read in the order of an index is served by it, whatever residual filters it has.
                var ordered = orders.Where(o => o.Count >= 2 && string.Equals(o[^2].Value, group.Key, StringComparison.OrdinalIgnoreCase) || o.Count == 1);
                if (!group.Concat(ordered).Any(f => table.Leads(f[^1].Value)))
                {
                    findings.Add($"the filter on {group.Key} ({string.Join(", ", group.Select(f => f[^1].Value).Distinct())}) has no index that leads with "
                        + "one of its columns");
                }
            }
            return findings;
        }
    }
}
