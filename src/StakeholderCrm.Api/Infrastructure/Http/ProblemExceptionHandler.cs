using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>The one place where exceptions become RFC 9457 problem details; endpoints never catch.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, Health.StorageHealth storage, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public const string BodyTooLarge = "The request body is larger than this API accepts.";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => Invalid(validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            BadRequestFieldException field => Invalid(new() { [field.Field] = [field.Message] }),
            BadHttpRequestException { InnerException: JsonException json } => Invalid(Field(RequestErrors.Describe(json))),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest
                && RequestErrors.DescribeBinding(bad.Message) is { } binding => Invalid(Field(binding)),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? BodyTooLarge : bad.Message),
            NotFoundException => Problem(StatusCodes.Status404NotFound, exception.Message),
            ForbiddenException => Problem(StatusCodes.Status403Forbidden, exception.Message),
            ConflictException conflict => Conflict(conflict),
            ForeignKeyViolation => Problem(StatusCodes.Status409Conflict, ForeignKeyViolation.Detail),
            PreconditionFailedException => Problem(StatusCodes.Status412PreconditionFailed, exception.Message),
            UnprocessableException => Problem(StatusCodes.Status422UnprocessableEntity, exception.Message),
            RuleViolationException violation => Violation(violation),
            PreconditionRequiredException => Problem(StatusCodes.Status428PreconditionRequired, exception.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ when DatabaseErrors.IsStorageFull(exception) => StorageFault(context, StatusCodes.Status507InsufficientStorage, "insufficient-storage",
                "The database's storage is full: nothing of this request was saved. Retry it (with the same Idempotency-Key) once space is freed."),
            _ when DatabaseErrors.IsReadOnly(exception) => StorageFault(context, StatusCodes.Status503ServiceUnavailable, "database-read-only",
                "The database cannot be written (a read-only file, folder or database): nothing of this request was saved. "
                    + "Retry it (with the same Idempotency-Key) once it is writable."),
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred. Quote the traceId when reporting it.");
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Storage, not the request, is at fault: the operator must act, the client retry; readiness reports it until a write succeeds.</summary>
    private ProblemDetails StorageFault(HttpContext context, int status, string type, string detail)
    {
        logger.LogError("A write failed: {Detail} ({Cause})", detail, context.Features.Get<IExceptionHandlerFeature>()?.Error.GetBaseException().Message);
        storage.WritesFail(detail);
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return new ProblemDetails { Status = status, Type = $"/problems/{type}", Detail = detail };
    }

    private const string RetryAfterSeconds = "60";

    private static Dictionary<string, string[]> Field((string Field, string Message) error) => new() { [error.Field] = [error.Message] };

    private static HttpValidationProblemDetails Invalid(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request is invalid.",
        Detail = "See errors for the fields to correct.",
    };

    private static ProblemDetails Problem(int status, string detail) => new() { Status = status, Detail = detail };

    private static ProblemDetails Violation(RuleViolationException violation)
    {
        var problem = Problem(StatusCodes.Status422UnprocessableEntity, violation.Message);
        (problem.Type, problem.Title) = (violation.Type, violation.Title);
        foreach (var (name, value) in violation.Details) problem.Extensions[name] = value;
        return problem;
    }

    private static ProblemDetails Conflict(ConflictException conflict)
    {
        var problem = Problem(StatusCodes.Status409Conflict, conflict.Message);
        if (conflict.ConflictingId is { } id) problem.Extensions["conflictingId"] = id;
        foreach (var (name, value) in conflict.Details) problem.Extensions[name] = value;
        return problem;
    }
}
