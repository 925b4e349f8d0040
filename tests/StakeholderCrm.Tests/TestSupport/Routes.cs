namespace StakeholderCrm.Tests.TestSupport;

/// <summary>Where each resource lives, spelled once for every test.</summary>
public static class Routes
{
    public const string Organisations = "/api/organisations";
    public const string Contacts = "/api/contacts";
    public const string Topics = "/api/topics";
    public const string Engagements = "/api/engagements";
    public const string Commitments = "/api/commitments";
    public const string Bodies = "/api/bodies";
    public const string Memberships = "/api/memberships";
    public const string Figures = "/api/figures";
    public const string ApiKeys = "/api/admin/api-keys";
    public const string TransparencyRegister = "/api/transparency-register";
    public const string RegisterImports = "/api/transparency-register/imports";
    public const string Publications = "/api/publications";
}
