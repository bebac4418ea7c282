using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Http;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Lab.Cluster;

/// <summary>
/// The balancer's own admission and refusals, on a real nginx with the generated config in front of stand-in silos:
/// what it refuses, that it says so in problem+json with our codes, and what it never re-sends.
/// </summary>
public sealed class NginxEdgeTests : IAsyncLifetime
{
    private readonly ClusterHome _home = new(Path.Combine(Path.GetTempPath(), $"actorscale-edge-{Guid.NewGuid():N}"[..32]));
    private readonly List<FakeUpstream> _upstreams = [];
    private int _nginxPid;
    private Uri _address = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_nginxPid > 0)
        {
            await NativeProcess.StopAsync(_nginxPid, NginxServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(5));
        }

        foreach (var upstream in _upstreams)
        {
            await upstream.DisposeAsync();
        }

        if (Directory.Exists(_home.Root))
        {
            Directory.Delete(_home.Root, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Balancer_BodyLargerThanTheLimit_Returns413PayloadTooLargeProblem_WithoutReachingASilo(bool chunked)
    {
        await StartAsync(answer: true);
        var body = $"{{\"userId\": \"big-user\", \"password\": \"{new string('p', 10_000)}\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, "/api/users")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await Client().SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
        Assert.Equal(0, _upstreams.Sum(u => u.Requests));
    }

    [Fact]
    public async Task Balancer_TenKilobyteHeader_Returns431HeadersTooLargeProblem_NotAnHtmlPage()
    {
        await StartAsync(answer: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, "/api/me"));
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {new string('t', 10_000)}");

        using var response = await Client().SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "HeadersTooLarge");
        Assert.Equal(0, _upstreams.Sum(u => u.Requests));
    }

    [Fact]
    public async Task Balancer_LoginsFasterThanTheAccountLimit_Returns429TooManyRequestsProblem_WithRetryAfter()
    {
        await StartAsync(answer: true);
        var client = Client(source: IPAddress.Parse("127.0.0.2"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await client.PostAsync(new Uri(_address, "/api/sessions"), new StringContent("{\"userId\": \"someone\", \"password\": \"guess\"}", Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.True(refused is not null, $"20 logins in a row were all admitted: {string.Join(", ", statuses)}");
        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "TooManyRequests");
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Balancer_LabClientAddress_IsNotThrottled()
    {
        await StartAsync(answer: true);
        var client = Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await client.PostAsync(new Uri(_address, "/api/sessions"), new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Balancer_MutationWithoutIdempotencyKey_SiloDiesMidRequest_NotResentToAnother_Returns503Problem(string method)
    {
        await StartAsync(answer: false);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_address, "/api/cart/items/lamp-desk"))
        {
            Content = method == "PUT" ? new StringContent("{\"quantity\": 2}", Encoding.UTF8, "application/json") : null,
        };

        using var response = await Client().SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "Unavailable");
        Assert.Equal(1, _upstreams.Sum(u => u.Requests));
    }

    [Fact]
    public async Task Balancer_MutationWithIdempotencyKey_SiloDiesMidRequest_ResentToTheNext()
    {
        await StartAsync(answer: false);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_address, "/api/cart/items/lamp-desk"))
        {
            Content = new StringContent("{\"quantity\": 2}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await Client().SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "Unavailable");
        Assert.Equal(2, _upstreams.Sum(u => u.Requests));
    }

    [Fact]
    public async Task Edge_CachesThePublicCatalog_AndServesItWhileEverySiloIsDown()
    {
        await StartAsync(answer: true, request => ("Cache-Control: public, max-age=300\r\nETag: \"catalog-1\"\r\n", "[{\"sku\":\"lamp-desk\"}]"));
        using var client = Client();

        // The first GET fills the cache; one after it is served from there, without reaching a silo.
        await Eventually.ReturnsAsync(
            "a GET /api/catalog answered from the edge's cache (the silos' request count unchanged)",
            async () =>
            {
                var before = _upstreams.Sum(u => u.Requests);
                using var response = await client.GetAsync(new Uri(_address, "/api/catalog"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return _upstreams.Sum(u => u.Requests) - before;
            },
            reached => reached == 0,
            TimeSpan.FromSeconds(10));

        // The edge says so (the bench's hit rate counts it), and the server's HSTS header is still there.
        using (var cached = await client.GetAsync(new Uri(_address, "/api/catalog")))
        {
            Assert.Equal(["HIT"], cached.Headers.GetValues("X-Cache-Status"));
            Assert.True(cached.Headers.Contains("Strict-Transport-Security"), "HSTS on a cached answer");
        }

        foreach (var upstream in _upstreams)
        {
            await upstream.DisposeAsync();
        }

        _upstreams.Clear();
        using var whileDown = await client.GetAsync(new Uri(_address, "/api/catalog"));
        Assert.Equal(HttpStatusCode.OK, whileDown.StatusCode);
        Assert.Equal("[{\"sku\":\"lamp-desk\"}]", await whileDown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Edge_NeverStoresAUsersAnswer_EvenOneMarkedPublic_TwoUsersCartsNeverMix()
    {
        // A silo gone wrong: it marks every cart public for 5 minutes. The edge must still never keep one.
        await StartAsync(answer: true, request =>
        {
            var authorization = request.Split("\r\n").First(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))[14..].Trim();
            return ("Cache-Control: public, max-age=300\r\n", $"{{\"owner\":\"{authorization}\"}}");
        });
        using var client = Client();
        var tokens = new[] { $"as1.alice.{new string('A', 43)}", $"as1.bob.{new string('B', 43)}" };

        for (var i = 0; i < 10; i++)
        {
            var token = tokens[i % 2];
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, "/api/cart"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            Assert.Equal($"{{\"owner\":\"Bearer {token}\"}}", await response.Content.ReadAsStringAsync());
            Assert.False(response.Headers.Contains("X-Cache-Status"), "a user's answer never passes through the cache");
        }

        Assert.Equal(10, _upstreams.Sum(u => u.Requests));
    }

    private async Task StartAsync(bool answer, Func<string, (string Headers, string Body)>? respond = null)
    {
        _upstreams.AddRange([new FakeUpstream(answer, respond), new FakeUpstream(answer, respond)]);
        Directory.CreateDirectory(_home.LogsDir);
        var port = NativeProcess.FreeLoopbackPort();
        _nginxPid = await NginxServer.StartAsync(_home, port, [.. _upstreams.Select(u => u.Port)], BalancerTls.Issue(_home, LocalCluster.BalancerName, NativeProcess.FreeLoopbackPort()));
        _address = new Uri(LocalCluster.BalancerAddress(port));
    }

    /// <summary>A client of its own (no pooled connection shared between tests), from <paramref name="source"/> when given.</summary>
    private HttpClient Client(IPAddress? source = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, SslOptions = _home.Certificates.HttpsClientOptions() };
        if (source is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }
}
