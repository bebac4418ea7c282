#!/usr/bin/env python3
"""
Where the server processes' CPU goes, from a whole-machine `perf record` taken during a bench workload.

    export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0    # so perf can name JIT-compiled .NET code
    ./actorscale bench --designs grains-http --workloads cart-read --duration 40s ... &   # the servers inherit both
    ps -eo pid,args > ps.txt                                          # once the measured window has begun
    perf record -a -F 499 -o perf.data -- sleep 20
    perf script -i perf.data -F comm,pid,tid,ip,sym,dso | gzip > script.txt.gz
    docs/profile/perf-shares.py ps.txt script.txt.gz --rps 6777 --seconds 20 --hz 499

Prints each process role's share of the samples (silo, stateless server, nginx, load generator, Redis, PostgreSQL),
then the servers' samples by kind of code, as a share and, given the requests per second served while perf ran, as
microseconds of CPU per request. A profile explains a figure; it does not measure it (one run, sampling error).
"""
import argparse, collections, gzip, re

def role_of(args):
    for needle, role in (("ActorScale.Silo", "silo"), ("ActorScale.Baseline", "server"), ("nginx", "nginx"),
                         ("actorscale", "load generator"), ("postgres", "postgres"), ("redis", "redis")):
        if needle in args:
            return role
    return "other"

def kind_of(thread, dso, sym):
    if "Tiered" in thread:
        return "JIT compiler thread (tiered re-jit)"
    if "kernel" in dso:
        if re.search(r"futex|schedule|switch_to|finish_task_switch|try_to_wake|wake_up|ttwu|_raw_spin_unlock_irqrestore|irqentry_exit|sched_yield", sym):
            return "kernel: context switches, wake-ups"
        if re.search(r"tcp|sock|skb|epoll|ep_|inet|ip_|nf_|net_|sendmsg|recvmsg|loopback", sym):
            return "kernel: sockets, TCP, epoll"
        return "kernel: other"
    if "libcrypto" in dso or "libssl" in dso:
        return "OpenSSL"
    if re.search(r"libcoreclr|libclrjit|libSystem|libc\.so|ld-linux|libstdc|libgcc", dso):
        return "runtime: native (VM, GC, stubs, libc)"
    for pattern, kind in ((r"\bOrleans", "Orleans"), (r"Microsoft\.AspNetCore|Microsoft\.Extensions", "ASP.NET Core, Extensions"),
                          (r"ActorScale\.", "ActorScale (ours)"), (r"OpenTelemetry|System\.Diagnostics\.Metrics", "metrics"),
                          (r"System\.Threading|CompilerServices|ThreadPool", "tasks, thread pool"),
                          (r"System\.Text\.Json", "JSON"), (r"System\.", "BCL other")):
        if re.search(pattern, sym):
            return kind
    return "other"

parser = argparse.ArgumentParser()
parser.add_argument("ps"); parser.add_argument("script")
parser.add_argument("--rps", type=float); parser.add_argument("--seconds", type=float, default=20); parser.add_argument("--hz", type=float, default=499)
a = parser.parse_args()
roles = {}
for line in open(a.ps):
    parts = line.strip().split(None, 1)
    if len(parts) == 2 and parts[0].isdigit():
        roles[int(parts[0])] = role_of(parts[1])
by_role, by_kind, total = collections.Counter(), collections.Counter(), 0
for line in gzip.open(a.script, "rt", errors="replace"):
    m = re.match(r"^\s*(.*?)\s+(\d+)/(\d+)\s+(.*)$", line)
    if not m:
        continue
    thread, pid, rest = m.group(1), int(m.group(2)), m.group(4)
    d = re.search(r"\(([^()]*)\)\s*$", rest)
    dso, sym = (d.group(1), rest[:d.start()]) if d else ("", rest)
    sym = re.sub(r"^\s*[0-9a-f]+\s+", "", sym)
    role = roles.get(pid, "idle" if pid == 0 else "other")
    total += 1
    by_role[role] += 1
    if role in ("silo", "server"):
        by_kind[(role, kind_of(thread, dso, sym))] += 1
print(f"{total} samples")
for role, n in by_role.most_common():
    print(f"  {role:16s} {n / total:6.1%}")
for role in ("silo", "server"):
    n_role = by_role[role]
    if not n_role:
        continue
    per = lambda n: f", {n / a.hz / (a.rps * a.seconds) * 1e6:5.1f} µs per request" if a.rps else ""
    print(f"{role}s, by kind of code:")
    for (r, kind), n in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        if r == role:
            print(f"  {kind:38s} {n / n_role:6.1%}{per(n)}")
    print(f"  {'all':38s} {1:6.1%}{per(n_role)}")
