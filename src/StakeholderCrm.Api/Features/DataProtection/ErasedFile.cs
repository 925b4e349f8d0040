using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>
/// After an erasure commits, the SQLite write-ahead log is copied into the file and emptied, so that the pages secure_delete
/// zeroed replace the old ones in both files (ADR 019).
/// </summary>
internal static class ErasedFile
{
    /// <summary>
    /// Registers one checkpoint for after the commit, however many contacts the command erased. The erasure has committed by
    /// then: a checkpoint kept waiting by a reader, or failing, is logged and never turns the answer into an error.
    /// </summary>
    public static Task CheckpointAfterCommit(UnitOfWork unitOfWork, ConnectionFactory connections, ILogger logger)
        => unitOfWork.AfterCommit(async () =>
        {
            try
            {
                if (!await connections.CheckpointAsync(CancellationToken.None))
                {
                    logger.LogWarning("Erasure committed, but a reader kept the write-ahead log from being emptied: the erased values stay in it "
                        + "until the next checkpoint.");
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Erasure committed, but the write-ahead log could not be checkpointed: the erased values stay in it "
                    + "until the next checkpoint.");
            }
        });
}
