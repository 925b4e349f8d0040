using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>Where and when the meeting was published.</summary>
public sealed record PublicationMark
{
    /// <example>2021-07-09</example>
    [RequiredField] public DateOnly? PublishedOn { get; init; }
    /// <summary>The published record, an absolute http or https URL of at most 2 000 characters.</summary>
    /// <example>https://ec.europa.eu/transparencyinitiative/meetings/meeting.do?host=2f5f2bd1-1e2b-4c55-a9a0-4b4bfc1d8ba1</example>
    public string? Url { get; init; }
}

/// <summary>Marks a held engagement published (again, to correct the mark), or with a null mark withdraws it.</summary>
public sealed record RecordPublication(Guid Id, int? RequiredVersion, PublicationMark? Mark) : ICommand<EngagementResponse>;

public sealed class RecordPublicationValidator : AbstractValidator<RecordPublication>
{
    public RecordPublicationValidator()
    {
        When(r => r.Mark is not null, () =>
        {
            RuleFor(r => r.Mark!.PublishedOn).NotNull().WithMessage("'publishedOn' is required: the day it was published.")
                .OverridePropertyName("publishedOn");
            RuleFor(r => r.Mark!.Url).Must(u => Text.IsWebAddress(u!) && u!.Length <= 2000).When(r => r.Mark!.Url is not null)
                .WithMessage("'url' must be an absolute http or https URL of at most 2000 characters.").OverridePropertyName("url");
        });
    }
}

public sealed class RecordPublicationHandler(PublicationMarks marks) : IRequestHandler<RecordPublication, EngagementResponse>
{
    private static readonly SqlText Mark = SqlText.Portable("""
        UPDATE engagements SET published_on = @PublishedOn, publication_url = @Url, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<EngagementResponse> Handle(RecordPublication command, CancellationToken cancellationToken)
    {
        var current = await marks.LoadAsync(command.Id, cancellationToken);
        if (command.Mark is { PublishedOn: { } publishedOn })
        {
            if (current.Status != EngagementStatus.Held)
            {
                throw new ConflictException($"Only a held engagement is published; this one is {Json.Name(current.Status)}.");
            }
            if (publishedOn < current.MeetingDate)
            {
                throw new BadRequestFieldException("publishedOn", $"'publishedOn' cannot be before the meeting ({current.MeetingDate:yyyy-MM-dd}).");
            }
            // A day's grace: the publisher may already be a day ahead of the unit's time zone.
            if (publishedOn > marks.Today.AddDays(1)) throw new BadRequestFieldException("publishedOn", "'publishedOn' cannot be in the future.");
        }
        var url = command.Mark?.Url?.Trim();
        var unchanged = current.PublishedOn == command.Mark?.PublishedOn && current.PublicationUrl == url;
        return await marks.WriteAsync(current, command.RequiredVersion, unchanged, Mark, new { command.Mark?.PublishedOn, Url = url }, cancellationToken);
    }
}
