using FluentValidation;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Infrastructure.Rules;

public static class OneOfRule
{
    /// <summary>Text that must be one of these words exactly as the contract spells them ("call", not "CALL"); null passes.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyCollection<string> words)
        => rule.Must(value => value is null || words.Contains(value, StringComparer.Ordinal)).WithMessage(RequestErrors.OneOf("{PropertyName}", words));
}
