using System.Text.Json;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class StoredJsonTests
{
    private sealed record Change(StoredJson Data);

    [Test]
    public void Stored_json_is_written_as_stored()
    {
        const string stored = """{"name":"Caf\u00E9 \u0022Quote\u0022","tags":["a",null,1.50],"nested":{"empty":[]}}""";
        var written = JsonSerializer.Serialize(new Change(new StoredJson(stored)), Json.Options);
        Assert.That(written, Is.EqualTo($$"""{"data":{{stored}}}"""));
    }

    [Test]
    public void Stored_text_that_is_not_json_fails_the_write_instead_of_breaking_the_response()
    {
        Assert.That(() => JsonSerializer.Serialize(new Change(new StoredJson("{\"name\": \"cut off")), Json.Options), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void A_value_read_back_keeps_its_text()
    {
        var change = JsonSerializer.Deserialize<Change>("""{"data": {"a": [1, 2], "b": "x"}}""", Json.Options)!;
        Assert.That(change.Data.Text, Is.EqualTo("""{"a": [1, 2], "b": "x"}"""));
    }
}
