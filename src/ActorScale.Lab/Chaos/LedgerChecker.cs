using System.Collections.Immutable;
using ActorScale.Domain.Carts;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// Replays each user's acknowledged operations, in the order the user issued them, on a model, and compares the model
/// with what the cluster holds: through the grains and straight from PostgreSQL. Pure: unit-tested with doctored
/// histories, because a checker that cannot fail proves nothing.
/// </summary>
public static class LedgerChecker
{
    private const int MaxViolationsListed = 50;

    public static CheckResult Check(
        IReadOnlyList<LedgerEntry> ledger,
        IReadOnlyDictionary<string, ObservedUser> observed,
        IReadOnlyDictionary<string, ImmutableList<string>> forgedTokenStatuses)
    {
        var tally = new Tally();
        foreach (var history in ledger.GroupBy(e => e.User))
        {
            var model = Replay(history.ToList(), tally);
            if (!observed.TryGetValue(history.Key, out var seen))
            {
                tally.Violation(ref tally.Lost, $"{history.Key}: no observed state");
                continue;
            }

            CompareCart(history.Key, "grain", model, seen.GrainCart, seen.GrainVersion, tally);
            CompareCart(history.Key, "PostgreSQL", model, seen.StoredCart, seen.StoredVersion, tally);
            CompareOrders(history.Key, model, seen, tally);
            CompareTokens(history.Key, model, seen, tally);
        }

        foreach (var (user, statuses) in forgedTokenStatuses)
        {
            if (statuses.Any(s => s != "Invalid"))
            {
                tally.Violation(ref tally.UnissuedValid, $"{user}: a token that was never issued was answered {string.Join("/", statuses)}");
            }
        }

        return new CheckResult(tally.Lost, tally.Duplicated, tally.Resurrected, tally.StaleReads, tally.LostSessions, tally.UnissuedValid, tally.Unresolved, tally.Violations);
    }

    private static Model Replay(List<LedgerEntry> history, Tally tally)
    {
        var model = new Model();
        foreach (var entry in history)
        {
            if (entry.Outcome == Outcome.Unknown)
            {
                tally.Violation(ref tally.Unresolved, $"{entry.User}: {entry.Kind} {entry.OperationId} never became definite ({entry.Error})");
                continue;
            }

            if (entry.Outcome != Outcome.Ok)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case OperationKind.Add:
                    model.Cart[entry.Sku!] = model.Cart.GetValueOrDefault(entry.Sku!) + entry.Quantity;
                    model.Version++;
                    break;
                case OperationKind.Set:
                    model.Cart[entry.Sku!] = entry.Quantity;
                    model.Version++;
                    break;
                case OperationKind.Remove:
                    model.Cart.Remove(entry.Sku!);
                    model.Version++;
                    break;
                case OperationKind.Clear:
                    model.Cart.Clear();
                    model.Version++;
                    break;
                case OperationKind.Checkout:
                    if (!SameLines(entry.OrderLines ?? ImmutableDictionary<string, int>.Empty, model.Cart))
                    {
                        tally.Violation(ref tally.StaleReads, $"{entry.User}: order {entry.OrderId} holds {Show(entry.OrderLines)} but the acknowledged cart was {Show(model.Cart)}");
                    }

                    model.Orders.Add((entry.OrderId!, model.Cart.ToImmutableDictionary()));
                    model.Cart.Clear();
                    model.Version++;
                    break;
                case OperationKind.Login:
                    model.Issued.Add(entry.Token!);
                    break;
                case OperationKind.Logout:
                    model.Revoked.Add(entry.Token!);
                    break;
                case OperationKind.RevokeAll:
                    model.Revoked.UnionWith(model.Issued);
                    break;
                case OperationKind.Validate when model.Revoked.Contains(entry.Token!) && entry.Observation == "Valid":
                    tally.Violation(ref tally.Resurrected, $"{entry.User}: a token whose revocation was acknowledged validated at {entry.End:0.0} s");
                    break;
                case OperationKind.Read when entry.Observation != "match":
                    tally.Violation(ref tally.StaleReads, $"{entry.User}: a read at {entry.End:0.0} s missed acknowledged changes ({entry.Observation})");
                    break;
            }
        }

