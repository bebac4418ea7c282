using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ActorScale.ComposeTests.Running;

/// <summary>
/// A client that keeps writing one user's cart over the HTTP API: each write adds one item with a fresh
/// <c>Idempotency-Key</c> and is retried with the same key until a silo acknowledges it, moving to the next silo after
/// each failed attempt. It remembers what was acknowledged, so the cart can be checked against it afterwards.
/// </summary>
internal sealed class CartWriter(string userId, IReadOnlyList<Uri> silos, int home, IReadOnlyList<string> skus, HttpClient http)
{
    /// <summary>Whatever happens to the cluster, a write that no silo acknowledges within this time fails the test.</summary>
    public static readonly TimeSpan WriteDeadline = TimeSpan.FromSeconds(90);

    private const string Password = "compose-test-password";

    // Paces each writer so that six of them load a 2-core machine without starving the silos they test.
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, int> _expected = [];
    private readonly Lock _lock = new();
    private readonly List<DateTimeOffset> _acknowledgedAt = [];
    private int _current = home;
    private int _failedAttempts;
    private string _token = "";

    public string UserId => userId;

    /// <summary>The silo the user registered on: prefer-local placement put the user's grain there.</summary>
    public Uri Home { get; } = silos[home];

    public string Token => _token;

    /// <summary>Quantity per SKU that the acknowledged writes add up to.</summary>
    public IReadOnlyDictionary<string, int> Expected
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_expected);
            }
        }
    }

    public int Acknowledged
    {
        get
        {
            lock (_lock)
            {
                return _acknowledgedAt.Count;
            }
        }
    }

    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    public int AcknowledgedSince(DateTimeOffset time)
    {
        lock (_lock)
        {
            return _acknowledgedAt.Count(at => at > time);
        }
    }

    /// <summary>Registers and logs in on the home silo, so that the user's grain lives there; a refusal for now (503) is retried.</summary>
    public async Task SignUpAsync()
    {
        var credentials = new { userId, password = Password };
        var attempted = false;
        await Eventually.WaitAsync(
            $"{userId} to register on {Home}",
            async () =>
            {
                var retried = attempted;
                attempted = true;
                using var response = await PostAsync("api/users", credentials);
                // A conflict after an attempt whose answer was lost means that attempt registered the user.
                return (response.StatusCode == HttpStatusCode.Created || (retried && response.StatusCode == HttpStatusCode.Conflict), await DescribeAsync(response));
            },
            WriteDeadline);
        var token = await Eventually.WaitAsync(
            $"{userId} to log in on {Home}",
            async () =>
            {
                using var response = await PostAsync("api/sessions", credentials);
                return response.StatusCode == HttpStatusCode.Created
                    ? (true, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString() ?? "")
                    : (false, await DescribeAsync(response));
            },
            WriteDeadline);
        _token = token;
    }

    /// <summary>Writes until <paramref name="stop"/> is cancelled; a write in progress is finished first, never abandoned.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var operation = 0; !stop.IsCancellationRequested; operation++)
        {
            await WriteAsync(skus[operation % skus.Count]);
            await Task.Delay(Pace, CancellationToken.None);
        }
    }

    private async Task WriteAsync(string sku)
    {
        var key = Guid.NewGuid();
        var until = TimeProvider.System.GetUtcNow() + WriteDeadline;
        var lastFailure = "";
        while (TimeProvider.System.GetUtcNow() < until)
        {
            var silo = silos[_current];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, "api/cart/items"))
                {
                    Content = JsonContent.Create(new { sku, quantity = 1 }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                request.Headers.Add("Idempotency-Key", key.ToString());
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    Acknowledge(sku);
                    return;
                }

                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    throw new InvalidOperationException($"{userId}: add {sku} (key {key}) refused by {silo}: {(int)response.StatusCode} {body}");
                }

                lastFailure = $"{silo}: {(int)response.StatusCode} {body}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastFailure = $"{silo}: {e.GetType().Name}: {e.Message}";
            }

            Interlocked.Increment(ref _failedAttempts);
            _current = (_current + 1) % silos.Count;
            await Task.Delay(RetryDelay);
        }

        throw new TimeoutException($"{userId}: add {sku} (key {key}) was acknowledged by no silo within {WriteDeadline.TotalSeconds:0} s; last failure: {lastFailure}");
    }

    private void Acknowledge(string sku)
    {
        lock (_lock)
        {
            _expected[sku] = _expected.GetValueOrDefault(sku) + 1;
            _acknowledgedAt.Add(TimeProvider.System.GetUtcNow());
        }
    }

    /// <summary>Posts to the home silo; an answer other than a refusal for now (503) fails the test at once.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(new Uri(Home, path), body);
        if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.Conflict)
        {
            Assert.Fail($"{userId}: POST {path} on {Home} answered {await DescribeAsync(response)}");
        }

        return response;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response) => $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
}
