using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>Marks an engagement exempt from publishing, on a ground and with a reason; a null exemption lifts the mark.</summary>
public sealed record ExemptFromPublication(Guid Id, int? RequiredVersion, PublicationExemption? Exemption) : ICommand<EngagementResponse>;

public sealed class ExemptFromPublicationValidator : AbstractValidator<ExemptFromPublication>
{
    public ExemptFromPublicationValidator()
    {
        When(e => e.Exemption is not null, () =>
        {
            RuleFor(e => e.Exemption!.Ground).NotNull().OverridePropertyName("ground")
                .WithMessage($"'ground' is required: {string.Join(", ", ApiEnum<ExemptionGround>.Names)}.");
            RuleFor(e => e.Exemption!.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && Text.Characters(r) <= 1000).OverridePropertyName("reason")
                .WithMessage("'reason' must say why, in 1 to 1000 characters.");
        });
    }
}

public sealed class ExemptFromPublicationHandler(PublicationMarks marks) : IRequestHandler<ExemptFromPublication, EngagementResponse>
{
    private static readonly SqlText Exempt = SqlText.Portable("""
        UPDATE engagements SET exemption_ground = @Ground, exemption_reason = @Reason, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<EngagementResponse> Handle(ExemptFromPublication command, CancellationToken cancellationToken)
    {
        var current = await marks.LoadAsync(command.Id, cancellationToken);
        var ground = command.Exemption?.Ground is { } value ? Json.Name(value) : null;
        var reason = command.Exemption?.Reason?.Trim();
        var unchanged = current.ExemptionGround == command.Exemption?.Ground && current.ExemptionReason == reason;
        return await marks.WriteAsync(current, command.RequiredVersion, unchanged, Exempt, new { Ground = ground, Reason = reason }, cancellationToken);
    }
}
