namespace StakeholderCrm.Tests.TestSupport;

/// <summary>What a test expects of an answer: its status, and for a problem its media type and the field it names.</summary>
public static class Responses
{
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.That((int)problem["status"]!, Is.EqualTo((int)status));
        return problem;
    }

    /// <summary>Asserts a 400 problem whose <c>errors</c> name the field, and returns that field's messages.</summary>
    public static async Task<string> FieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject();
        Assert.That(errors, Is.Not.Null, problem.ToJsonString());
        Assert.That(errors!.ContainsKey(field), Is.True, $"expected an error for '{field}' in {errors.ToJsonString()}");
        return errors[field]!.ToJsonString();
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
