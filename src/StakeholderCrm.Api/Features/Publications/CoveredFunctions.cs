using StakeholderCrm.Api.Features.Contacts;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>
/// Which functions of our own staff make a meeting with an interest representative one the Commission publishes, by
/// the rules in force on the meeting's date (ADR 018): a 2021 meeting is judged by the 2014 decisions, whatever today's.
/// </summary>
public static class CoveredFunctions
{
    /// <summary>Decisions 2014/838 (Directors-General) and 2014/839 (Members and cabinets) apply from this day.</summary>
    public static readonly DateOnly Rules2014 = new(2014, 12, 1);

    /// <summary>Decisions (EU) 2024/3081 (Members and cabinets) and 2024/3082 (management) apply from this day.</summary>
    public static readonly DateOnly Rules2025 = new(2025, 1, 1);

    // The Secretary-General heads a service of Directorate-General rank, so the 2014 rules for Directors-General cover them.
    private static readonly HashSet<StaffFunction> By2014Rules = new()
    {
        StaffFunction.Member, StaffFunction.CabinetMember, StaffFunction.SecretaryGeneral, StaffFunction.DirectorGeneral,
    };

    private static readonly HashSet<StaffFunction> By2025Rules = new(By2014Rules)
    {
        StaffFunction.DeputySecretaryGeneral, StaffFunction.DeputyDirectorGeneral, StaffFunction.Director, StaffFunction.HeadOfUnit,
    };

    private static readonly HashSet<StaffFunction> BeforeAnyRules = new();

    /// <summary>The functions each set of rules covers, for the same rule in SQL.</summary>
    public static IReadOnlyCollection<StaffFunction> CoveredFrom2014 => By2014Rules;

    public static IReadOnlyCollection<StaffFunction> CoveredFrom2025 => By2025Rules;

    public static bool IsCovered(StaffFunction? function, DateOnly on) => function is { } held && Covered(on).Contains(held);

    /// <summary>The rules a meeting on this day is judged by, in words for a reason shown to the user.</summary>
    public static string RulesOn(DateOnly on) => on >= Rules2025 ? "Decisions (EU) 2024/3081 and 2024/3082"
        : on >= Rules2014 ? "Decisions 2014/838 and 2014/839"
        : "no rules on publishing meetings (before 1 December 2014)";

    private static HashSet<StaffFunction> Covered(DateOnly on) => on >= Rules2025 ? By2025Rules : on >= Rules2014 ? By2014Rules : BeforeAnyRules;
}
