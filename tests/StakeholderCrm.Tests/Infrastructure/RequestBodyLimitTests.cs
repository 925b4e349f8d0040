using System.IO.Compression;
using System.Net.Http.Headers;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Issue 23: every body over the limit gets the same 413 problem, however it is sent; on Kestrel, which enforces chunked bodies.</summary>
public sealed class RequestBodyLimitTests
{
    private const int Limit = 20_000;

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public async Task A_body_over_the_limit_is_the_same_413_problem(bool chunked, bool compressed)
    {
        using var host = new ApiHost(DatabaseProvider.Sqlite, settings: new Dictionary<string, string> { ["Api:MaxRequestBodyBytes"] = $"{Limit}" });
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);

        var response = await client.SendAsync(Post(Body(chunked, compressed, Limit * 3)));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That((string)problem["detail"]!, Is.EqualTo("The request body is larger than this API accepts."));
        Assert.That(await TestDatabase.CountAsync(host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task A_compressed_body_within_the_limit_is_refused_for_its_encoding_not_its_size()
    {
        using var host = new ApiHost(DatabaseProvider.Sqlite, settings: new Dictionary<string, string> { ["Api:MaxRequestBodyBytes"] = $"{Limit}" });
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);

        var response = await client.SendAsync(Post(Body(chunked: true, compressed: true, 200)));

        Assert.That((string)(await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType))["detail"]!, Does.Contain("Content-Encoding"));
    }

    private static HttpRequestMessage Post(HttpContent body) => new(HttpMethod.Post, "/api/organisations") { Content = body };

    /// <summary>An organisation whose name has <paramref name="size"/> random-looking characters; gzip cannot shrink it below that much.</summary>
    private static HttpContent Body(bool chunked, bool compressed, int size)
    {
        var name = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(size));
        var json = System.Text.Encoding.UTF8.GetBytes($$"""{"name":"{{name}}"}""");
        var bytes = compressed ? Gzip(json) : json;
        HttpContent content = chunked ? new StreamContent(new UnknownLength(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (compressed) content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>A stream that cannot tell its length, so that HttpClient sends it chunked.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
