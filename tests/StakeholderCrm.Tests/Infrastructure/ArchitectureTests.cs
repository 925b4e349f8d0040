using System.Reflection;
using NetArchTest.Rules;
using StakeholderCrm.Api.Infrastructure;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Who may depend on whom (STYLE.md, "One owner per concern"), checked on the compiled API.</summary>
public sealed class ArchitectureTests
{
    private const string Root = "StakeholderCrm.Api";
    private const string Features = $"{Root}.Features";
    private static readonly Assembly Api = typeof(StakeholderCrmSetup).Assembly;

    /// <summary>Code that may use System.Runtime.InteropServices; none may today (ADR 009).</summary>
    private static readonly string[] InteropAllowList = [];

    [Test]
    public void Infrastructure_does_not_depend_on_features_except_the_registration_root()
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace($"{Root}.Infrastructure")
            .And().DoNotHaveName(nameof(StakeholderCrmSetup))
            .ShouldNot().HaveDependencyOn(Features).GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void No_feature_depends_on_another_features_handlers_or_write_helpers()
    {
        var failures = new List<string>();
        foreach (var area in Areas())
        {
            var others = Api.GetTypes()
                .Where(t => t.Namespace is { } ns && ns.StartsWith(Features + ".", StringComparison.Ordinal) && ns != area && !t.IsNested)
                .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Writes", StringComparison.Ordinal))
                .Select(t => t.FullName!)
                .ToArray();
            var result = Types.InAssembly(Api).That().ResideInNamespace(area).ShouldNot().HaveDependencyOnAny(others).GetResult();
            failures.AddRange((result.FailingTypeNames ?? []).Select(t => $"{t} uses another area's handler or write helper"));
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Nothing_uses_interop_services_outside_the_allow_list()
    {
        var result = Types.InAssembly(Api).That().DoNotHaveName(InteropAllowList.Length == 0 ? ["-"] : InteropAllowList)
            .ShouldNot().HaveDependencyOn("System.Runtime.InteropServices").GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Only_the_data_layer_names_the_sqlite_machinery()
    {
        var result = Types.InAssembly(Api).That().DoNotResideInNamespace($"{Root}.Infrastructure.Data")
            .ShouldNot().HaveDependencyOn($"{Root}.Infrastructure.Data.Sqlite").GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    private static IEnumerable<string> Areas() => Api.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(ns => ns.StartsWith(Features + ".", StringComparison.Ordinal))
        .Distinct();
}
