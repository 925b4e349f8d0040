using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class ChangeRowTests(DatabaseProvider provider) : ApiTest(provider)
{
    public const string FailHeader = "X-Test-Fail-After-Handler";

    /// <summary>This class's host has one more behaviour, inside the transaction, that fails after the handler on request.</summary>
    protected override ApiHost CreateOwnHost(DatabaseProvider database)
        => new(database, services => services.AddScoped(typeof(IPipelineBehavior<,>), typeof(FailAfterHandler<,>)));

    [Test]
    public async Task A_successful_command_writes_exactly_one_change_row_naming_the_key()
    {
        var editor = await ClientWithRoleAsync("editor", name: "policy-unit-sync");
        var created = await editor.CreateOrganisationAsync("TikTok Technology Ltd");
        var before = await ChangeCountAsync("organisation");

        (await editor.PatchAsync((string)created["id"]!, """{"notes": "Call on 28 June 2021."}""", Requests.ETag(created))).EnsureSuccessStatusCode();

        Assert.That(await ChangeCountAsync("organisation"), Is.EqualTo(before + 1));
        Assert.That(await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation' AND operation = 'updated' AND version = 2 AND actor = 'policy-unit-sync' AND "
                + "data LIKE '%28 June 2021%'"),
            Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation' AND operation = 'created' AND actor = 'policy-unit-sync'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_command_that_fails_after_its_handler_writes_neither_the_entity_nor_a_change_row_and_hides_internals()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Routes.Organisations)
        {
            Content = Requests.Json("""{"name": "TikTok", "kind": "company", "aliases": ["Tik Tok"], "tags": ["platform"]}"""),
        };
        request.Headers.Add(FailHeader, "yes");
        var problem = await (await Admin.SendAsync(request)).ProblemAsync(HttpStatusCode.InternalServerError);

        Assert.That(problem["traceId"], Is.Not.Null);
        Assert.That(problem.ToJsonString(), Does.Not.Contain(FailAfterHandlerMessage));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM search_terms"), Is.Zero);
        Assert.That(await ChangeCountAsync("organisation"), Is.Zero);

        (await Admin.PostRawAsync("""{"name": "TikTok", "kind": "company"}""")).EnsureSuccessStatusCode();
        Assert.That(await ChangeCountAsync("organisation"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_rejected_command_writes_no_change_row()
    {
        await Admin.CreateOrganisationAsync("TikTok");
        await (await Admin.PostRawAsync("""{"name": "TIKTOK", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await ChangeCountAsync("organisation"), Is.EqualTo(1));
    }

    private Task<long> ChangeCountAsync(string entityType)
        => TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = @EntityType", new { EntityType = entityType });

    public const string FailAfterHandlerMessage = "Injected failure: SELECT secret FROM internals";

    public sealed class FailAfterHandler<TRequest, TResponse>(IHttpContextAccessor http) : IPipelineBehavior<TRequest, TResponse>
    {
        public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
        {
            var response = await next();
            if (http.HttpContext?.Request.Headers.ContainsKey(FailHeader) == true) throw new InvalidOperationException(FailAfterHandlerMessage);
            return response;
        }
    }
}
