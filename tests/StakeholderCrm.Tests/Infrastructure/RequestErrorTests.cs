using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class RequestErrorTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Malformed_json_is_a_400_naming_where_it_broke()
    {
        var message = await (await Admin.PostRawAsync("""{"name": "TikTok", "kind": }""")).FieldErrorAsync("kind");
        Assert.That(message, Does.Contain("not valid JSON"));
    }

    [Test]
    public async Task A_problem_is_json_whatever_the_request_accepts()
    {
        // Found by the contract fuzzer: Accept without JSON made a 404 a 500, and a 400 an empty body.
        foreach (var accept in new[] { "text/csv", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "garbage" })
        {
            var missing = new HttpRequestMessage(HttpMethod.Get, $"{Routes.Commitments}/{Guid.NewGuid()}");
            missing.Headers.TryAddWithoutValidation("Accept", accept);
            var notFound = await (await Admin.SendAsync(missing)).ProblemAsync(HttpStatusCode.NotFound);
            Assert.That((string?)notFound["detail"], Does.StartWith("No commitment has the id"), accept);

            var invalid = new HttpRequestMessage(HttpMethod.Post, Routes.Organisations) { Content = Requests.Json("""{"name": 42}""") };
            invalid.Headers.TryAddWithoutValidation("Accept", accept);
            await (await Admin.SendAsync(invalid)).FieldErrorAsync("name");
        }
    }

    [Test]
    public async Task Truncated_json_is_a_400_on_the_body()
        => await (await Admin.PostRawAsync("""{"name": """)).FieldErrorAsync("name");

    [Test]
    public async Task A_wrong_type_is_a_400_naming_the_field_and_the_expected_type()
    {
        var message = await (await Admin.PostRawAsync("""{"name": "TikTok", "kind": "company", "internal": "yes"}""")).FieldErrorAsync("internal");
        Assert.That(message, Does.Contain("true or false"));
        await (await Admin.PostRawAsync("""{"name": 42, "kind": "company"}""")).FieldErrorAsync("name");
        await (await Admin.PostRawAsync("""{"name": "TikTok", "kind": "company", "aliases": "Tik Tok"}""")).FieldErrorAsync("aliases");
    }

    [Test]
    public async Task Text_that_is_not_unicode_is_a_400_naming_the_field_and_saying_so()
    {
        var escape = await (await Admin.PostRawAsync("""{"name": "Tik\ud800Tok", "kind": "company"}""")).FieldErrorAsync("name");
        Assert.That(escape, Does.Contain("not valid Unicode"));
        var latin1 = new ByteArrayContent([.. """{"name": "Caf"""u8, 0xE9, .. "\", \"kind\": \"company\"}"u8]);
        latin1.Headers.ContentType = new("application/json");
        var bytes = await (await Admin.PostAsync(Routes.Organisations, latin1)).FieldErrorAsync("name");
        Assert.That(bytes, Does.Contain("not valid Unicode"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task A_compressed_body_is_a_415_naming_content_encoding_never_read_as_text()
    {
        var gzipped = Requests.Json("""{"name": "TikTok", "kind": "company"}""");
        gzipped.Headers.ContentEncoding.Add("gzip");
        var problem = await (await Admin.PostAsync(Routes.Organisations, gzipped)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.That((string)problem["detail"]!, Does.StartWith("Content-Encoding"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);

        var identity = Requests.Json("""{"name": "TikTok", "kind": "company"}""");
        identity.Headers.ContentEncoding.Add("identity");
        Assert.That((await Admin.PostAsync(Routes.Organisations, identity)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task An_unknown_query_parameter_is_a_400_naming_it_never_ignored()
    {
        await Admin.CreateOrganisationAsync("TikTok");
        var message = await (await Admin.GetAsync($"{Routes.Organisations}?organisation_kind=ngo")).FieldErrorAsync("organisation_kind");
        Assert.That(message, Does.Contain("kind").And.Contain("limit").And.Not.Contain("mediator"));
        await (await Admin.GetAsync($"{Routes.Organisations}?limit=5&id=x")).FieldErrorAsync("id");
        var page = await (await Admin.GetAsync($"{Routes.Organisations}?KIND=company&Limit=5")).JsonAsync(HttpStatusCode.OK);
        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(1), "parameters bind whatever their case");

        var id = (await Admin.ListAsync(Routes.Organisations)).Single().Id();
        await (await Admin.GetAsync($"{Routes.Organisations}/{id}?includeArchived=true")).FieldErrorAsync("includeArchived");
        await (await Admin.PostAsync($"{Routes.Organisations}/batch?dryrun=true&mode=atomic&force=1",
            Requests.Json("""{"items": [{"name": "A", "kind": "ngo"}]}""")))
            .FieldErrorAsync("force");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_property_is_a_400_naming_it_never_ignored()
    {
        var message = await (await Admin.PostRawAsync("""{"name": "TikTok", "kind": "company", "headquarters": "Dublin"}""")).FieldErrorAsync("headquarters");
        Assert.That(message, Does.Contain("not a field"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task A_duplicated_property_is_a_400_naming_it()
        => await (await Admin.PostRawAsync("""{"name": "TikTok", "name": "Meta", "kind": "company"}""")).FieldErrorAsync("name");

    [Test]
    public async Task An_empty_body_is_a_400()
        => await (await Admin.PostRawAsync("")).ProblemAsync(HttpStatusCode.BadRequest);

    [Test]
    public async Task An_unknown_route_is_a_404_problem()
        => await (await Admin.GetAsync("/api/nothing-here")).ProblemAsync(HttpStatusCode.NotFound);
}
