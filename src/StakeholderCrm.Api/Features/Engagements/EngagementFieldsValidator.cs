using FluentValidation;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Engagements;

public sealed class EngagementFieldsValidator : AbstractValidator<EngagementFields>
{
    public const int MaxOrganisations = 50;
    public const int MaxParticipants = 100;
    public const int MaxTopics = 30;
    public const int MaxKeyPoints = 200;
    public const int MaxLinks = 50;
    public const int MaxDistribution = 200;

    // A meeting's dates take part in date arithmetic (its publication deadline, local times): years far from ours are typing errors.
    public const int FirstYear = 1900;
    public const int LastYear = 2200;

    public EngagementFieldsValidator(TimeProvider clock)
    {
        ExternalIds.AddRules(this);
        RuleFor(e => e.Title).NotEmpty().Must(t => Text.Characters(t) <= 300).WithMessage("'title' must be at most 300 characters.");
        RuleFor(e => e.Kind).NotNull();
        RuleFor(e => e.Status).NotNull();
        RuleFor(e => e.StartsAt).NotNull()
            .Must(InRecordedYears).WithMessage($"'startsAt' must be in the years {FirstYear} to {LastYear}.");
        RuleFor(e => e.EndsAt).Must(InRecordedYears).WithMessage($"'endsAt' must be in the years {FirstYear} to {LastYear}.");
        RuleFor(e => e.StartsAt).LessThanOrEqualTo(_ => clock.GetUtcNow()).When(e => e.Status == EngagementStatus.Held)
            .WithMessage("A held engagement cannot start in the future; record it as planned.");
        RuleFor(e => e.EndsAt).GreaterThanOrEqualTo(e => e.StartsAt).When(e => e.StartsAt is not null && e.EndsAt is not null)
            .WithMessage("'endsAt' must not be before 'startsAt'.");
        RuleFor(e => e.TimeZone).Must(TimeZones.IsIana).When(e => e.TimeZone is not null).WithMessage(e => TimeZones.Refusal("timeZone", e.TimeZone!));
        RuleFor(e => e.Location).Must(l => Text.Characters(l) <= 200).WithMessage("'location' must be at most 200 characters.");
        RuleFor(e => e.Purpose).Must(p => Text.Characters(p) <= 4000).WithMessage("'purpose' must be at most 4000 characters.");
        RuleFor(e => e.Summary).Must(s => Text.Characters(s) <= 20_000).WithMessage("'summary' must be at most 20000 characters.");
        RuleFor(e => e.UnregisteredOverride!.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && Text.Characters(r) <= 1000)
            .When(e => e.UnregisteredOverride is not null).OverridePropertyName("unregisteredOverride.reason")
            .WithMessage("'unregisteredOverride.reason' must say why, in 1 to 1000 characters.");

        RuleFor(e => e.OrganisationIds).NotNull().NotEmpty().WithMessage("Name at least one organisation met.")
            .Must(ids => ids.Count <= MaxOrganisations).WithMessage($"At most {MaxOrganisations} organisations.");
        RuleForEach(e => e.OrganisationIds).Cascade(CascadeMode.Continue).NotEmpty()
            .Must((e, id) => e.OrganisationIds.Count(o => o == id) == 1).WithMessage("This organisation is listed twice.");

        RuleFor(e => e.Participants).NotNull().Must(p => p.Count <= MaxParticipants).WithMessage($"At most {MaxParticipants} participants.");
        RuleForEach(e => e.Participants).NotNull().ChildRules(participant =>
        {
            participant.RuleFor(p => p.ContactId).NotEmpty();
            participant.RuleFor(p => p.Role).Must(r => Text.Characters(r) <= 100).WithMessage("'role' must be at most 100 characters.");
        });
        RuleForEach(e => e.Participants).Cascade(CascadeMode.Continue)
            .Must((e, p) => p is null || !e.Participants.TakeWhile(o => !ReferenceEquals(o, p)).Any(o => o?.ContactId == p.ContactId))
            .WithMessage("This contact is already listed among the participants.");
        RuleFor(e => e).Custom((e, context) =>
        {
            if (e.Status != EngagementStatus.Planned || e.Participants is null) return;
            for (var i = 0; i < e.Participants.Count; i++)
            {
                if (e.Participants[i]?.Attended == true) context.AddFailure($"participants[{i}].attended", "A planned engagement cannot have attendees yet.");
            }
        });

        RuleFor(e => e.TopicIds).NotNull().Must(ids => ids.Count <= MaxTopics).WithMessage($"At most {MaxTopics} topics.");
        RuleForEach(e => e.TopicIds).Cascade(CascadeMode.Continue).NotEmpty()
            .Must((e, id) => e.TopicIds.Count(t => t == id) == 1).WithMessage("This topic is listed twice.");

        RuleFor(e => e.KeyPoints).NotNull().Must(k => k.Count <= MaxKeyPoints).WithMessage($"At most {MaxKeyPoints} key points.");
        RuleForEach(e => e.KeyPoints).NotNull().ChildRules(point =>
        {
            point.RuleFor(p => p.Text).NotEmpty().Must(t => Text.Characters(t) <= 4000).WithMessage("'text' must be at most 4000 characters.");
            point.RuleFor(p => p.Section).NotNull().WithMessage("'section' is required: keyPoint, detail, position or conclusion.");
        });

        RuleFor(e => e.Links).NotNull().Must(l => l.Count <= MaxLinks).WithMessage($"At most {MaxLinks} links.");
        RuleForEach(e => e.Links).NotNull().ChildRules(link =>
        {
            link.RuleFor(l => l.Url).NotEmpty().Must(Text.IsWebAddress!).WithMessage("'url' must be an absolute http or https URL.");
            link.RuleFor(l => l.Title).Must(t => Text.Characters(t) <= 300).WithMessage("'title' must be at most 300 characters.");
        });

        RuleFor(e => e.Distribution).NotNull().Must(d => d.Count <= MaxDistribution).WithMessage($"At most {MaxDistribution} recipients.");
        RuleForEach(e => e.Distribution).NotNull().ChildRules(recipient =>
        {
            recipient.RuleFor(r => r.ContactId).NotEmpty();
            recipient.RuleFor(r => r.Kind).NotNull().WithMessage("'kind' is required: to or cc.");
        });
        RuleForEach(e => e.Distribution).Cascade(CascadeMode.Continue)
            .Must((e, r) => r is null || !e.Distribution.TakeWhile(o => !ReferenceEquals(o, r)).Any(o => o?.ContactId == r.ContactId))
            .WithMessage("This contact is already in the distribution.");
    }

    private static bool InRecordedYears(DateTimeOffset? at) => at is not { } time || time.UtcDateTime.Year is >= FirstYear and <= LastYear;
}
