namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>The walk over schemas finds what it is there to find, so that a contract walk with nothing to report means something.</summary>
public sealed class SchemaWalkTests
{
    private static readonly SchemaWalk Walk = new(JsonNode.Parse("""
        {"components": {"schemas": {
            "Meeting": {"type": "object", "required": ["title"], "properties": {
                "title": {"type": "string"},
                "kind": {"allOf": [{"$ref": "#/components/schemas/Kind"}], "nullable": true},
                "participants": {"type": "array", "items": {"$ref": "#/components/schemas/Participant"}},
                "evidence": {"allOf": [{"$ref": "#/components/schemas/Evidence"}], "nullable": true}}},
            "Participant": {"type": "object", "required": ["contactId"], "properties": {"contactId": {"type": "string"}, "role": {"type": "string"}}},
            "Evidence": {"type": "object", "properties": {"url": {"type": "string"}}},
            "Kind": {"type": "string", "enum": ["call"]},
            "Change": {"type": "object", "properties": {
                "id": {"type": "string", "format": "uuid"}, "at": {"type": "string", "format": "date-time"},
                "on": {"type": "string", "format": "date", "nullable": true}, "kind": {"allOf": [{"$ref": "#/components/schemas/Kind"}]}}}}}}
        """)!);

    private static readonly JsonNode Meeting = JsonNode.Parse("""{"$ref": "#/components/schemas/Meeting"}""")!;

    [Test]
    public void Names_nested_properties_as_field_errors_do_and_knows_which_are_required()
    {
        var body = JsonNode.Parse("""{"title": "t", "kind": "call", "participants": [{"contactId": "c", "role": "r"}], "evidence": {"url": "u"}}""")!
            .AsObject();

        var properties = Walk.Properties(body, Meeting).ToList();

        Assert.That(properties.Select(p => $"{p.Path}{(p.Required ? "!" : "")}"),
            Is.EqualTo(new[] { "title!", "kind", "participants", "participants[0].contactId!", "participants[0].role", "evidence", "evidence.url" }));
        Assert.That(Walk.DeclaredPaths(Meeting), Is.EquivalentTo(properties.Select(p => p.Path)));
        var withoutContact = body.DeepClone().AsObject();
        properties.Single(p => p.Path == "participants[0].contactId").Remove(withoutContact);
        Assert.That(withoutContact.ToJsonString(), Is.EqualTo("""{"title":"t","kind":"call","participants":[{"role":"r"}],"evidence":{"url":"u"}}"""));
    }

    [Test]
    public void Finds_an_undeclared_property_a_missing_required_one_and_a_null_not_allowed()
    {
        var answer = JsonNode.Parse("""{"kind": null, "evidence": null, "participants": [{"contactId": null, "extra": 1}], "colour": "red"}""");

        Assert.That(Walk.Departures(answer, Meeting), Is.EquivalentTo(new[]
        {
            "answer.participants[].contactId is null, which the schema does not allow",
            "answer.participants[].extra is sent but not declared",
            "answer.colour is sent but not declared",
            "answer.title is required but not sent",
        }));
    }

    [Test]
    public void Finds_a_value_outside_its_enum_and_one_its_format_cannot_read()
    {
        var change = JsonNode.Parse("""{"$ref": "#/components/schemas/Change"}""")!;
        var good = JsonNode.Parse("""{"id": "0b8f3c5e-1d2a-4c1b-9f5e-3a2b1c0d9e8f", "at": "2021-06-28T08:00:00.123Z", "on": null, "kind": "call"}""");
        var bad = JsonNode.Parse("""{"id": "0b8f3c5e", "at": "2021-06-28 08:00", "on": "28/06/2021", "kind": "lunch"}""");

        Assert.That(Walk.Departures(good, change), Is.Empty);
        Assert.That(Walk.Departures(bad, change), Is.EquivalentTo(new[]
        {
            "answer.id is \"0b8f3c5e\", which is not a uuid",
            "answer.at is \"2021-06-28 08:00\", which is not a date-time",
            "answer.on is \"28/06/2021\", which is not a date",
            "answer.kind is \"lunch\", which is not one of call",
        }));
    }

    [Test]
    public void Finds_a_value_of_another_type_than_its_schema_says()
    {
        var answer = JsonNode.Parse("""{"title": 7, "participants": {"contactId": "c"}, "evidence": {"url": ["u"]}}""");

        Assert.That(Walk.Departures(answer, Meeting), Is.EquivalentTo(new[]
        {
            "answer.title is number, which is not of the type string",
            "answer.participants is object, which is not of the type array",
            "answer.evidence.url is array, which is not of the type string",
        }));
    }
}
