namespace ActorScale.Lab.Chaos;

/// <summary>
/// What <c>chaos --flood N</c> did and what it cost (README, "Security"): N anonymous clients registering and logging
/// in and N sending forged tokens, from 127.0.0.2-254, for the whole run beside the honest virtual users; then a burst
/// of forged tokens for users that were never registered, counted against the cluster's activations and PostgreSQL.
/// </summary>
/// <param name="Clients">Flood clients of each kind.</param>
/// <param name="Answers">Flood requests by "kind status" (<c>register 201</c>, <c>login 429</c>, <c>forged 401</c>, <c>register error</c>...).</param>
/// <param name="ForgedProbeRequests">Forged-token requests of the burst after the load.</param>
/// <param name="ForgedProbeAnswers">Their answers by status.</param>
/// <param name="UserActivationsBefore">User grain activations in the cluster before the burst.</param>
/// <param name="UserActivationsAfter">And after it.</param>
/// <param name="ProbeStatements">PostgreSQL statements of the application role during the burst (reads, writes, control), or null without pg_stat_statements.</param>
/// <param name="SilosSuspected">Suspicions written into the membership table during the run.</param>
/// <param name="SilosDeclaredDead">Silos declared dead during the run.</param>
public sealed record FloodStats(
    int Clients,
    IReadOnlyDictionary<string, long> Answers,
    int ForgedProbeRequests,
    IReadOnlyDictionary<string, long> ForgedProbeAnswers,
    int UserActivationsBefore,
    int UserActivationsAfter,
    long[]? ProbeStatements,
    int SilosSuspected,
    int SilosDeclaredDead);
