using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>SQL Server is not on our machines, so every T-SQL statement the app can issue is parsed here (SQL Server 2022 grammar).</summary>
public sealed class SqlServerStatementTests
{
    /// <summary>Every statement the app can issue, in both dialects: SqlText fields, arrays of them, and every list's SQL variants.</summary>
    public static IEnumerable<(string Name, string Sqlite, string SqlServer)> Pairs()
    {
        foreach (var field in typeof(SqlText).Assembly.GetTypes()
                     .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                     .Where(f => f.FieldType == typeof(SqlText) || f.FieldType == typeof(SqlText[])))
        {
            var name = $"{field.DeclaringType!.Name}.{field.Name}";
            if (field.GetValue(null) is SqlText[] statements)
            {
                for (var i = 0; i < statements.Length; i++) yield return ($"{name}[{i}]", statements[i].Sqlite, statements[i].SqlServer);
                continue;
            }
            var sql = (SqlText)field.GetValue(null)!;
            yield return (name, sql.Sqlite, sql.SqlServer);
        }
        var sqlite = Variants(Dialect.Sqlite).ToList();
        var server = Variants(Dialect.SqlServer).ToList();
        for (var i = 0; i < server.Count; i++) yield return (server[i].Name, sqlite[i].Sql, server[i].Sql);
    }

    private static IEnumerable<(string Name, string Sql)> Variants(Dialect dialect)
        => ListOrganisationsVariants(dialect).Concat(OtherListVariants(dialect)).Concat(FollowUpListVariants(dialect));

    public static IEnumerable<TestCaseData> Statements()
    {
        foreach (var (name, _, sql) in Pairs()) yield return new TestCaseData(sql).SetArgDisplayNames(name);
    }

    public static IEnumerable<TestCaseData> Migrations()
        => Directory.GetFiles(RepositoryFiles.PathOf("db", "sqlserver"), "*.sql").Order()
            .Select(file => new TestCaseData(File.ReadAllText(file)).SetArgDisplayNames(Path.GetFileName(file)));

    [TestCaseSource(nameof(Statements))]
    public void Statement_parses_as_T_SQL(string sql) => AssertParses(sql);

    [TestCaseSource(nameof(Migrations))]
    public void Migration_parses_as_T_SQL(string script) => AssertParses(script);

    [Test]
    public void Finds_the_statements_and_migrations_it_checks()
    {
        Assert.That(Statements().Count(), Is.GreaterThanOrEqualTo(20));
        Assert.That(Migrations().Count(), Is.EqualTo(Directory.GetFiles(RepositoryFiles.PathOf("db", "sqlite"), "*.sql").Length));
    }

    [Test]
    public void Rejects_sqlite_only_syntax()
        => Assert.That(Errors("SELECT id FROM organisations LIMIT @Take"), Is.Not.Empty);

    private static IEnumerable<(string Name, string Sql)> ListOrganisationsVariants(Dialect dialect)
    {
        var everyFilter = new ListOrganisations
        {
            Q = "tik", Kind = "company", Internal = true, InterestRepresentative = true, Registered = false, Country = "IE", Tag = "platform", ParentId = Guid.NewGuid(),
            IncludeArchived = false,
        };
        foreach (var sort in new[] { "name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt" })
        {
            var parsed = OrganisationSort.Parse(sort)!;
            yield return ($"ListOrganisations({sort}, no filter)", ListOrganisationsHandler.Sql(dialect, new ListOrganisations(), parsed, afterCursor: false));
            yield return ($"ListOrganisations({sort}, every filter, cursor)", ListOrganisationsHandler.Sql(dialect, everyFilter, parsed, afterCursor: true));
        }
    }

