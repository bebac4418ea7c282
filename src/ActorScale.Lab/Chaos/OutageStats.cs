namespace ActorScale.Lab.Chaos;

/// <summary>What the load saw while Redis or PostgreSQL was down.</summary>
/// <param name="Target">redis or postgres.</param>
/// <param name="From">Start of the outage (s).</param>
/// <param name="To">End of the outage (s).</param>
/// <param name="ReadsServed">Reads (cart reads, token checks) acknowledged during the outage.</param>
/// <param name="WritesAcknowledged">Changes acknowledged during the outage (must be 0 for PostgreSQL).</param>
/// <param name="FailedAttempts">Attempts that failed during the outage (then retried with their operation ids).</param>
/// <param name="SilosAlive">Silo processes still running at the end of the outage.</param>
/// <param name="ProbeReadsOk">Reads of already-active carts by a probe during the outage that succeeded.</param>
/// <param name="ProbeReadsFailed">Probe reads that failed.</param>
public sealed record OutageStats(string Target, double From, double To, int ReadsServed, int WritesAcknowledged, long FailedAttempts, int SilosAlive, int ProbeReadsOk, int ProbeReadsFailed);
