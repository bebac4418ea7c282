using ActorScale.Lab.Bench;

namespace ActorScale.Lab.Seed;

/// <summary>What <c>seed --activate</c> measured (memory in MiB per silo; bytes per activation over all silos).</summary>
public sealed record SeedMeasurementReport(
    int Activated,
    double ActivationSeconds,
    double ActivationsPerSecond,
    Latency ColdActivation,
    IReadOnlyDictionary<string, double> RssMiBBefore,
    IReadOnlyDictionary<string, double> RssMiBAfter,
    double BytesPerActivation,
    int SampleUsers,
    LoadResult SessionCheck,
    LoadResult CartRead);
