using System.Security.Cryptography;
using System.Text.Json;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

/// <summary>
/// Imports the register's XML, read as a stream, in the command's one transaction: a bad file keeps nothing. Entries are
/// written in batches, one statement per table; an entry whose kept fields hash as stored is not written at all, so a
/// second import of the same file changes no row. <paramref name="Progress"/> hears the number of entries read so far.
/// </summary>
public sealed record ImportRegister(Stream File, Action<int>? Progress = null) : ICommand<RegisterImportResponse>;

public sealed class ImportRegisterHandler(DbSession session, Caller caller, TimeProvider clock) : IRequestHandler<ImportRegister, RegisterImportResponse>
{
    public const int BatchSize = 1000;

    private sealed class Counts
    {
        public int Added, Changed, Unchanged;
    }

    public async Task<RegisterImportResponse> Handle(ImportRegister command, CancellationToken cancellationToken)
    {
        var importedAt = clock.GetUtcNow();
        using var file = await RegisterFile.OpenAsync(command.File, cancellationToken);
        // The codes seen (about 1 MB for the whole register) are all an import keeps; each entry is written and dropped.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<RegisterFileEntry>(BatchSize);
        var counts = new Counts();
        await foreach (var entry in file.EntriesAsync(cancellationToken))
        {
            if (!seen.TryAdd(entry.IdentificationCode, entry.Line))
            {
                throw new BadRequestFieldException("identificationCode",
                    $"Line {entry.Line}, <identificationCode>: {entry.IdentificationCode} is listed twice; first on line {seen[entry.IdentificationCode]}.");
            }
            batch.Add(entry);
            if (batch.Count < BatchSize) continue;
            await WriteAsync(batch, counts, importedAt, cancellationToken);
            batch.Clear();
            command.Progress?.Invoke(seen.Count);
        }
        if (seen.Count == 0)
        {
            throw new BadRequestFieldException("resultList", "The file lists no interestRepresentative: importing it would delist every entry.");
        }
        await WriteAsync(batch, counts, importedAt, cancellationToken);

        var response = new RegisterImportResponse
        {
            Id = Guid.CreateVersion7(),
            ImportedAt = importedAt,
            ImportedBy = caller.Name,
            FileDate = file.FileDate,
            EffectiveOn = file.FileDate ?? DateOnly.FromDateTime(importedAt.UtcDateTime),
            Entries = seen.Count,
            Added = counts.Added,
            Changed = counts.Changed,
            Unchanged = counts.Unchanged,
        };
        response = response with
        {
            NoLongerListed = await session.ExecuteAsync(RegisterWrites.Delist,
                new { Seen = JsonRows.Json(seen.Keys), response.EffectiveOn, Now = importedAt }, cancellationToken),
        };
        await session.ExecuteAsync(RegisterWrites.InsertImport, response, cancellationToken);
        return response;
    }

    /// <summary>
    /// New and changed entries of one batch, one statement per table. Unlike a record's child rows (ADR 010), an empty
    /// list skips its statement: an unchanged register must write nothing.
    /// </summary>
    private async Task WriteAsync(List<RegisterFileEntry> batch, Counts counts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var stored = (await session.QueryAsync<RegisterQueries.StoredEntry>(RegisterQueries.Stored,
            new { Codes = JsonRows.Json(batch.Select(e => e.IdentificationCode)) }, cancellationToken)).ToDictionary(e => e.IdentificationCode);
        var inserts = new List<RegisterWrites.EntryRow>();
        var updates = new List<RegisterWrites.EntryRow>();
        foreach (var row in batch.Select(Row))
        {
            if (!stored.TryGetValue(row.IdentificationCode, out var before)) inserts.Add(row);
            else if (before.ContentHash != row.ContentHash || !before.Listed) updates.Add(row);
            else counts.Unchanged++;
        }
        if (inserts.Count > 0)
        {
            try
            {
                await session.ExecuteAsync(RegisterWrites.Insert, new { Rows = JsonRows.Json(inserts), Now = now }, cancellationToken);
            }
            catch (UniqueConstraintViolation)
            {
                // The codes were read before this import's first write: another import added them in between.
                throw new ConflictException("Another import of the register committed while this one ran; import the file again.");
            }
            await session.ExecuteAsync(RegisterWrites.InsertTerms, new { Rows = JsonRows.Json(inserts.SelectMany(Terms)) }, cancellationToken);
            counts.Added += inserts.Count;
        }
        if (updates.Count > 0)
        {
            await session.ExecuteAsync(RegisterWrites.Update, new { Rows = JsonRows.Json(updates), Now = now }, cancellationToken);
            await session.ExecuteAsync(RegisterWrites.DeleteTerms, new { Codes = JsonRows.Json(updates.Select(u => u.IdentificationCode)) }, cancellationToken);
            await session.ExecuteAsync(RegisterWrites.InsertTerms, new { Rows = JsonRows.Json(updates.SelectMany(Terms)) }, cancellationToken);
            counts.Changed += updates.Count;
        }
    }

    private static RegisterWrites.EntryRow Row(RegisterFileEntry e)
        => new(e.IdentificationCode, e.Name, RegisterQueries.NameKey(e.Name), e.Acronym, e.Category, e.Country, e.Website, e.RegisteredOn, ContentHash(e));

    /// <summary>What is kept of an entry, hashed: a change in an element the import ignores is no change.</summary>
    private static string ContentHash(RegisterFileEntry e)
        => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new[] { e.Name, e.Acronym, e.Category, e.Country, e.Website, e.RegisteredOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })));

    private static IEnumerable<RegisterWrites.TermRow> Terms(RegisterWrites.EntryRow row)
        => Text.SearchTerms(new[] { row.Name, row.Acronym }.OfType<string>()).Select(term => new RegisterWrites.TermRow(term, row.IdentificationCode));
}
