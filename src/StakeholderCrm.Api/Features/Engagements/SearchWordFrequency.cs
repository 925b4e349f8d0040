using Microsoft.Extensions.Caching.Memory;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>
/// Whether a search word (a prefix range) is frequent: at least <see cref="Rows"/> word rows. The answer only chooses
/// the plan, and both plans return the same page, so it is remembered for a minute per word: a stale answer costs
/// time, never a wrong result.
/// </summary>
public sealed class SearchWordFrequency : IDisposable
{
    public const int Rows = 5000;

    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private static readonly SqlText WordRows = new(
        Sqlite: "SELECT COUNT(*) FROM (SELECT 1 AS one FROM engagement_words w WHERE w.word >= @From AND w.word < @To LIMIT @Take) c",
        SqlServer: "SELECT COUNT(*) FROM (SELECT TOP (@Take) 1 AS one FROM engagement_words w WHERE w.word >= @From AND w.word < @To) c");

    private readonly MemoryCache words = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<bool> IsFrequentAsync(DbSession session, (string From, string To) word, CancellationToken cancellationToken)
    {
        if (words.TryGetValue(word.From, out bool frequent)) return frequent;
        frequent = await session.ExecuteScalarAsync<long>(WordRows, new { word.From, word.To, Take = Rows }, cancellationToken) >= Rows;
        words.Set(word.From, frequent, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remembered, Size = 1 });
        return frequent;
    }

    public void Dispose() => words.Dispose();
}
