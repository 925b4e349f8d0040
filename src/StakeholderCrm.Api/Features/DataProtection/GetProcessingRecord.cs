using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using Swashbuckle.AspNetCore.Swagger;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>The record of processing activities of Article 31 of Regulation (EU) 2018/1725.</summary>
public sealed record ProcessingRecord
{
    public string Regulation { get; init; } = "Regulation (EU) 2018/1725, Article 31";
    /// <summary>The processing operation this record describes.</summary>
    public string Name { get; init; } = "";
    public ProcessingParty Controller { get; init; } = null!;
    public ProcessingParty DataProtectionOfficer { get; init; } = null!;
    public IReadOnlyList<string> Purposes { get; init; } = [];
    public IReadOnlyList<string> DataSubjectCategories { get; init; } = [];
    /// <summary>Generated from the fields the contract marks <c>x-personal-data</c>, by schema.</summary>
    public IReadOnlyList<PersonalDataCategory> PersonalDataCategories { get; init; } = [];
    public IReadOnlyList<string> Recipients { get; init; } = [];
    /// <summary>Transfers to a third country or an international organisation.</summary>
    public string Transfers { get; init; } = "";
    public RetentionPeriods Retention { get; init; } = null!;
    public IReadOnlyList<string> SecurityMeasures { get; init; } = [];
}

public sealed record ProcessingParty(string Name, string Contact);

/// <summary>A schema of the contract and its fields that hold personal data.</summary>
public sealed record PersonalDataCategory(string Schema, IReadOnlyList<string> Fields);

public sealed record RetentionPeriods(int InactiveContactYears, string ExternalContacts, string OwnStaff, string Engagements);

public sealed record GetProcessingRecord : IQuery<ProcessingRecord>;

public sealed class GetProcessingRecordHandler(IOptions<DataProtectionOptions> options, PersonalDataInContract contract)
    : IRequestHandler<GetProcessingRecord, ProcessingRecord>
{
    public Task<ProcessingRecord> Handle(GetProcessingRecord query, CancellationToken cancellationToken)
    {
        var years = options.Value.InactiveContactYears;
        var record = options.Value.Record;
        return Task.FromResult(new ProcessingRecord
        {
            Name = record.Name,
            Controller = new ProcessingParty(record.ControllerName, record.ControllerContact),
            DataProtectionOfficer = new ProcessingParty(record.DataProtectionOfficerName, record.DataProtectionOfficerContact),
            Purposes = ProcessingRecordDefaults.Or(record.Purposes, ProcessingRecordDefaults.Purposes),
            DataSubjectCategories = ProcessingRecordDefaults.Or(record.DataSubjectCategories, ProcessingRecordDefaults.DataSubjectCategories),
            PersonalDataCategories = contract.Categories,
            Recipients = ProcessingRecordDefaults.Or(record.Recipients, ProcessingRecordDefaults.Recipients),
            Transfers = record.Transfers,
            Retention = new RetentionPeriods(years,
                $"External contacts with no engagement, position change or commitment in {years} years are erased: pseudonymised everywhere, "
                    + "their e-mail, phone and notes cleared.",
                "The Commission's own staff are kept while their position is current.",
                "Engagements and commitments are kept as the unit's records; an erased person's participation stays under a pseudonym."),
            SecurityMeasures = ProcessingRecordDefaults.Or(record.SecurityMeasures, ProcessingRecordDefaults.SecurityMeasures),
        });
    }
}

/// <summary>
/// The fields the served contract marks <c>x-personal-data</c>, by schema, read once from the document the API serves,
/// so that the record lists what the code marks and cannot drift from it.
/// </summary>
public sealed class PersonalDataInContract(ISwaggerProvider swagger)
{
    private readonly Lazy<IReadOnlyList<PersonalDataCategory>> categories = new(() => Read(swagger.GetSwagger(OpenApiSetup.DocumentName)));

    public IReadOnlyList<PersonalDataCategory> Categories => categories.Value;

    private static IReadOnlyList<PersonalDataCategory> Read(OpenApiDocument document)
        => (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .Select(schema => new PersonalDataCategory(schema.Key, Fields(schema.Value).Distinct().ToList()))
            .Where(category => category.Fields.Count > 0)
            .OrderBy(category => category.Schema, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Fields(IOpenApiSchema schema)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (IsPersonal(property)) yield return name;
        }
        // A referenced part has its own category; only inline parts belong to this schema.
        foreach (var part in (schema.AllOf ?? new List<IOpenApiSchema>()).OfType<OpenApiSchema>())
        {
            foreach (var name in Fields(part)) yield return name;
        }
    }

    private static bool IsPersonal(IOpenApiSchema property)
        => property.Extensions?.TryGetValue("x-personal-data", out var mark) == true
            && mark is JsonNodeExtension { Node: JsonValue value } && value.TryGetValue<bool>(out var personal) && personal;
}