        return model;
    }

    private static void CompareCart(string user, string source, Model model, ImmutableDictionary<string, int> cart, int version, Tally tally)
    {
        if (version > model.Version)
        {
            tally.Violation(ref tally.Duplicated, $"{user} ({source}): {version} changes applied, {model.Version} acknowledged");
        }
        else if (version < model.Version || !SameLines(cart, model.Cart))
        {
            tally.Violation(ref tally.Lost, $"{user} ({source}): cart {Show(cart)} at version {version}, acknowledged {Show(model.Cart)} at version {model.Version}");
        }
    }

    private static void CompareOrders(string user, Model model, ObservedUser seen, Tally tally)
    {
        var acknowledged = model.Orders.Select(o => o.OrderId).ToList();
        var found = seen.GrainOrders.Select(o => o.OrderId).ToList();
        foreach (var missing in acknowledged.Except(found))
        {
            tally.Violation(ref tally.Lost, $"{user}: acknowledged order {missing} is missing");
        }

        if (found.Count > acknowledged.Count || found.Count != found.Distinct().Count())
        {
            tally.Violation(ref tally.Duplicated, $"{user}: {found.Count} orders exist, {acknowledged.Count} were acknowledged");
        }

        foreach (var (orderId, lines) in model.Orders)
        {
            var match = seen.GrainOrders.FirstOrDefault(o => o.OrderId == orderId);
            if (match.Lines is not null && !SameLines(match.Lines, lines))
            {
                tally.Violation(ref tally.Lost, $"{user}: order {orderId} holds {Show(match.Lines)}, acknowledged {Show(lines)}");
            }
        }

        if (!seen.StoredOrderIds.Order().SequenceEqual(acknowledged.Order()))
        {
            tally.Violation(ref tally.Lost, $"{user}: PostgreSQL holds orders [{string.Join(", ", seen.StoredOrderIds)}], acknowledged [{string.Join(", ", acknowledged)}]");
        }
    }

    private static void CompareTokens(string user, Model model, ObservedUser seen, Tally tally)
    {
        foreach (var token in model.Issued)
        {
            var statuses = seen.TokenStatuses.GetValueOrDefault(token) ?? [];
            if (model.Revoked.Contains(token))
            {
                if (statuses.Contains("Valid"))
                {
                    tally.Violation(ref tally.Resurrected, $"{user}: a revoked token validates on a gateway ({string.Join("/", statuses)})");
                }
            }
            else if (statuses.IsEmpty || statuses.Any(s => s != "Valid"))
            {
                tally.Violation(ref tally.LostSessions, $"{user}: an acknowledged, never revoked session is {(statuses.IsEmpty ? "unchecked" : string.Join("/", statuses))}");
            }
        }
    }

    private static bool SameLines(ImmutableDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var q) && q == kv.Value);

    private static string Show(IReadOnlyDictionary<string, int>? lines) =>
        lines is null || lines.Count == 0 ? "{}" : "{" + string.Join(", ", lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}×{l.Value}")) + "}";

    private sealed class Model
    {
        public Dictionary<string, int> Cart { get; } = [];

        public int Version { get; set; }

        public List<(string OrderId, ImmutableDictionary<string, int> Lines)> Orders { get; } = [];

        public List<string> Issued { get; } = [];

        public HashSet<string> Revoked { get; } = [];
    }

    private sealed class Tally
    {
        public int Lost;
        public int Duplicated;
        public int Resurrected;
        public int StaleReads;
        public int LostSessions;
        public int UnissuedValid;
        public int Unresolved;

        public List<string> Violations { get; } = [];

        public void Violation(ref int counter, string text)
        {
            counter++;
            if (Violations.Count < MaxViolationsListed)
            {
                Violations.Add(text);
            }
        }
    }
}
