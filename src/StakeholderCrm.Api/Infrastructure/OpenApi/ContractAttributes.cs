namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// A field a request must send: its validator refuses it missing, so the contract lists it as required and never null,
/// and every stored record, hence every response, has it. A test sends each request without each field to hold the
/// contract to the validators.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredFieldAttribute : Attribute;

/// <summary>
/// A field a request may leave out because the API fills in a default (a participant's side from their organisation):
/// optional in requests, never null in responses, and not cleared by a merge patch.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultedAttribute : Attribute;
