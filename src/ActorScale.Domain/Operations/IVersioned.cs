namespace ActorScale.Domain.Operations;

/// <summary>A persisted state that counts the changes applied to it.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
