using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>A versioned record that is archived rather than deleted.</summary>
public interface IArchivable : IVersioned
{
    bool Archived { get; }
}
