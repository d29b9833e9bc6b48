#!/usr/bin/env python3
"""Buckets of perf samples of bench-athanor, by thread and by what they do (notes.md's "where the
time goes"): the kernel frames name the syscall (poll, futex, sched_yield, send/recv), the user
frames the leaf and its callers (decoding, libpq, malloc, the pool's path, the concurrency runtime).

    perf record -e cpu-clock -F 3999 -g -o /tmp/w6.data -- Benchmarks/.build/release/bench-athanor --workload W6
    python3 Benchmarks/experiments/perf_buckets.py /tmp/w6.data ["user: decoding rows into Users" ...]

(on a server seeded as the harness seeds W6; `perf` and `swift demangle` on the PATH). Labels given
after the file list that bucket's leaf functions.
"""
import subprocess, sys, collections
data = sys.argv[1]
raw = subprocess.run(["perf", "script", "-i", data, "-F", "comm,ip,sym,dso"], capture_output=True, text=True).stdout
out = subprocess.run(["swift", "demangle", "--simplified"], input=raw, capture_output=True, text=True).stdout
samples, cur = [], None
for line in out.splitlines():
    if not line.strip():
        if cur: samples.append(cur)
        cur = None
        continue
    if not line.startswith((" ", "\t")):
        if cur: samples.append(cur)
        cur = {"comm": line.split()[0], "frames": []}
    else:
        parts = line.strip().split(None, 1)
        cur["frames"].append(parts[1] if len(parts) > 1 else "")
if cur: samples.append(cur)

def classify(frames):
    kernel = [f for f in frames if "kernel.kallsyms" in f]
    user = [f for f in frames if "kernel.kallsyms" not in f]
    if kernel and frames[0] in kernel:
        k = " ".join(kernel)
        u = " ".join(user[:3])
        if "sched_yield" in k: return "kernel: sched_yield (the idle connection thread spinning)"
        if "futex" in k: return "kernel: futex wait/wake (thread hand-offs)"
        if "poll" in k: return "kernel: poll (waiting for the server)"
        if any(x in k for x in ("sendto", "recvfrom", "tcp_", "sock_", "__sys_send", "__sys_recv")): return "kernel: socket send/recv"
        if "irqentry_exit" in k or "asm_sysvec" in k or "exit_to_user_mode" in k: return "kernel: preempted / interrupts (load)"
        return "kernel: other"
    head = " ".join(frames[:4])
    leaf = frames[0]
    if any(x in head for x in ("postgresBytes", "Row.decode", "Row.cell", "User.table", "decodeAll", "PostgresReader", "_fromUTF8", "_uncheckedFromUTF8", "PGResult.bytes", "User(", "outlined copy of User", "outlined destroy of User")) and "libpq" not in leaf:
        return "user: decoding rows into Users"
    if "libpq" in leaf: return "user: libpq"
    if any(x in leaf for x in ("malloc", "_int_free", "cfree", "free", "unlink_chunk", "_int_realloc")): return "user: malloc/free"
    if any(x in leaf for x in ("swift_retain", "swift_release")): return "user: retain/release"
    if any(x in leaf for x in ("libswift_Concurrency", "libdispatch", "swift_task", "swift_job")): return "user: Swift concurrency runtime"
    if any(x in head for x in ("ConnectionPool", "PoolStateMachine", "LeaseRequest", "Bindings", "StatementCache", "Connection.")): return "user: pool, connection, statement path"
    return "user: other"

counts = collections.Counter(); comms = collections.Counter(); leaves = collections.defaultdict(collections.Counter)
for s in samples:
    comm = s["comm"][:14]
    label = classify(s["frames"])
    counts[(comm, label)] += 1; comms[comm] += 1
    leaves[label][s["frames"][0].split(" (")[0][:70]] += 1
total = sum(comms.values())
print(f"{total} samples")
for comm, n in comms.most_common(3):
    print(f"thread {comm}: {n/total:.1%}")
    for (c, label), k in sorted(counts.items(), key=lambda x: -x[1]):
        if c == comm and k / total >= 0.005:
            print(f"   {k/total:6.1%}  {label}")
if len(sys.argv) > 2:
    for label in sys.argv[2:]:
        print(f"-- leaves of {label}")
        for leaf, k in leaves[label].most_common(12):
            print(f"   {k/total:6.2%}  {leaf}")
