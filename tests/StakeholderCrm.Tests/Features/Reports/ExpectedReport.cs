using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Reports;

/// <summary>
/// The committed reports a rendering is compared with. Set REPORTS_RECORD=1 to write the actual text over them, then
/// read the diff before committing it.
/// </summary>
internal static class ExpectedReport
{
    public static async Task AssertMatchesAsync(string file, string actual)
    {
        var path = RepositoryFiles.PathOf("tests", "StakeholderCrm.Tests", "Features", "Reports", file);
        if (Environment.GetEnvironmentVariable("REPORTS_RECORD") == "1") await File.WriteAllTextAsync(path, actual);
        Assert.That(actual, Is.EqualTo((await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n")), $"the report differs from {file}");
    }
}
