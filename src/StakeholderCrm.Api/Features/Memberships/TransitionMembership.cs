using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Memberships;

/// <summary>A change of status, effective on a day (today when omitted).</summary>
public sealed record MembershipTransitionRequest
{
    [RequiredField] public MembershipStatus? To { get; init; }
    public DateOnly? On { get; init; }
    public string? Note { get; init; }
}

public sealed record TransitionMembership(Guid Id, int? RequiredVersion, MembershipTransitionRequest Request) : ICommand<MembershipResponse>;

public sealed class TransitionMembershipValidator : AbstractValidator<TransitionMembership>
{
    public TransitionMembershipValidator()
    {
        RuleFor(t => t.Request.To).NotNull().WithMessage("'to' is required: the new status.").OverridePropertyName("to");
        RuleFor(t => t.Request.Note).Must(n => Text.Characters(n) <= 4000).WithMessage("'note' must be at most 4000 characters.").OverridePropertyName("note");
    }
}

public sealed class TransitionMembershipHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock)
    : IRequestHandler<TransitionMembership, MembershipResponse>
{
    private static readonly SqlText SetStatus = SqlText.Portable("""
        UPDATE memberships SET status = @Status, version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version
        """);

    public async Task<MembershipResponse> Handle(TransitionMembership command, CancellationToken cancellationToken)
    {
        var current = await MembershipQueries.LoadAsync(session, caller, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, MembershipQueries.EntityType);
        var to = command.Request.To!.Value;
        if (to == current.Status) throw new ConflictException($"The membership is already {Json.Name(to)}.", current.Id);
        var now = clock.GetUtcNow();
        var on = command.Request.On ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (current.History.Count > 0 && on < current.History[^1].On)
        {
            throw new BadRequestFieldException("on", $"The change cannot take effect before the last one, on {current.History[^1].On:yyyy-MM-dd}.");
        }
        var rows = await session.ExecuteAsync(SetStatus, new { current.Id, current.Version, Status = Json.Name(to), Now = now }, cancellationToken);
        if (rows == 0) throw Archiving.Stale(MembershipQueries.EntityType);
        await MembershipWrites.RecordChangeAsync(session, current.Id, to, on, command.Request.Note, caller.Name, now, cancellationToken);
        return await MembershipWrites.ReloadAndRecordAsync(session, caller, changes, current.Id, ChangeOperation.Updated, cancellationToken);
    }
}
