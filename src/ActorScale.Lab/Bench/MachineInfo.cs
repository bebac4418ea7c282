namespace ActorScale.Lab.Bench;

/// <summary>The machine and the versions of everything that ran.</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string Os, string Dotnet, string Orleans, string Redis, string Postgres, string Nginx)
{
    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {MemoryGiB:0} GiB, {Os}; {Dotnet}, Orleans {Orleans}, Redis {Redis}, PostgreSQL {Postgres}, nginx {Nginx}";
}
