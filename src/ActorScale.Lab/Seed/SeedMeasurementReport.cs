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
    LoadResult CartRead,
    int UserGrainsInMemoryAfter,
    IReadOnlyList<SiloMemoryOutcome> Silos);

/// <summary>
/// One silo at the end of <c>seed --activate</c>: still the process it was at the start, its memory limit when it has
/// one (<c>cluster up --silo-memory</c>), what its cgroup is charged with and how many OOM kills the kernel counted there.
/// </summary>
public sealed record SiloMemoryOutcome(string Silo, bool SameProcess, double? LimitMiB, double? ChargedMiB, long OomKills);
