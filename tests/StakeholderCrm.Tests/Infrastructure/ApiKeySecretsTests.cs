using StakeholderCrm.Api.Infrastructure.Auth;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class ApiKeySecretsTests
{
    [Test]
    public void A_secret_is_stored_as_its_lower_case_hex_sha256()
    {
        Assert.That(ApiKeySecrets.Hash("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Assert.That(ApiKeySecrets.Hash(""), Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [Test]
    public void Secrets_longer_than_the_stack_buffer_and_beyond_ascii_hash_alike()
    {
        var longSecret = new string('k', 5_000) + "é";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(longSecret)));
        Assert.That(ApiKeySecrets.Hash(longSecret), Is.EqualTo(expected));
    }

    [Test]
    public void Only_the_same_hash_matches()
    {
        var hash = ApiKeySecrets.Hash("sck_one");
        Assert.That(ApiKeySecrets.Matches(hash, ApiKeySecrets.Hash("sck_one")), Is.True);
        Assert.That(ApiKeySecrets.Matches(hash, ApiKeySecrets.Hash("sck_two")), Is.False);
        Assert.That(ApiKeySecrets.Matches(hash, hash[..^1]), Is.False);
    }

    [Test]
    public void A_key_signs_in_with_one_shared_result_for_its_principal()
    {
        var key = new StoredApiKey { Id = Guid.NewGuid(), Name = "integration", Role = "editor", SecretHash = "hash" };
        Assert.That(key.SignedIn.Succeeded, Is.True);
        Assert.That(key.SignedIn, Is.SameAs(key.SignedIn));
        Assert.That(key.SignedIn.Principal, Is.SameAs(key.Principal));
        Assert.That(key.SignedIn.Ticket!.AuthenticationScheme, Is.EqualTo(ApiKeyAuthenticationHandler.SchemeName));
    }
}
