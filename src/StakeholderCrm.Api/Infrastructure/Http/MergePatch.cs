using System.Text.Json;
using System.Text.Json.Nodes;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>JSON Merge Patch (RFC 7396) applied to a resource's editable fields, read back strictly.</summary>
public static class MergePatch
{
    public const string ContentType = "application/merge-patch+json";

    public static T Apply<T>(T current, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestFieldException("body", "A merge patch must be a JSON object.");
        }
        var target = JsonSerializer.SerializeToNode(current, Json.Options)!.AsObject();
        var changes = WithClearedAsNull(JsonObject.Create(patch)!, ClearableFields.Of(typeof(T)));
        foreach (var name in ClearableFields.Defaulted(typeof(T)))
        {
            if (changes.TryGetPropertyValue(name, out var value) && value is null)
            {
                throw new BadRequestFieldException(name, $"'{name}' always has a value and cannot be cleared; send the value it should have.");
            }
        }
        Merge(target, changes);
        return Json.Read<T>(target);
    }

    /// <summary>The patch with each field its <c>clear</c> list names set to null, as RFC 7396 clears a field.</summary>
    private static JsonObject WithClearedAsNull(JsonObject patch, IReadOnlyList<string> clearable)
    {
        if (!patch.TryGetPropertyValue(ClearableFields.Member, out var clear)) return patch;
        patch.Remove(ClearableFields.Member);
        var allowed = clearable.Count == 0 ? "none" : string.Join(", ", clearable);
        if (clear is not JsonArray names)
        {
            throw new BadRequestFieldException(ClearableFields.Member, $"'clear' must be a list of the fields to clear: {allowed}.");
        }
        foreach (var name in names.Select(Json.TextOrNull))
        {
            if (name is null || !clearable.Contains(name, StringComparer.Ordinal))
            {
                throw new BadRequestFieldException(ClearableFields.Member, $"'clear' may name only fields a record may lack: {allowed}.");
            }
            if (patch[name] is not null) throw new BadRequestFieldException(name, $"'{name}' is both set and named in 'clear'.");
            patch[name] = null;
        }
        return patch;
    }

    /// <summary>
    /// True when the patched fields, or the row they would write, equal the current ones: a retry, or a sync that sends
    /// what is stored. Such a patch writes nothing, so it adds no version, history entry or change to the feed for every
    /// consumer to process again. Compare rows where the write normalises (trims, capitals), so that the rule is its own.
    /// </summary>
    public static bool ChangesNothing<T>(T current, T patched)
        => JsonNode.DeepEquals(JsonSerializer.SerializeToNode(current, Json.Options), JsonSerializer.SerializeToNode(patched, Json.Options));

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target[name] = null;
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
