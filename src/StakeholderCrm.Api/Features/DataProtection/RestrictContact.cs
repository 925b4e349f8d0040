using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>Why a person's data is restricted: the request, or the contested accuracy or lawfulness it waits on.</summary>
public sealed record ContactRestriction([property: RequiredField] string? Reason);

/// <summary>
/// Restricts the processing of a contact (Article 20 of Regulation (EU) 2018/1725), or lifts it when
/// <c>Restriction</c> is null; either is logged in <c>personal_data_requests</c> (kind <c>restriction</c>).
/// </summary>
public sealed record RestrictContact(Guid Id, int? RequiredVersion, ContactRestriction? Restriction) : ICommand<ContactResponse>;

public sealed class RestrictContactValidator : AbstractValidator<RestrictContact>
{
    public RestrictContactValidator()
        => RuleFor(r => r.Restriction!.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && Text.Characters(r) <= 1000).When(r => r.Restriction is not null)
            .OverridePropertyName("reason").WithMessage("'reason' must say why, in 1 to 1000 characters.");
}

public sealed class RestrictContactHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock)
    : IRequestHandler<RestrictContact, ContactResponse>
{
    public const string Kind = "restriction";

    private static readonly SqlText SetRestricted = SqlText.Portable("""
        UPDATE contacts SET restricted = @Restricted, version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version
        """);

    public async Task<ContactResponse> Handle(RestrictContact command, CancellationToken cancellationToken)
    {
        var restricted = command.Restriction is not null;
        var current = await ContactQueries.LoadAsync(session, command.Id, cancellationToken);
        ETags.Check(command.RequiredVersion, current.Version);
        if (current.Restricted == restricted)
        {
            throw new ConflictException(restricted ? "The contact is already restricted." : "The contact is not restricted.", current.Id);
        }
        var now = clock.GetUtcNow();
        var rows = await session.ExecuteAsync(SetRestricted, new { current.Id, current.Version, Restricted = restricted, Now = now }, cancellationToken);
        if (rows == 0) throw Archiving.Stale(ContactQueries.EntityType);
        var changed = await ContactQueries.LoadAsync(session, current.Id, cancellationToken);
        await changes.RecordAsync(ContactQueries.EntityType, current.Id, ChangeOperation.Updated, changed.Version, changed, cancellationToken);
        // The log has no column for the direction: the reason carries it.
        var reason = restricted ? $"Restricted: {command.Restriction!.Reason!.Trim()}" : "Restriction lifted";
        await PersonalDataRequests.RecordAsync(session, current.Id, Kind, caller.Name, now, reason, cancellationToken);
        return changed;
    }
}
