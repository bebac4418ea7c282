namespace ActorScale.Lab.Bench;

/// <summary>
/// Revocation lag: after a revoke-all is acknowledged, each server is asked until it refuses the token. 0 means the first
/// request after the acknowledgement was refused by every server; null means some server still accepted the token when
/// the window ended (it stays valid until it expires).
/// </summary>
public sealed record RevocationResult(int Samples, int Servers, int RefusedEverywhere, double? MedianLagMs, double? MaxLagMs, double WindowSeconds)
{
    public string Summary => Samples == 0
        ? "not measured"
        : RefusedEverywhere < Samples
            ? $"never within {WindowSeconds:0.#} s ({Samples - RefusedEverywhere}/{Samples} revoked tokens still accepted: valid until they expire)"
            : MaxLagMs == 0
                ? $"0 ms (every server refused on the first request after the acknowledgement, {Samples} revocations)"
                : $"median {MedianLagMs:0.#} ms, max {MaxLagMs:0.#} ms ({Samples} revocations)";
}
