using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class AuthenticationTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Issuer = "https://login.example.test/policy-unit";
    private const string Audience = "stakeholdercrm-api";
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!!"));
    private readonly ManualClock clock = new();

    /// <summary>This class's host trusts tokens signed with a test key (no authority to call) and has a clock the tests move.</summary>
    protected override ApiHost CreateOwnHost(DatabaseProvider database) => new(database,
        services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TokenValidationParameters.IssuerSigningKey = SigningKey);
        },
        new Dictionary<string, string> { ["Auth:Jwt:Issuer"] = Issuer, ["Auth:Jwt:Audience"] = Audience });

    [Test]
    public async Task A_valid_token_is_accepted_and_its_role_applies()
    {
        var editor = Bearer(Token(roles: ["editor"]));
        var created = await editor.CreateOrganisationAsync("TikTok");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE actor = 'Monika Maglione'"), Is.EqualTo(1));

        var reader = Bearer(Token(roles: ["Reader"]));
        (await reader.GetAsync($"{Routes.Organisations}/{created.Id()}")).EnsureSuccessStatusCode();
        await (await reader.PostRawAsync("""{"name": "Meta", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Bearer(Token(roles: ["guest"])).GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_expired_token_is_a_401()
        => await (await Bearer(Token(expires: DateTime.UtcNow.AddMinutes(-10))).GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);

    [Test]
    public async Task A_token_for_another_audience_is_a_401()
        => await (await Bearer(Token(audience: "another-api")).GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);

    [Test]
    public async Task A_token_from_another_issuer_or_key_is_a_401()
    {
        await (await Bearer(Token(issuer: "https://evil.example")).GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-of-at-least-32-bytes"));
        await (await Bearer(Token(key: otherKey)).GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_unsigned_token_is_a_401()
    {
        var signed = Token();
        var unsigned = signed[..(signed.LastIndexOf('.') + 1)];
        await (await Bearer(unsigned).GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_alg_none_token_is_a_401()
    {
        var signed = Token();
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var payload = signed.Split('.')[1];
        await (await Bearer($"{header}.{payload}.").GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Scopes_narrow_a_token_and_a_key_to_their_resources()
    {
        var token = Bearer(Token(roles: ["editor"], scope: "organisations:read contacts:write"));
        (await token.GetAsync(Routes.Organisations)).EnsureSuccessStatusCode();
        await (await token.PostRawAsync("""{"name": "TikTok", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Forbidden);
        (await token.GetAsync("/api/contacts")).EnsureSuccessStatusCode();
        await (await token.GetAsync("/api/engagements")).ProblemAsync(HttpStatusCode.Forbidden);

        var created = await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("engagement-sync", "editor") { Scopes = ["engagements:write"] }))
            .JsonAsync(HttpStatusCode.Created);
        var key = Client((string)created["secret"]!);
        (await key.GetAsync("/api/engagements")).EnsureSuccessStatusCode();
        await (await key.GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("bad", "reader") { Scopes = ["everything"] })).FieldErrorAsync("scopes[0]");
        await (await Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "bad", role = "reader", scopes = new[] { "contacts:read", null } }))
            .FieldErrorAsync("scopes[1]");
    }

    [Test]
    public async Task An_expired_key_is_a_401()
    {
        var created = await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("short-lived", "reader") { ExpiresAt = clock.GetUtcNow().AddHours(1) }))
            .JsonAsync(HttpStatusCode.Created);
        var key = Client((string)created["secret"]!);
        (await key.GetAsync(Routes.Organisations)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(2));
        await (await key.GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Rotating_a_key_returns_a_new_secret_once_and_the_old_one_stops_working()
    {
        var created = await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("sync", "editor"))).JsonAsync(HttpStatusCode.Created);
        var old = Client((string)created["secret"]!);
        var rotated = await (await Admin.PostAsync($"/api/admin/api-keys/{created.Id()}/rotate", null)).JsonAsync(HttpStatusCode.OK);

        Assert.That((string)rotated["secret"]!, Is.Not.EqualTo((string)created["secret"]!));
        await (await old.GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
        (await Client((string)rotated["secret"]!).GetAsync(Routes.Organisations)).EnsureSuccessStatusCode();
        await (await Admin.PostAsync($"/api/admin/api-keys/{Guid.NewGuid()}/rotate", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    private HttpClient Bearer(string token)
    {
        var client = Client(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Token(string[]? roles = null, string? scope = null, string audience = Audience, string issuer = Issuer,
        DateTime? expires = null, SecurityKey? key = null)
    {
        var claims = new List<Claim> { new("sub", "maglione"), new("name", "Monika Maglione") };
        claims.AddRange((roles ?? ["editor"]).Select(r => new Claim("roles", r)));
        if (scope is not null) claims.Add(new Claim("scope", scope));
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, Subject = new ClaimsIdentity(claims),
            NotBefore = expiry.AddHours(-1), IssuedAt = expiry.AddHours(-1), Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
