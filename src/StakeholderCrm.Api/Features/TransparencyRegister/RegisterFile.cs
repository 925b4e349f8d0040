using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

/// <summary>One entry of the register file: the fields kept, and the line it starts on.</summary>
public sealed record RegisterFileEntry(
    string IdentificationCode, string Name, string? Acronym, string? Category, string? Country, string? Website, DateOnly? RegisteredOn, int Line);

/// <summary>
/// The register's open-data XML read forward only (<c>ListOfIRPublicDetail/resultList/interestRepresentative</c>): one
/// entry at a time, every other element skipped unread, so memory does not grow with the file. A file that is not
/// this XML is a 400 naming the element and the line. The file's date is the root's optional <c>date</c> attribute.
/// </summary>
public sealed partial class RegisterFile : IDisposable
{
    public const string Root = "ListOfIRPublicDetail";
    private const string Entries = "resultList";
    private const string Entry = "interestRepresentative";

    private readonly XmlReader reader;

    private RegisterFile(XmlReader reader) => this.reader = reader;

    /// <summary>The root's <c>date</c> attribute, when the file has one.</summary>
    public DateOnly? FileDate { get; private set; }

    [GeneratedRegex("^[0-9]{10,12}-[0-9]{2}$")]
    private static partial Regex CodePattern();

    public static bool IsIdentificationCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static async Task<RegisterFile> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true, CloseInput = false,
        });
        var file = new RegisterFile(reader);
        try
        {
            await file.Guarded(async () =>
            {
                await reader.MoveToContentAsync();
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != Root)
                {
                    throw file.Refused(Root, $"the root element is <{reader.LocalName}>, not <{Root}>: this is not the Transparency Register's XML.");
                }
                if (reader.GetAttribute("date") is { } date) file.FileDate = file.DateOf("date", date);
                return true;
            }, cancellationToken);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        return file;
    }

    public async IAsyncEnumerable<RegisterFileEntry> EntriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await Guarded(EnterAsync, cancellationToken)) yield break;
        while (await Guarded(() => NextChildAsync(0), cancellationToken))
        {
            if (reader.LocalName != Entries)
            {
                await Guarded(SkipAsync, cancellationToken);
                continue;
            }
            if (!await Guarded(EnterAsync, cancellationToken)) continue;
            while (await Guarded(() => NextChildAsync(1), cancellationToken))
            {
                if (reader.LocalName != Entry)
                {
                    await Guarded(SkipAsync, cancellationToken);
                    continue;
                }
                yield return await Guarded(ReadEntryAsync, cancellationToken);
            }
        }
    }

    private async Task<RegisterFileEntry> ReadEntryAsync()
    {
        var line = Line;
        string? code = null, name = null, acronym = null, category = null, country = null, website = null;
        DateOnly? registeredOn = null;
        var codeLine = line;
        if (await EnterAsync())
        {
            while (await NextChildAsync(2))
            {
                switch (reader.LocalName)
                {
                    case "identificationCode":
                        codeLine = Line;
                        code = await TextAsync();
                        break;
                    case "registrationDate":
                        var dateLine = Line;
                        registeredOn = await TextAsync() is { } date ? DateOf("registrationDate", date, dateLine) : null;
                        break;
                    case "registrationCategory": category = await BoundedAsync("registrationCategory", 400); break;
                    case "acronym": acronym = await BoundedAsync("acronym", 400); break;
                    case "webSiteURL": website = await BoundedAsync("webSiteURL", 2048); break;
                    case "name": name = await ChildAsync("originalName", 1000) ?? name; break;
                    case "headOffice": country = await ChildAsync("country", 200) ?? country; break;
                    default: await SkipAsync(); break;
                }
            }
        }
        if (code is null) throw Refused(Entry, "this interestRepresentative has no identificationCode.", line);
        if (!IsIdentificationCode(code))
        {
            throw Refused("identificationCode", $"'{Shorten(code)}' is not an identification code: 10 to 12 digits, a hyphen and 2 digits.", codeLine);
        }
        if (name is null) throw Refused("name/originalName", $"the interestRepresentative {code} has no name/originalName.", line);
        return new RegisterFileEntry(code, name, acronym, category, country, website, registeredOn, line);
    }

    /// <summary>The text of the child <paramref name="child"/> of the current element; null when it has none.</summary>
    private async Task<string?> ChildAsync(string child, int maxLength)
    {
        string? value = null;
        var depth = reader.Depth;
        if (!await EnterAsync()) return null;
        while (await NextChildAsync(depth))
        {
            if (reader.LocalName == child) value = await BoundedAsync(child, maxLength);
            else await SkipAsync();
        }
        return value;
    }

    private async Task<string?> BoundedAsync(string element, int maxLength)
    {
        var line = Line;
        var value = await TextAsync();
        if (Text.Characters(value) > maxLength) throw Refused(element, $"the value is longer than {maxLength} characters.", line);
        return value;
    }

    /// <summary>An element's text, trimmed; null when empty. An element with elements inside is not a value: a 400.</summary>
    private async Task<string?> TextAsync()
    {
        var value = (await reader.ReadElementContentAsStringAsync()).Trim();
        return value.Length == 0 ? null : value;
    }

    private DateOnly DateOf(string element, string value, int? line = null)
    {
        var text = value.Trim();
        return text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Refused(element, $"'{Shorten(text)}' is not a date (yyyy-MM-dd, or a date and time starting so).", line);
    }

    /// <summary>Moves into the current element's content; false (and past it) when it is empty.</summary>
    private async Task<bool> EnterAsync()
    {
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            return false;
        }
        await reader.ReadAsync();
        return true;
    }

    /// <summary>
    /// Moves to the next child element of the open element at <paramref name="parentDepth"/>; false, past its end tag,
    /// when there is none. The caller reads or skips each child it is given.
    /// </summary>
    private async Task<bool> NextChildAsync(int parentDepth)
    {
        while (true)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == parentDepth + 1) return true;
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == parentDepth)
            {
                await reader.ReadAsync();
                return false;
            }
            if (reader.NodeType == XmlNodeType.Element) await reader.SkipAsync();
            else if (!await reader.ReadAsync()) throw Refused(Root, "the file ends before its elements are closed.");
        }
    }

    private Task SkipAsync() => reader.SkipAsync();

    private int Line => ((IXmlLineInfo)reader).LineNumber;

    /// <summary>Turns the reader's own complaints (not XML, truncated, a DTD) into the same 400 naming the line.</summary>
    private async Task<T> Guarded<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await read();
        }
        catch (XmlException invalid)
        {
            throw new BadRequestFieldException(Root, $"Line {Math.Max(invalid.LineNumber, 1)}: the file is not well-formed XML: {invalid.Message}");
        }
    }

    private async Task<bool> Guarded(Func<Task> read, CancellationToken cancellationToken)
        => await Guarded(async () =>
        {
            await read();
            return true;
        }, cancellationToken);

    private BadRequestFieldException Refused(string element, string message, int? line = null)
        => new(element, $"Line {line ?? Line}, <{element}>: {message}");

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    public void Dispose() => reader.Dispose();
}
