namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// An enum's values as the contract spells them (camelCase, as stored), matched exactly: another case or a number is
/// not one of them. Bodies read enums through <see cref="StrictEnumConverter"/>; query filters check their text here.
/// </summary>
public static class ApiEnum<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(Json.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TEnum>().Select(Json.Name)];

    public static bool TryParse(string? text, out TEnum value) => ByName.TryGetValue(text ?? "", out value);
}
