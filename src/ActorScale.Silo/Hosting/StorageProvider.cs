namespace ActorScale.Silo.Hosting;

/// <summary>The grain storage backends a silo can use.</summary>
public enum StorageProvider
{
    File,
    Memory,
    Postgres,
}
