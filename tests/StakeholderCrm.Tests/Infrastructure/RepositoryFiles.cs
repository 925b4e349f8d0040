namespace StakeholderCrm.Tests.Infrastructure;

public static class RepositoryFiles
{
    /// <summary>The checkout's root: the folder above the test binaries that holds StakeholderCrm.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StakeholderCrm.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("StakeholderCrm.sln not found above " + AppContext.BaseDirectory);
    }
}
