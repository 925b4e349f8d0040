using System.Text;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.TestSupport;

/// <summary>Register files as the EU Transparency Register writes them, one element a line so that line numbers are easy to predict.</summary>
public static class RegisterXml
{
    /// <summary>The entries of the demo file: twelve made-up organisations and TikTok under a made-up code.</summary>
    public const int DemoEntries = 13;

    public static string DemoPath => RepositoryFiles.PathOf("src", "StakeholderCrm.Api", "Features", "Demo", "transparency-register.xml");

    /// <summary>A file of the entries; the root carries <paramref name="date"/> when given. The first entry starts on line 4.</summary>
    public static string File(string? date, params string[] entries)
        => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + (date is null ? "<ListOfIRPublicDetail>\n" : $"<ListOfIRPublicDetail date=\"{date}\">\n")
            + "<resultList>\n" + string.Concat(entries) + "</resultList>\n</ListOfIRPublicDetail>\n";

    /// <summary>An entry of 9 lines, with elements the import ignores.</summary>
    public static string Entry(string code, string name, string? acronym = null, string country = "BELGIUM", string? website = null,
        string registeredOn = "2020-01-31")
        => $"""
            <interestRepresentative>
            <identificationCode>{code}</identificationCode>
            <registrationDate>{registeredOn}T10:00:00.000+01:00</registrationDate>
            <registrationCategory>Companies &amp; groups</registrationCategory>
            <name><originalName>{name}</originalName></name>
            <acronym>{acronym}</acronym>{(website is null ? "" : $"<webSiteURL>{website}</webSiteURL>")}
            <headOffice><address>1 Example Street</address><country>{country}</country></headOffice>
            <financialData><closedYear><totalBudget>1000</totalBudget></closedYear></financialData>
            </interestRepresentative>

            """;

    /// <summary>Made-up codes 000000100000-00 onward.</summary>
    public static string Code(int n) => $"{100_000 + n:000000000000}-00";

    public static IEnumerable<string> Entries(int count) => Enumerable.Range(0, count).Select(n => Entry(Code(n), $"Generated Organisation {n}"));

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string xml, string mediaType = "application/xml")
        => client.PostAsync(Routes.RegisterImports, new StringContent(xml, Encoding.UTF8, mediaType));
}
