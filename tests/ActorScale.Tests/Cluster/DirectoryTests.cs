using ActorScale.Abstractions;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// One activation per user while silos leave and join. Orleans' default grain directory is only eventually consistent
/// there: a leaving silo's part of the directory is lost (its grains on the other silos are destroyed and come back
/// from storage), and a joining silo serves its part before it has the entries, so a second copy of a live grain can
/// answer beside the first (dotnet/orleans#5112, #9074). The silos use the strongly consistent directory instead
/// (<c>DirectoryExtensions</c>); this test fails with the default one.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class DirectoryTests(RealClusterFixture cluster)
{
    private const int Users = 90;
    private const int Callers = 6;

    [Fact]
    public async Task DrainAndRejoin_UnderCalls_OnlyTheDrainedSilosUsersMove_AndNoUserIsAnsweredByTwoActivations()
    {
        // One at a time: the password gate refuses a burst of hashes.
        var users = new List<string>();
        for (var i = 0; i < Users; i++)
        {
            users.Add(TestUsers.NewId("directory"));
            await cluster.Client.Session(users[^1]).RegisterAsync(TestUsers.Password, Guid.NewGuid());
        }

        var before = await Task.WhenAll(users.Select(u => cluster.Client.Session(u).LocateAsync()));
        var drained = cluster.RunningSilos().First(s => before.Any(l => l.SiloName == s.Name));
        var seen = users.ToDictionary(u => u, _ => new Answers());

        using var stop = new CancellationTokenSource();
        var calling = Task.WhenAll(Enumerable.Range(0, Callers).Select(w => CallAsync([.. users.Where((_, i) => i % Callers == w)], seen, stop.Token)));
        await Eventually.ReturnsAsync("every user answered once more since the calls started", () => Task.FromResult(seen.Values.Min(a => a.Count)), n => n >= 1, TimeSpan.FromSeconds(30));

        await cluster.Launcher.StopSiloAsync(drained.Name);
        var afterDrain = Answers.Latest;
        await Eventually.ReturnsAsync($"every user answered after {drained.Name} was drained", () => Task.FromResult(seen.Values.Min(a => a.CountSince(afterDrain))), n => n >= 2, TimeSpan.FromSeconds(30));
        await cluster.Launcher.RestartSiloAsync(drained.Name, CancellationToken.None);
        var afterJoin = Answers.Latest;
        await Eventually.ReturnsAsync($"every user answered after {drained.Name} joined again", () => Task.FromResult(seen.Values.Min(a => a.CountSince(afterJoin))), n => n >= 3, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await calling;

        var moved = users.Where((u, i) => before[i].SiloName != drained.Name && seen[u].Activations.Count > 1).ToList();
        Assert.True(moved.Count == 0, $"{moved.Count} of the users not on {drained.Name} changed activation: {string.Join("; ", moved.Take(3).Select(u => seen[u]))}");
        var twice = users.Where(u => seen[u].Interleaved).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} users were answered by an older activation after a newer one: {string.Join("; ", twice.Take(3).Select(u => seen[u]))}");
        var fromDrained = users.Where((_, i) => before[i].SiloName == drained.Name).ToList();
        Assert.NotEmpty(fromDrained);
        Assert.All(fromDrained, u => Assert.NotEqual(drained.Name, seen[u].Activations[^1].SiloName));
    }

    /// <summary>Asks each user where it lives, one call at a time per user, until stopped; failures (a gateway going away) are skipped.</summary>
    private async Task CallAsync(List<string> users, Dictionary<string, Answers> seen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var user in users)
            {
                try
                {
                    seen[user].Add(await cluster.Client.Session(user).LocateAsync());
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    await Task.Delay(20, CancellationToken.None);
                }
                catch (Exception)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One user's answers in order: the activations that answered, and whether an older one answered after a newer one.</summary>
    private sealed class Answers
    {
        private static long _sequence;
        private readonly List<long> _when = [];

        /// <summary>The number of the latest answer of any user.</summary>
        public static long Latest => Interlocked.Read(ref _sequence);

        public List<GrainLocation> Activations { get; } = [];

        public bool Interleaved { get; private set; }

        public int Count
        {
            get
            {
                lock (this)
                {
                    return _when.Count;
                }
            }
        }

        public void Add(GrainLocation location)
        {
            lock (this)
            {
                _when.Add(Interlocked.Increment(ref _sequence));
                var index = Activations.FindIndex(a => a.SiloName == location.SiloName && a.ActivatedAt == location.ActivatedAt);
                if (index < 0)
                {
                    Activations.Add(location);
                }
                else if (index < Activations.Count - 1)
                {
                    Interleaved = true;
                }
            }
        }

        /// <summary>This user's answers after answer number <paramref name="latest"/> of any user.</summary>
        public int CountSince(long latest)
        {
            lock (this)
            {
                return _when.Count(w => w > latest);
            }
        }

        public override string ToString()
        {
            lock (this)
            {
                return string.Join(" → ", Activations.Select(a => $"{a.SiloName}@{a.ActivatedAt:HH:mm:ss.fff}"));
            }
        }
    }
}
