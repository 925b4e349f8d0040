namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>The id is unknown (or hidden from the caller): 404.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public NotFoundException(string resource, Guid id) : this($"No {resource} has the id '{id}'.")
    {
    }
}

/// <summary>A duplicate or a state that forbids the request: 409, naming the conflicting id when there is one.</summary>
public sealed class ConflictException(string message, Guid? conflictingId = null, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public Guid? ConflictingId { get; } = conflictingId;

    /// <summary>Further members of the problem, e.g. the transitions that are allowed.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>The If-Match header names another version: 412.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>An update without If-Match: 428.</summary>
public sealed class PreconditionRequiredException() : Exception("This request must carry an If-Match header with the resource's current ETag.");

/// <summary>A request whose body or parameters cannot be read: 400 naming the field.</summary>
public sealed class BadRequestFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The caller may not do this, whatever the body says: 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>
/// A well-formed request that a rule of the domain refuses (a covered participant meeting an unregistered interest
/// representative): 422, with a <c>type</c> naming the rule and members naming what broke it.
/// </summary>
public sealed class RuleViolationException(string type, string title, string message, IReadOnlyDictionary<string, object?> details) : Exception(message)
{
    public string Type { get; } = type;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, object?> Details { get; } = details;
}
