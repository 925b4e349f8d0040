using FluentValidation;
using FluentValidation.Results;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Http;

public enum BatchMode { Atomic, Independent }

/// <summary>What became of one item: its HTTP status, the id it got, or what was wrong with it.</summary>
public sealed record BatchItemResult(int Index, int Status, Guid? Id, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record BatchResponse(BatchMode Mode, bool DryRun, int Succeeded, int Failed, IReadOnlyList<BatchItemResult> Items);

/// <summary>
/// Runs many creates in the request's transaction, each item behind a savepoint: atomic mode writes all or nothing
/// (a 400 naming <c>items[i]</c>), independent mode keeps the good ones, a dry run undoes everything at the end.
/// </summary>
public sealed class Batches(DbSession session, IMediator mediator)
{
    public const int MaxItems = 1000;

    private const string DryRunSavepoint = "batch";

    /// <summary>
    /// Each item's command is read when its turn comes, so that a malformed item fails alone; errors name an item as
    /// <c>{path}[{label(i)}]</c>: <c>items[17]</c>, or <c>rows[19]</c> (the file's line) for a CSV import.
    /// </summary>
    public async Task<BatchResponse> RunAsync<TResponse>(IReadOnlyList<Func<IRequest<TResponse>>> items, BatchMode mode, bool dryRun,
        string path, Func<int, int> label, CancellationToken cancellationToken)
        where TResponse : IVersioned
    {
        if (items.Count is 0 or > MaxItems) throw new BadRequestFieldException(path, $"Send 1 to {MaxItems} items.");
        var results = new List<BatchItemResult>();
        // Runs inside the request's transaction (CommandTransactionFilter), which commits it; a dry run undoes it here.
        await session.SaveAsync(DryRunSavepoint, cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            var savepoint = $"item{i}";
            await session.SaveAsync(savepoint, cancellationToken);
            try
            {
                var created = await mediator.Send(items[i](), cancellationToken);
                results.Add(new BatchItemResult(i, StatusCodes.Status201Created, created.Id, null));
            }
            catch (Exception exception) when (Failure(exception) is { } failure)
            {
                await session.RollbackToAsync(savepoint);
                var prefix = $"{path}[{label(i)}]";
                results.Add(new BatchItemResult(i, failure.Status, null,
                    failure.Errors.ToDictionary(e => e.Key.Length == 0 ? prefix : $"{prefix}.{e.Key}", e => e.Value)));
            }
        }
        var failed = results.Count(r => r.Status >= 400);
        if (mode == BatchMode.Atomic && failed > 0)
        {
            throw new ValidationException(results.Where(r => r.Errors is not null)
                .SelectMany(r => r.Errors!.SelectMany(e => e.Value.Select(message => new ValidationFailure(e.Key, message)))));
        }
        if (dryRun) await session.RollbackToAsync(DryRunSavepoint);
        return new BatchResponse(mode, dryRun, results.Count - failed, failed, results);
    }

    private static (int Status, Dictionary<string, string[]> Errors)? Failure(Exception exception) => exception switch
    {
        ValidationException validation
            => (400, validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
        BadRequestFieldException field => (400, new() { [field.Field == "body" ? "" : field.Field] = [field.Message] }),
        ConflictException conflict => (409, new() { [""] = [conflict.ConflictingId is { } id ? $"{conflict.Message} ({id})" : conflict.Message] }),
        NotFoundException notFound => (404, new() { [""] = [notFound.Message] }),
        ForeignKeyViolation => (409, new() { [""] = [ForeignKeyViolation.Detail] }),
        ForbiddenException forbidden => (403, new() { [""] = [forbidden.Message] }),
        RuleViolationException violation => (422, new() { [""] = [violation.Message] }),
        _ => null,
    };
}