    private static IEnumerable<(string Name, string Sql)> OtherListVariants(Dialect server)
    {
        yield return ("ListTopics(every filter, cursor)",
            ListTopicsHandler.Sql(server, new ListTopics { Q = "x", ParentId = Guid.NewGuid() }, afterCursor: true));
        yield return ("ListTopics(no filter)", ListTopicsHandler.Sql(server, new ListTopics(), afterCursor: false));
        foreach (var sort in new[] { "fullName", "-updatedAt" })
        {
            var contactSort = ContactSort.Parse(sort)!;
            yield return ($"ListContacts({sort}, every filter, cursor)", ListContactsHandler.Sql(server,
                new ListContacts { Q = "x", OrganisationId = Guid.NewGuid(), AnyTime = true, Internal = true }, contactSort, afterCursor: true));
            yield return ($"ListContacts({sort}, current, not internal)", ListContactsHandler.Sql(server,
                new ListContacts { OrganisationId = Guid.NewGuid(), Internal = false }, contactSort, afterCursor: false));
        }
        var everyEngagementFilter = new ListEngagements
        {
            OrganisationId = Guid.NewGuid(), ContactId = Guid.NewGuid(), TopicId = Guid.NewGuid(), Kind = "call", Status = "held",
            From = "2021-01-01", To = "2021-12-31", Q = "a b c d e", Confidentiality = "internal",
        };
        foreach (var sort in new[] { "-startsAt", "updatedAt" })
        {
            var engagementSort = EngagementSort.Parse(sort)!;
            foreach (var frequent in new[] { false, true })
            {
                yield return ($"ListEngagements({sort}, every filter, cursor, frequent words {frequent})",
                    ListEngagementsHandler.Sql(server, everyEngagementFilter, 5, engagementSort, afterCursor: true, frequentWords: frequent));
                yield return ($"ListEngagements({sort}, one organisation, cursor, frequent words {frequent})",
                    ListEngagementsHandler.Sql(server, new ListEngagements { OrganisationId = Guid.NewGuid(), Q = "a" }, 1, engagementSort, afterCursor: true,
                        frequentWords: frequent));
                yield return ($"ListEngagements({sort}, full columns, frequent words {frequent})",
                    ListEngagementsHandler.Sql(server, everyEngagementFilter, 5, engagementSort, afterCursor: false, frequentWords: frequent,
                        EngagementQueries.Columns));
            }
            yield return ($"ListEngagements({sort}, no filter)",
                ListEngagementsHandler.Sql(server, new ListEngagements(), 0, engagementSort, afterCursor: false, frequentWords: false));
        }
        foreach (var status in PublicationConditions.Order)
        {
            yield return ($"ListPublications({status}, every filter, cursor)", ListPublicationsHandler.Sql(server, status,
                new ListPublications { From = new DateOnly(2021, 1, 1), To = new DateOnly(2021, 12, 31) }, afterCursor: true));
            yield return ($"ListPublications({status}, no filter)", ListPublicationsHandler.Sql(server, status, new ListPublications(), afterCursor: false));
        }
    }

    private static IEnumerable<(string Name, string Sql)> FollowUpListVariants(Dialect server)
    {
        var everyCommitmentFilter = new ListCommitments
        {
            OrganisationId = Guid.NewGuid(), Status = ["open", "lapsed"], Direction = "theirs", OwnerId = Guid.NewGuid(), EngagementId = Guid.NewGuid(),
            TopicId = Guid.NewGuid(), DueBefore = new DateOnly(2030, 1, 1), DueAfter = new DateOnly(2020, 1, 1), Overdue = true,
        };
        foreach (var sort in new[] { "dueDate", "-updatedAt" })
        {
            var parsed = CommitmentSort.Parse(sort)!;
            yield return ($"ListCommitments({sort}, every filter, cursor)",
                ListCommitmentsHandler.Sql(server, everyCommitmentFilter, 2, parsed, afterCursor: true));
            yield return ($"ListCommitments({sort}, not overdue)",
                ListCommitmentsHandler.Sql(server, new ListCommitments { Overdue = false }, 0, parsed, afterCursor: false));
        }
        for (var words = 1; words <= 5; words++)
        {
            yield return ($"Search(engagements, {words} words)", StakeholderCrm.Api.Features.Search.SearchEverythingHandler.Sql(server, "engagements", words));
            yield return ($"Search(commitments, {words} words)", StakeholderCrm.Api.Features.Search.SearchEverythingHandler.Sql(server, "commitments", words));
        }
        yield return ("ListBodies(every filter, cursor)", ListBodiesHandler.Sql(server, new ListBodies { Q = "forum", Kind = "forum" }, afterCursor: true));
        yield return ("ListMemberships(every filter, asOf, cursor)", ListMembershipsHandler.Sql(server,
            new ListMemberships { OrganisationId = Guid.NewGuid(), BodyId = Guid.NewGuid(), Status = "member", AsOf = new DateOnly(2021, 1, 1) },
            afterCursor: true));
        yield return ("ListMemberships(no filter)", ListMembershipsHandler.Sql(server, new ListMemberships(), afterCursor: false));
        yield return ("ListFigures(every filter, cursor)", ListFiguresHandler.Sql(server,
            new ListFigures { OrganisationId = Guid.NewGuid(), Metric = "users", SourceEngagementId = Guid.NewGuid() }, afterCursor: true));
        yield return ("ListRegisterEntries(every filter, cursor)", ListRegisterEntriesHandler.Sql(server,
            new ListRegisterEntries { Q = "example", Listed = true }, afterCursor: true));
        yield return ("ListRegisterEntries(no filter)", ListRegisterEntriesHandler.Sql(server, new ListRegisterEntries(), afterCursor: false));
    }

    private static void AssertParses(string sql)
    {
        var errors = Errors(sql);
        Assert.That(errors, Is.Empty, string.Join(Environment.NewLine, errors) + Environment.NewLine + sql);
    }

    private static List<string> Errors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}").ToList();
    }
}
