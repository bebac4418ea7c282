using System.Net;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Http;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary><c>cluster up --lb</c>: a private nginx in front of the real silos' HTTP APIs.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class LoadBalancerTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task Balancer_HttpsOnly_PlainHttpRedirected_Hsts_CertificateOfTheClusterAuthority_ReadinessNotPassedOn()
    {
        var lb = await BalancerAsync();
        var state = cluster.Refresh();
        using var noRedirects = Https(followRedirects: false);

        using var redirected = await noRedirects.GetAsync(new Uri($"http://127.0.0.1:{state.LbHttpPort}/api/catalog?x=1"));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.Equal(new Uri($"https://127.0.0.1:{state.LbPort}/api/catalog?x=1"), redirected.Headers.Location);

        using var catalog = await lb.GetAsync("/api/catalog");
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(catalog.Headers.GetValues("Strict-Transport-Security")));
        using var throttledOrNot = await lb.GetAsync("/api/cart");
        Assert.True(throttledOrNot.Headers.Contains("Strict-Transport-Security"), $"{throttledOrNot.StatusCode} without HSTS");

        // A client that trusts only the machine's authorities refuses the balancer: its certificate is the cluster's own.
        using var stranger = new HttpClient();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetAsync(new Uri($"https://127.0.0.1:{state.LbPort}/api/catalog")));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);

        Assert.Equal(HttpStatusCode.NotFound, (await lb.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lb.GetAsync("/silo/routing")).StatusCode);
        var silo = cluster.RunningSilos()[0];
        Assert.Equal(HttpStatusCode.OK, (await new ApiClient(new Uri(LocalCluster.HttpAddress(silo.HttpPort))).GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task LoadBalancer_EachUserToOneSilo_RequestsWithoutAUserReachEverySilo_AndServesTheApi()
    {
        var lb = await BalancerAsync();
        var running = cluster.State.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => s.Name).Order().ToList();

        // A silo that an earlier test restarted may still be starting: ask for up to 15 s.
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (seen.Count < running.Count && DateTime.UtcNow < deadline)
        {
            seen.Add(await SiloOfAsync(lb, authorization: null));
        }

        var perUser = new Dictionary<string, HashSet<string>>();
        for (var u = 0; u < 30; u++)
        {
            var token = $"Bearer as1.{TestUsers.NewId("route")}.{new string('A', 43)}";
            perUser[token] = [];
            for (var i = 0; i < 5; i++)
            {
                perUser[token].Add(await SiloOfAsync(lb, token));
            }
        }

        Assert.Equal(running, seen);
        Assert.All(perUser.Values, silos => Assert.Single(silos));
        Assert.True(perUser.Values.Select(s => s.Single()).Distinct().Count() > 1, "30 users all routed to one silo");
        Assert.Equal(HttpStatusCode.OK, (await lb.GetAsync("/api/catalog")).StatusCode);
    }

    [Fact]
    public async Task LoadBalancer_RegisterThroughIt_PlacesTheUsersGrainOnTheSiloItsRequestsReach()
    {
        var lb = await BalancerAsync();
        var misplaced = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var user = TestUsers.NewId("local");
            var credentials = new { userId = user, password = TestUsers.Password };
            // With an Idempotency-Key the request takes nginx's retriable path: it must be routed by the body all the same.
            Assert.Equal(HttpStatusCode.Created, (await lb.PostAsync("/api/users", credentials, idempotencyKey: i % 2 == 0 ? null : Guid.NewGuid().ToString())).StatusCode);
            var hostedOn = (await cluster.Client.Session(user).LocateAsync()).SiloName;
            var token = (string)(await ApiClient.JsonAsync(await lb.PostAsync("/api/sessions", credentials)))["token"]!;
            var routedTo = await SiloOfAsync(lb, $"Bearer {token}");
            if (routedTo != hostedOn)
            {
                misplaced.Add($"{user}: requests go to {routedTo}, grain on {hostedOn}");
            }
        }

        Assert.Empty(misplaced);
    }

    [Fact]
    public async Task FrozenSilo_LeavesTheBalancerBeforeItIsDeclaredDead_ItsUsersCartServedAsSoonAsItIsDeclared_BackAfterRestart()
    {
        var lb = await BalancerAsync();
        var victim = cluster.Refresh().Silos[^1];

        // A real user whose requests nginx sends to the victim, so its grain lives there, with one item in the cart.
        var user = await UserRoutedToAsync(lb, victim.Name);
        var credentials = new { userId = user, password = TestUsers.Password };
        Assert.Equal(HttpStatusCode.Created, (await lb.PostAsync("/api/users", credentials)).StatusCode);
        var token = (string)(await ApiClient.JsonAsync(await lb.PostAsync("/api/sessions", credentials)))["token"]!;
        Assert.Equal(HttpStatusCode.OK, (await lb.PostAsync("/api/cart/items", new { sku = "lamp-desk", quantity = 2 }, token, Guid.NewGuid().ToString())).StatusCode);
        var hostedOn = (await cluster.Client.Session(user).LocateAsync()).SiloName;
        Assert.True(hostedOn == victim.Name, $"{user}'s requests go to {victim.Name}, its grain is on {hostedOn}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stopWatching = new CancellationTokenSource();
        var declaredDead = WatchForDeathAsync(victim, clock, stopWatching.Token);
        NativeProcess.Signal(victim.Pid, NativeProcess.SigStop);
        try
        {
            await Eventually.ReturnsAsync($"{victim.Name} (frozen) out of nginx's upstream", () => Task.FromResult(NginxServer.UpstreamPorts(cluster.Home)), p => !p.Contains(victim.HttpPort), TimeSpan.FromSeconds(20));
            var removedAt = clock.Elapsed;
            Assert.False(declaredDead.IsCompleted, $"{victim.Name} left the balancer {removedAt.TotalSeconds:0.0} s after the freeze, only after its peers had declared it dead");

            // The user's cart, asked for as a client would (attempts of 1 s): answered from PostgreSQL by another silo
            // as soon as the peers declare the victim dead (the grain's calls then fail, nginx re-sends, and the grain is
            // activated afresh: 0.1-0.8 s by hand; one answer took 1.3 s while the cluster settled), the item still in it.
            var attempts = new List<string>();
            var (cart, answeredAt) = await Eventually.ReturnsAsync(
                "the frozen silo's user's cart answered",
                async () =>
                {
                    var sent = clock.Elapsed;
                    try
                    {
                        using var response = await lb.GetAsync("/api/cart", token).WaitAsync(TimeSpan.FromSeconds(1));
                        attempts.Add($"{sent.TotalSeconds:0.00}-{clock.Elapsed.TotalSeconds:0.00} s: {(int)response.StatusCode}");
                        return (response.IsSuccessStatusCode ? await ApiClient.JsonAsync(response) : null, clock.Elapsed);
                    }
                    catch (TimeoutException)
                    {
                        attempts.Add($"{sent.TotalSeconds:0.00}-{clock.Elapsed.TotalSeconds:0.00} s: no answer");
                        return (null, clock.Elapsed);
                    }
                },
                r => r.Item1 is not null,
                TimeSpan.FromSeconds(30));
            var deadAt = await declaredDead.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(2, (int?)Assert.Single(cart!["lines"]!.AsArray())!["quantity"]);
            Assert.True(answeredAt - deadAt < TimeSpan.FromSeconds(2), $"declared dead {deadAt.TotalSeconds:0.0} s after the freeze, out of the balancer at {removedAt.TotalSeconds:0.0} s, the cart answered at {answeredAt.TotalSeconds:0.0} s; attempts: {string.Join(", ", attempts)}");
            Assert.NotEqual(victim.Name, await SiloOfAsync(lb, $"Bearer {token}"));
        }
        finally
        {
            await stopWatching.CancelAsync();
            NativeProcess.Signal(victim.Pid, NativeProcess.SigCont);
        }

        // Resumed, it learns it was declared dead and stops; restarted, it is ready and back in the balancer.
        await Eventually.ReturnsAsync($"{victim.Name} gone after its resume", () => NativeProcess.IsGoneAsync(victim.Pid, SiloBinary.ProgramName), gone => gone, TimeSpan.FromSeconds(30));
        var restarted = await cluster.Launcher.RestartSiloAsync(victim.Name, CancellationToken.None);
        await Eventually.ReturnsAsync($"{victim.Name} back in nginx's upstream", () => Task.FromResult(NginxServer.UpstreamPorts(cluster.Home)), p => p.Contains(restarted.HttpPort), TimeSpan.FromSeconds(10));
        await cluster.ReconnectAsync();
    }

    /// <summary>Reads the membership every 100 ms; completes with the time on <paramref name="clock"/> at which the silo's row first read Dead.</summary>
    private async Task<TimeSpan> WatchForDeathAsync(SiloRecord silo, System.Diagnostics.Stopwatch clock, CancellationToken cancellationToken)
    {
        var state = cluster.State;
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(state.ClientSettings(cluster.Home).RedisOptions());
        while (true)
        {
            var members = await RedisMembership.ReadAsync(redis.GetDatabase(), state.ServiceId, state.ClusterId);
            if (BalancerWatch.LatestStatus(members, silo) == "Dead")
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>A new user id that nginx routes to <paramref name="silo"/> (routing hashes the user id, from a token or a body alike).</summary>
    private static async Task<string> UserRoutedToAsync(ApiClient lb, string silo)
    {
        for (var i = 0; i < 200; i++)
        {
            var user = TestUsers.NewId("frozen");
            if (await SiloOfAsync(lb, $"Bearer as1.{user}.{new string('A', 43)}") == silo)
            {
                return user;
            }
        }

        throw new InvalidOperationException($"no user routed to {silo} in 200 tries");
    }

    private async Task<ApiClient> BalancerAsync() => new(new Uri(LocalCluster.BalancerAddress((await cluster.BalancerAsync()).LbPort)), Https());

    /// <summary>A client that trusts the cluster's authority, and nothing else.</summary>
    private HttpClient Https(bool followRedirects = true) =>
        new(new SocketsHttpHandler { SslOptions = cluster.Home.Certificates.HttpsClientOptions(), AllowAutoRedirect = followRedirects }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The silo that answered <c>/health/live</c> through the balancer, for a request with this Authorization header.</summary>
    private static async Task<string> SiloOfAsync(ApiClient lb, string? authorization)
    {
        var response = authorization is null ? await lb.GetAsync("/health/live") : await lb.GetWithAuthorizationAsync("/health/live", authorization);
        return (string)(await ApiClient.JsonAsync(response))["silo"]!;
    }
}
