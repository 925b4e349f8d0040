using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>SQLite writers that queue behind each other share one transaction, each in a savepoint of its own.</summary>
public sealed class GroupCommitTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly SqlText AddTopic = SqlText.Portable(
        "INSERT INTO topics (id, name, name_key, parent_id, description, version, created_at, updated_at, archived) "
        + "VALUES (@Id, @Name, @Name, NULL, NULL, 1, @Now, @Now, 0)");
    private static readonly SqlText TopicNames = SqlText.Portable("SELECT name FROM topics ORDER BY name");

    [SetUp]
    public void OnlySqlite()
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("SQL Server writers keep a transaction each.");
    }

    [Test]
    public async Task The_writer_in_line_continues_the_batch_and_both_answer_after_the_last_commits()
    {
        await using var firstScope = Host.Services.CreateAsyncScope();
        await using var secondScope = Host.Services.CreateAsyncScope();
        var a = firstScope.ServiceProvider.GetRequiredService<DbSession>();
        var b = secondScope.ServiceProvider.GetRequiredService<DbSession>();
        var (aCommits, bBegins) = await FirstCommitsWhileSecondWaitsAsync(a, b, "alpha", CancellationToken.None);
        await bBegins.WaitAsync(Patience);

        Assert.That(aCommits.IsCompleted, Is.False, "the first writer answers only once the batch has committed");
        Assert.That(await NamesAsync(), Is.Empty, "nothing is visible before the commit");
        await AddAsync(b, "beta");
        await b.CommitAsync(CancellationToken.None);
        await aCommits.WaitAsync(Patience);
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { "alpha", "beta" }));
    }

    [Test]
    public async Task A_writer_that_fails_undoes_only_its_own_changes()
    {
        await using var firstScope = Host.Services.CreateAsyncScope();
        await using var secondScope = Host.Services.CreateAsyncScope();
        var a = firstScope.ServiceProvider.GetRequiredService<DbSession>();
        var b = secondScope.ServiceProvider.GetRequiredService<DbSession>();
        var (aCommits, bBegins) = await FirstCommitsWhileSecondWaitsAsync(a, b, "kept", CancellationToken.None);
        await bBegins.WaitAsync(Patience);
        await AddAsync(b, "undone");
        Assert.That(async () => await AddAsync(b, "kept"), Throws.InstanceOf<UniqueConstraintViolation>(), "the batch sees the first writer's row");
        await b.RollbackAsync();

        await aCommits.WaitAsync(Patience);
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public async Task A_batch_whose_next_writer_gives_up_its_place_still_commits()
    {
        await using var firstScope = Host.Services.CreateAsyncScope();
        await using var secondScope = Host.Services.CreateAsyncScope();
        var a = firstScope.ServiceProvider.GetRequiredService<DbSession>();
        var b = secondScope.ServiceProvider.GetRequiredService<DbSession>();

        using var cancel = new CancellationTokenSource();
        var (aCommits, bBegins) = await FirstCommitsWhileSecondWaitsAsync(a, b, "orphan", cancel.Token);
        await cancel.CancelAsync();
        try
        {
            await bBegins.WaitAsync(Patience);
            await b.CommitAsync(CancellationToken.None); // it got its turn before the cancellation
        }
        catch (OperationCanceledException)
        {
        }

        await aCommits.WaitAsync(Patience);
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { "orphan" }));
    }

    [Test]
    public async Task An_exclusive_turn_commits_the_open_batch_before_it_starts()
    {
        await using var firstScope = Host.Services.CreateAsyncScope();
        var a = firstScope.ServiceProvider.GetRequiredService<DbSession>();
        var gate = Host.Services.GetRequiredService<WriterGate>();

        await a.BeginAsync(CancellationToken.None);
        await AddAsync(a, "before");
        var exclusive = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        var aCommits = a.CommitAsync(CancellationToken.None);
        using (await exclusive.WaitAsync(Patience))
        {
            Assert.That(await NamesAsync(), Is.EqualTo(new[] { "before" }), "committed by the time the exclusive turn begins");
        }
        await aCommits.WaitAsync(Patience);
    }

    [Test]
    public async Task Concurrent_writers_keep_every_change_they_confirmed_and_none_they_refused()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"Topic {i}").ToList();
        var attempts = names.Concat(names.Take(10)).Select(name => Admin.PostJsonAsync("/api/topics", $$"""{"name": "{{name}}"}"""));
        var responses = await Task.WhenAll(attempts);

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(30));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(10));
        Assert.That(await NamesAsync(), Is.EquivalentTo(names));
        foreach (var created in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            Assert.That((await Admin.GetAsync(created.Headers.Location)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    /// <summary>A writes <paramref name="name"/> and commits while B waits in line, so A's commit hands the batch to B.</summary>
    private static async Task<(Task ACommits, Task BBegins)> FirstCommitsWhileSecondWaitsAsync(DbSession a, DbSession b, string name, CancellationToken bWaits)
    {
        await a.BeginAsync(CancellationToken.None);
        await AddAsync(a, name);
        var bBegins = b.BeginAsync(bWaits);
        await Task.Delay(50);
        return (a.CommitAsync(CancellationToken.None), bBegins);
    }

    private static Task AddAsync(DbSession session, string name)
        => session.ExecuteAsync(AddTopic, new { Id = Guid.NewGuid(), Name = name, Now = DateTimeOffset.UtcNow }, CancellationToken.None);

    private async Task<IReadOnlyList<string>> NamesAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<string>(TopicNames, null, CancellationToken.None)).ToList();
    }
}
