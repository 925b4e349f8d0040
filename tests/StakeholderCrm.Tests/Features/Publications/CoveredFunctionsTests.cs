using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Publications;

namespace StakeholderCrm.Tests.Features.Publications;

public sealed class CoveredFunctionsTests
{
    private static readonly DateOnly Before2014 = new(2014, 11, 30);
    private static readonly DateOnly First2014Day = new(2014, 12, 1);
    private static readonly DateOnly SeedCall = new(2021, 6, 28);
    private static readonly DateOnly Last2014RulesDay = new(2024, 12, 31);
    private static readonly DateOnly First2025Day = new(2025, 1, 1);

    private static IEnumerable<TestCaseData> Functions()
    {
        // Function, covered before 1 Dec 2014, under the 2014 rules, under the 2025 rules.
        yield return new TestCaseData(StaffFunction.Member, false, true, true);
        yield return new TestCaseData(StaffFunction.CabinetMember, false, true, true);
        yield return new TestCaseData(StaffFunction.SecretaryGeneral, false, true, true);
        yield return new TestCaseData(StaffFunction.DirectorGeneral, false, true, true);
        yield return new TestCaseData(StaffFunction.DeputySecretaryGeneral, false, false, true);
        yield return new TestCaseData(StaffFunction.DeputyDirectorGeneral, false, false, true);
        yield return new TestCaseData(StaffFunction.Director, false, false, true);
        yield return new TestCaseData(StaffFunction.HeadOfUnit, false, false, true);
        yield return new TestCaseData(StaffFunction.Staff, false, false, false);
    }

    [TestCaseSource(nameof(Functions))]
    public void A_function_is_covered_by_the_rules_of_the_meetings_date(StaffFunction function, bool before2014, bool by2014Rules, bool by2025Rules)
    {
        Assert.That(CoveredFunctions.IsCovered(function, Before2014), Is.EqualTo(before2014), "30 November 2014");
        Assert.That(CoveredFunctions.IsCovered(function, First2014Day), Is.EqualTo(by2014Rules), "1 December 2014");
        Assert.That(CoveredFunctions.IsCovered(function, SeedCall), Is.EqualTo(by2014Rules), "28 June 2021");
        Assert.That(CoveredFunctions.IsCovered(function, Last2014RulesDay), Is.EqualTo(by2014Rules), "31 December 2024");
        Assert.That(CoveredFunctions.IsCovered(function, First2025Day), Is.EqualTo(by2025Rules), "1 January 2025");
    }

    [Test]
    public void No_function_is_no_coverage()
    {
        Assert.That(CoveredFunctions.IsCovered(null, First2025Day), Is.False);
        Assert.That(Enum.GetValues<StaffFunction>(), Has.Length.EqualTo(9), "a new function needs its row above");
    }

    [Test]
    public void The_rules_are_named_by_date()
    {
        Assert.That(CoveredFunctions.RulesOn(SeedCall), Is.EqualTo("Decisions 2014/838 and 2014/839"));
        Assert.That(CoveredFunctions.RulesOn(First2025Day), Is.EqualTo("Decisions (EU) 2024/3081 and 2024/3082"));
        Assert.That(CoveredFunctions.RulesOn(Before2014), Does.StartWith("no rules"));
    }
}
