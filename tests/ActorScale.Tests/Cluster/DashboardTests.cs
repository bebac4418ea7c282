using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ActorScale.Grains.Users;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// The Orleans Dashboard on the real cluster's management ports, behind the generated password (user <c>operator</c>):
/// refused without it, never serving grain state or the log stream, absent from the API's port; and in headless
/// Chromium, with the password, the rendered pages list every running silo and the user grain type.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class DashboardTests(RealClusterFixture cluster)
{
    private const string User = "operator";

    [Fact]
    public async Task Dashboard_OnTheManagementPort_NeedsThePassword_NeverServesGrainStateOrLogs()
    {
        var silo = cluster.RunningSilos()[0];
        var password = File.ReadAllText(cluster.Home.DashboardPasswordFile).Trim();
        var dashboard = $"{LocalCluster.HttpAddress(silo.MetricsPort)}/dashboard/";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var anonymous = await GetAsync(http, dashboard, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic realm=\"ActorScale dashboard\", charset=\"UTF-8\"", Assert.Single(anonymous.Headers.WwwAuthenticate).ToString());
        using var wrongPassword = await GetAsync(http, dashboard, (User, password[..^1] + (password[^1] == 'a' ? 'b' : 'a')));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        using var wrongUser = await GetAsync(http, dashboard, ("admin", password));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);
        using var grainStateAnonymous = await GetAsync(http, $"{dashboard}GrainState", null);
        Assert.Equal(HttpStatusCode.Unauthorized, grainStateAnonymous.StatusCode);

        using var page = await GetAsync(http, dashboard, (User, password));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (user, _) = await cluster.Client.SignUpAsync("dashboard");
        using var grainState = await GetAsync(http, $"{dashboard}GrainState?grainId={Uri.EscapeDataString($"user/{user}")}&grainType={typeof(UserGrain).FullName}", (User, password));
        Assert.Equal(HttpStatusCode.NotFound, grainState.StatusCode);
        using var trace = await GetAsync(http, $"{dashboard}Trace", (User, password));
        Assert.Equal(HttpStatusCode.Forbidden, trace.StatusCode);

        using var onApi = await GetAsync(http, $"{LocalCluster.HttpAddress(silo.HttpPort)}/dashboard/", (User, password));
        Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
    }

    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsEverySiloAndTheUserGrain_OnlyWithThePassword()
    {
        var silos = cluster.RunningSilos();
        var password = File.ReadAllText(cluster.Home.DashboardPasswordFile).Trim();
        var port = silos[0].MetricsPort;
        await cluster.Client.SignUpAsync("dashboard");

        var refused = await HeadlessChromium.LoadAsync(new Uri($"http://127.0.0.1:{port}/dashboard/#/silos"));
        Assert.DoesNotContain("Orleans Dashboard", refused.Dom, StringComparison.Ordinal);
        Assert.Contains("ERR_INVALID_AUTH_CREDENTIALS", refused.Errors, StringComparison.Ordinal);

        var signedIn = $"http://{User}:{password}@127.0.0.1:{port}/dashboard/";
        await Eventually.ReturnsAsync(
            $"the silos page listing every running silo ({string.Join(", ", silos.Select(s => $"127.0.0.1:{s.SiloPort}"))})",
            () => HeadlessChromium.LoadAsync(new Uri($"{signedIn}#/silos")),
            page => silos.All(s => page.Dom.Contains($"127.0.0.1:{s.SiloPort}@", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));

        // Kept with the cluster's logs (ACTORSCALE_KEEP_TEST_LOGS=1 keeps the folder).
        var screenshot = Path.Combine(cluster.Home.LogsDir, "dashboard-grains.png");
        File.Delete(screenshot);
        await Eventually.ReturnsAsync(
            $"the grains page listing {typeof(UserGrain).FullName}",
            () => HeadlessChromium.LoadAsync(new Uri($"{signedIn}#/grains"), screenshot),
            page => page.Dom.Contains($"title=\"{typeof(UserGrain).FullName}\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000 && png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"the screenshot {screenshot} is a rendered PNG ({png.Length} bytes)");
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, (string User, string Password)? credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (credential is { } c)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
        }

        return await http.SendAsync(request);
    }
}
