using System.Collections.Immutable;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// One simulated user: registers, logs in, then loops over cart changes (each with a fresh operation id), reads,
/// checkouts, logouts, revoke-alls and checks of revoked tokens. Each operation is retried with the same id until it
/// is definite, and recorded in the ledger; the user keeps a model of its cart to check every read it makes.
/// </summary>
public sealed class VirtualUser(string user, IUserApi api, ChaosSettings settings, Ledger ledger, Random random, IReadOnlyList<string> skus)
{
    private const string Password = "chaos-password-1";

    /// <summary>Logins (attempts included) that may have opened a session; kept below the per-user session limit.</summary>
    private const int SessionBudget = 6;

    private readonly Dictionary<string, int> _cart = [];
    private readonly List<string> _revoked = [];
    private int _version;
    private int _possibleSessions;
    private double _sessionSince;

    public string User => user;

    /// <summary>A live token (the user always logs in again after ending its session).</summary>
    public string? Token { get; private set; }

    /// <summary>Every token a login acknowledged.</summary>
    public List<string> Issued { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        if (settings.RampUp > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(settings.RampUp * random.NextDouble(), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var registerId = Guid.NewGuid();
        await DoAsync<bool>(OperationKind.Register, registerId, () => Ok(api.RegisterAsync(Password, registerId)));
        await LoginAsync();
        while (!stop.IsCancellationRequested)
        {
            await StepAsync();
            try
            {
                await Task.Delay(settings.Think, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task StepAsync()
    {
        if (Token is null)
        {
            await LoginAsync();
            return;
        }

        var roll = random.Next(100);
        var sku = skus[random.Next(skus.Count)];
        if (roll < 35 || (roll < 60 && _cart.Count == 0) || (roll >= 78 && roll < 84 && _cart.Count == 0))
        {
            var quantity = random.Next(1, 4);
            if (_cart.GetValueOrDefault(sku) + quantity > 999)
            {
                await ChangeAsync(OperationKind.Set, sku, 1, (t, id) => api.SetAsync(t, id, sku, 1));
            }
            else
            {
                await ChangeAsync(OperationKind.Add, sku, quantity, (t, id) => api.AddAsync(t, id, sku, quantity));
            }
        }
        else if (roll < 50)
        {
            var quantity = random.Next(1, 6);
            await ChangeAsync(OperationKind.Set, sku, quantity, (t, id) => api.SetAsync(t, id, sku, quantity));
        }
        else if (roll < 60)
        {
            var present = _cart.Keys.ElementAt(random.Next(_cart.Count));
            await ChangeAsync(OperationKind.Remove, present, 0, (t, id) => api.RemoveAsync(t, id, present));
        }
        else if (roll < 78)
        {
            await ReadAsync();
        }
        else if (roll < 84)
        {
            await CheckoutAsync();
        }
        else if (roll < 87)
        {
            await ChangeAsync(OperationKind.Clear, null, 0, (t, id) => api.ClearAsync(t, id));
        }
        else if (roll < 93 && _revoked.Count > 0)
        {
            await ValidateRevokedAsync();
        }
        else if (ledger.Now - _sessionSince < settings.SessionLength.TotalSeconds)
        {
            await ReadAsync();
        }
        else if (roll < 97 && _possibleSessions < SessionBudget)
        {
            await LogoutAsync();
        }
        else
        {
            await RevokeAllAsync();
        }
    }

    private async Task LoginAsync()
    {
        var result = await DoAsync(OperationKind.Login, Guid.Empty, () => api.LoginAsync(Password), attempts => _possibleSessions += attempts, r => r.Token);
        if (result is not null)
        {
            Token = result.Token;
            Issued.Add(result.Token);
            _sessionSince = ledger.Now;
        }
    }

    private async Task LogoutAsync()
    {
        var token = Token!;
        var id = Guid.NewGuid();
        if (await DoAsync<bool>(OperationKind.Logout, id, () => Ok(api.LogoutAsync(token, id)), token: token))
        {
            _revoked.Add(token);
            _possibleSessions--;
            Token = null;
            await LoginAsync();
        }
    }

    private async Task RevokeAllAsync()
    {
        var token = Token!;
        var id = Guid.NewGuid();
        if (await DoAsync<bool>(OperationKind.RevokeAll, id, () => Ok(api.RevokeAllAsync(token, id)), token: token))
        {
            _revoked.AddRange(Issued.Except(_revoked));
            _possibleSessions = 0;
            Token = null;
            await LoginAsync();
        }
    }

    private async Task ValidateRevokedAsync()
    {
        var token = _revoked[random.Next(_revoked.Count)];
        await DoAsync(OperationKind.Validate, Guid.Empty, () => api.ValidateAsync(token), token: token, observe: c => c.Status.ToString());
    }

    private async Task ReadAsync()
    {
        var token = Token!;
        await DoAsync(OperationKind.Read, Guid.Empty, () => api.GetCartAsync(token), observe: view =>
        {
            var lines = view.Lines.ToDictionary(l => l.Sku, l => l.Quantity);
            var same = view.Version == _version && lines.Count == _cart.Count && lines.All(l => _cart.GetValueOrDefault(l.Key) == l.Value);
            return same ? "match" : $"read version {view.Version} with {lines.Count} lines, expected version {_version} with {_cart.Count}";
        });
    }

    private async Task CheckoutAsync()
    {
        var token = Token!;
        var id = Guid.NewGuid();
        var order = await DoAsync(OperationKind.Checkout, id, () => api.CheckoutAsync(token, id), describe: o => o);
        if (order is not null)
        {
            _cart.Clear();
            _version++;
        }
    }

    private async Task ChangeAsync(OperationKind kind, string? sku, int quantity, Func<string, Guid, Task<CartUpdate>> call)
    {
        var token = Token!;
        var id = Guid.NewGuid();
        var update = await DoAsync(kind, id, () => call(token, id), sku: sku, quantity: quantity);
        if (update is null)
        {
            return;
        }

        _version++;
        switch (kind)
        {
            case OperationKind.Add:
                _cart[sku!] = _cart.GetValueOrDefault(sku!) + quantity;
                break;
            case OperationKind.Set:
                _cart[sku!] = quantity;
                break;
            case OperationKind.Remove:
                _cart.Remove(sku!);
                break;
            default:
                _cart.Clear();
                break;
        }
    }

    /// <summary>
    /// Runs one operation to a definite outcome: each attempt may take <see cref="ChaosSettings.AttemptTimeout"/>;
    /// timeouts, lost connections and transient errors are retried with the same operation id until
    /// <see cref="ChaosSettings.RetryDeadline"/>. Returns the result when acknowledged, else default.
    /// </summary>
    private async Task<T?> DoAsync<T>(
        OperationKind kind,
        Guid id,
        Func<Task<T>> call,
        Action<int>? countAttempts = null,
        Func<T, string>? issuedToken = null,
        string? token = null,
        string? sku = null,
        int quantity = 0,
        Func<T, string>? observe = null,
        Func<T, Order>? describe = null)
    {
        var start = ledger.Now;
        double? firstFailure = null;
        string? error = null;
        var attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                var result = await call().WaitAsync(settings.AttemptTimeout);
                countAttempts?.Invoke(attempts);
                var order = describe?.Invoke(result);
                ledger.Record(new LedgerEntry
                {
                    User = user,
                    Kind = kind,
                    OperationId = id,
                    Sku = sku,
                    Quantity = quantity,
                    Outcome = Outcome.Ok,
                    Attempts = attempts,
                    Start = start,
                    End = ledger.Now,
                    FirstFailure = firstFailure,
                    Token = issuedToken?.Invoke(result) ?? token,
                    Observation = observe?.Invoke(result),
                    OrderId = order?.OrderId,
                    OrderLines = order?.Lines.ToImmutableDictionary(l => l.Sku, l => l.Quantity),
                });
                return result;
            }
            catch (ActorScaleException ex) when (!ex.IsTransient)
            {
                countAttempts?.Invoke(attempts);
                ledger.Record(new LedgerEntry { User = user, Kind = kind, OperationId = id, Sku = sku, Quantity = quantity, Outcome = Outcome.Failed, Attempts = attempts, Start = start, End = ledger.Now, FirstFailure = firstFailure, Error = ex.Code.ToString(), Token = token });
                return default;
            }
            catch (Exception ex)
            {
                var now = ledger.Now;
                firstFailure ??= now;
                error = ex is ActorScaleException a ? a.Code.ToString() : ex.GetType().Name;
                ledger.FailedAttempt(now, $"{kind}: {error}");
                if (now - start > settings.RetryDeadline.TotalSeconds)
                {
                    countAttempts?.Invoke(attempts);
                    ledger.Record(new LedgerEntry { User = user, Kind = kind, OperationId = id, Sku = sku, Quantity = quantity, Outcome = Outcome.Unknown, Attempts = attempts, Start = start, End = now, FirstFailure = firstFailure, Error = error, Token = token });
                    return default;
                }

                var backoff = TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempts));
                await Task.Delay(ex is ActorScaleException { RetryAfter: { } asked } && asked > backoff ? asked : backoff);
            }
        }
    }

    private static async Task<bool> Ok(Task call)
    {
        await call;
        return true;
    }

    private static async Task<bool> Ok<T>(Task<T> call)
    {
        await call;
        return true;
    }
}
