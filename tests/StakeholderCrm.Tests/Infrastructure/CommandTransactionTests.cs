using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>The transaction of an HTTP write begins at its first write and is committed once, by one owner.</summary>
public sealed class CommandTransactionTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task A_reference_that_does_not_exist_is_a_400_while_another_writer_holds_the_database()
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("SQLite's writer gate only.");
        await using var scope = Host.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<DbSession>();
        await writer.BeginAsync(CancellationToken.None);
        try
        {
            var create = Admin.PostAsync("/api/commitments", Requests.Json($$"""
                {"title": "Present at the Senior Officials Meeting", "direction": "theirs", "category": "presentation", "organisationId": "{{Guid.NewGuid()}}"}
                """));
            var finished = await Task.WhenAny(create, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.That(finished, Is.SameAs(create), "the reference check did not wait for the writer ahead of it");
            Assert.That(await (await create).FieldErrorAsync("organisationId"), Does.Contain("No organisation"));
        }
        finally
        {
            await writer.RollbackAsync();
        }
    }

    [Test]
    public async Task A_keyed_batch_that_fails_atomically_stores_no_answer_and_writes_nothing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations/batch")
        {
            Content = Requests.Json("""{"items": [{"name": "TikTok", "kind": "company"}, {"name": "", "kind": "company"}]}"""),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        await (await Admin.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM idempotency_keys"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.Zero);
    }

    [Test]
    public async Task A_keyed_dry_run_writes_nothing_and_its_retry_replays_the_same_answer()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> DryRunAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations/batch?dryRun=true")
            {
                Content = Requests.Json("""{"items": [{"name": "TikTok", "kind": "company"}]}"""),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await Admin.SendAsync(request);
        }

        var first = await (await DryRunAsync()).JsonAsync(HttpStatusCode.OK);
        var retry = await DryRunAsync();

        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That((await retry.JsonAsync(HttpStatusCode.OK)).ToJsonString(), Is.EqualTo(first.ToJsonString()));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.Zero);
    }

    [Test]
    public async Task Concurrent_patches_that_name_no_version_all_apply_one_after_another()
    {
        var organisation = await Admin.CreateOrganisationAsync("TikTok");

        // If-Match: * reads the current row inside the transaction, so a writer between its read and its update cannot make it stale.
        var patches = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Admin.PatchAsync(organisation.Id(), $$"""{"notes": "note {{i}}"}""", "*")));

        Assert.That(patches.Select(p => p.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That((int)(await Admin.ReadAsync(Routes.Organisations, organisation.Id()))["version"]!, Is.EqualTo(21));
    }

    [Test]
    public async Task Work_after_the_commit_runs_once_committed_never_after_a_rollback_and_at_once_outside_a_unit()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var ran = new List<string>();

        Assert.That(async () => await unitOfWork.RunAsync<int>(() =>
        {
            unitOfWork.AfterCommit(() => ran.Add("rolled back"));
            throw new InvalidOperationException("the command failed");
        }, null, CancellationToken.None), Throws.InvalidOperationException);
        await unitOfWork.RunAsync(() =>
        {
            unitOfWork.AfterCommit(() => ran.Add("committed"));
            Assert.That(ran, Is.Empty, "nothing runs before the commit");
            return Task.FromResult(0);
        }, null, CancellationToken.None);
        unitOfWork.AfterCommit(() => ran.Add("outside"));

        Assert.That(ran, Is.EqualTo(new[] { "committed", "outside" }));
    }
}
