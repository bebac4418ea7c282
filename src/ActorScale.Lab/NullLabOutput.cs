namespace ActorScale.Lab;

/// <summary>The output of tests and quiet runs: says nothing, shows nothing, runs the work as it is.</summary>
internal sealed class NullLabOutput : ILabOutput
{
    public bool Interactive => false;

    public void Say(string markup)
    {
    }

    public Task<T> SpinAsync<T>(string title, Func<Task<T>> work) => work();

    public Task<T> LiveAsync<T>(Func<LabProgress> progress, Func<Task<T>> work) => work();
}
