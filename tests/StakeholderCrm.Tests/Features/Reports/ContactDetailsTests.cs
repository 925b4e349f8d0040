using StakeholderCrm.Api.Features.Reports;

namespace StakeholderCrm.Tests.Features.Reports;

/// <summary>Which runs of digits a released report takes for a phone number: both directions, since a report is full of figures.</summary>
public sealed class ContactDetailsTests
{
    [TestCase("Call +32 2 299 11 11 today.", "Call [REDACTED] today.")]
    [TestCase("Line (0)2-123.45.67, mornings", "Line [REDACTED], mornings")]
    [TestCase("+32 (0)2 299 11 11", "[REDACTED]")]
    [TestCase("Tel. 0032 2 299 11 11.", "Tel. [REDACTED].")]
    [TestCase("Mobile 0470 12 34 56 or 0470123456", "Mobile [REDACTED] or [REDACTED]")]
    [TestCase("Write to jane.doe@example.eu.", "Write to [REDACTED].")]
    [TestCase("mailto:Jürgen.Müller@example.de", "mailto:[REDACTED]")]
    [TestCase("phone:0470123456", "phone:[REDACTED]")]
    [TestCase("GSM 0470/12.34.56, evenings", "GSM [REDACTED], evenings")]
    [TestCase("Call 02/299.11.11.", "Call [REDACTED].")]
    [TestCase("Mob.+32470123456", "Mob.[REDACTED]")]
    [TestCase("tel:+3222991111", "tel:[REDACTED]")]
    public void Withholds(string text, string released) => Assert.That(ContactDetails.Scrub(text), Is.EqualTo(released));

    [TestCase("Met on 2021-06-28 at 10:00, again on 28.06.2021 and 28/06/2021.")]
    [TestCase("2021-06-28T10:00:00+02:00 to 2021-06-28 11:00")]
    [TestCase("From 09:30 to 12:00:00 in 2019-2021 and 2019 - 2021.")]
    [TestCase("1 000 000 users, 1.000.000 views, 22,000 reports, 1000000 visits and 100 million users.")]
    [TestCase("97.1% removed, 3.14159265 as ratio; under-16s; over 1000 staff.")]
    [TestCase("Ares(2021)3456789 and COM(2020) 825 final under Regulation (EU) 2021/784.")]
    [TestCase("Profile @TikTokPolicy and the room 12:00-13:00.")]
    [TestCase("On 01/02/2021, 0.25 of them; at 09:30-10:30; report 01.02.2021; ref. 0.5 and 2021/0123.")]
    public void Leaves_dates_times_years_counts_and_references(string text) => Assert.That(ContactDetails.Scrub(text), Is.EqualTo(text));
}
