using System.Text.Json.Serialization;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>
/// One row of the Commission's open-data files on meetings: a meeting and one covered participant. A Member's or
/// cabinet's row names the cabinet; a manager's names the DG. Several organisations share one row, comma-joined, as the
/// Commission writes them.
/// </summary>
public sealed record PublicationRow
{
    public Guid EngagementId { get; init; }
    public Guid ContactId { get; init; }
    public string? NameOfCabinet { get; init; }
    public string? DgAcronym { get; init; }
    public string? DgFullName { get; init; }
    public string RepresentativeName { get; init; } = "";
    public string? RepresentativeTitle { get; init; }
    public DateOnly DateOfMeeting { get; init; }
    public string? Location { get; init; }
    public string TransparencyRegisterIds { get; init; } = "";
    public string InterestRepresentativeNames { get; init; } = "";
    public string SubjectOfTheMeeting { get; init; } = "";
    /// <summary>The key points, one per line; null for a sensitive engagement, whose minutes are not exported.</summary>
    public string? Minutes { get; init; }
    public PublicationStatus Status { get; init; }

    /// <summary>The CSV's header, the Commission's own column names, and each row's cells in the same order.</summary>
    [JsonIgnore]
    public static readonly string[] Columns =
    [
        "Name of cabinet", "Name of DG - acronym", "Name of DG - full name", "Name of EC representative", "Title of EC representative",
        "Date of meeting", "Location", "Transparency register ID", "Name of interest representative", "Subject of the meeting", "Minutes",
    ];

    public string?[] Cells() =>
    [
        NameOfCabinet, DgAcronym, DgFullName, RepresentativeName, RepresentativeTitle, DateOfMeeting.ToString("yyyy-MM-dd"), Location,
        TransparencyRegisterIds, InterestRepresentativeNames, SubjectOfTheMeeting, Minutes,
    ];
}

internal static class PublicationExport
{
    private static readonly HashSet<StaffFunction> CabinetFunctions = new() { StaffFunction.Member, StaffFunction.CabinetMember };

    /// <summary>The rows of one engagement; <paramref name="acronyms"/> gives our own units' short names by id.</summary>
    public static IEnumerable<PublicationRow> Rows(EngagementResponse engagement, IReadOnlyDictionary<Guid, string> acronyms)
    {
        var representatives = engagement.Organisations.Where(o => o.InterestRepresentative).ToList();
        var minutes = engagement.Confidentiality == Confidentiality.Sensitive ? null
            : string.Join("\n", engagement.KeyPoints.Select(k => k.Text));
        return PublicationDuty.CoveredAttendees(engagement).Select(p =>
        {
            var cabinet = CabinetFunctions.Contains(p.StaffFunction!.Value);
            return new PublicationRow
            {
                EngagementId = engagement.Id, ContactId = p.ContactId,
                NameOfCabinet = cabinet ? p.OrganisationName : null,
                DgAcronym = !cabinet && p.OrganisationId is { } unit ? acronyms.GetValueOrDefault(unit) : null,
                DgFullName = cabinet ? null : p.OrganisationName,
                RepresentativeName = p.FullName,
                RepresentativeTitle = p.Title ?? PublicationDuty.Describe(p.StaffFunction!.Value),
                DateOfMeeting = engagement.MeetingDate, Location = engagement.Location,
                TransparencyRegisterIds = string.Join(", ", representatives.Select(o => o.TransparencyRegisterId).OfType<string>()),
                InterestRepresentativeNames = string.Join(", ", representatives.Select(o => o.Name)),
                SubjectOfTheMeeting = engagement.Purpose ?? engagement.Title,
                Minutes = minutes,
                Status = engagement.Publication.Status,
            };
        });
    }
}
