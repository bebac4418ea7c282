using System.Numerics;

namespace ActorScale.Domain.Sessions;

/// <summary>
/// A fixed-size memo of what is computed from secret text on every request (a token's MAC check, a secret's SHA-256):
/// one slot per hash of the text (the process's randomized string hash), the newest entry winning its slot. A hit
/// compares the whole text in constant time, so the memo only ever answers for the very text it computed; its memory is
/// bounded by the slot count whatever callers send, and a miss costs no more than the computation it stands in for.
/// Only for pure functions of the text: the value must never depend on anything that changes.
/// </summary>
public sealed class SecretMemo<TValue>(int slots = SecretMemo<TValue>.DefaultSlots)
{
    public const int DefaultSlots = 4096;

    private readonly Entry?[] _slots = new Entry?[BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, slots))];

    public TValue GetOrAdd(string text, Func<string, TValue> compute)
    {
        ref var slot = ref _slots[(uint)text.GetHashCode() & (uint)(_slots.Length - 1)];
        if (Volatile.Read(ref slot) is { } entry && TokenSecrets.FixedTimeEquals(entry.Text, text))
        {
            return entry.Value;
        }

        var value = compute(text);
        Volatile.Write(ref slot, new Entry(text, value));
        return value;
    }

    private sealed record Entry(string Text, TValue Value);
}
