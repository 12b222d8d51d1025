#!/usr/bin/env python3
"""Startup benchmark: Backline with N generated plugins (each a plugin bundle, an extension point library and a module
bundle) against the bare floor (Felix + SCR + Jetty serving one whiteboard servlet), runs interleaved.

    bench/run.py [--runs R] [N ...]                  (default: --runs 5, N = 1 10 100)
    bench/run.py --throughput [--runs R] [N]         (default: --runs 3, N = 10)
    BENCH_REST=1 bench/run.py ...                    the plugins serve a Jakarta REST resource instead of a servlet

For each run: wall time from process start to the first 200 of readiness (Backline) or of /api/p0/hello (floor), the
process's CPU seconds at that moment, resident memory and live threads right after; then GET /api/p0/hello must answer
200. Prints a Markdown table (median and min-max) and writes bench/target/results.csv.

--throughput: the server pinned to core 0 (taskset), wrk on core 1 (1 thread, 16 connections), 5 s of warm-up then 10 s
measured against GET /api/p0/hello: requests per second, p50 and p99 latency, failed requests, and requests per
second of the server's CPU; Backline at N plugins against the floor's bare servlet.
"""
import contextlib
import csv
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

import live

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
TARGET = os.path.join(BENCH, "target")
# The container without the example plugins (bndrun/backline-container.bndrun): a backend of the N plugins alone.
BACKLINE_JAR = os.path.join(ROOT, "bndrun", "target", os.environ.get("BENCH_JAR", "backline-container.jar"))
# With the examples: the soak cycles the catalog's processor module.
DEMO_JAR = os.path.join(ROOT, "bndrun", "target", "backline.jar")
FLOOR_JAR = os.path.join(BENCH, "floor", "target", "floor.jar")
TICK = os.sysconf("SC_CLK_TCK")
PORT = 7007
FLOOR_PORT = 7017
# JVM options for every server started (Backline and the floor alike), e.g. BENCH_JAVA_OPTS="-XX:TieredStopAtLevel=1"
JAVA_OPTS = os.environ.get("BENCH_JAVA_OPTS", "").split()
BACKLINE_OPTS = os.environ.get("BENCH_BACKLINE_OPTS", "").split()  # only for Backline, e.g. -D settings


def ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except Exception:
        return False


def proc(pid):
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    status = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            status[key] = value.strip()
    return cpu, int(status["VmRSS"].split()[0]) / 1024, int(status["Threads"])


@contextlib.contextmanager
def started(jar, workdir, ready_url, pin=None, deadline_s=120, extra=()):
    """Starts the jar (pinned to a core with taskset when asked), yields (process, seconds to ready), stops it."""
    start = time.monotonic()
    command = ((["taskset", "-c", pin] if pin else []) + ["java"] + JAVA_OPTS
               + (BACKLINE_OPTS if jar != FLOOR_JAR else []) + list(extra) + ["-jar", jar])
    process = subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(workdir, "stderr.log"), "w"))
    try:
        while not ok(ready_url):
            if process.poll() is not None or time.monotonic() - start > deadline_s:
                raise RuntimeError(f"{jar} in {workdir} never got ready (see stderr.log)")
            time.sleep(0.01)
        yield process, time.monotonic() - start
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def run_once(jar, workdir, ready_url, check_url):
    launched = time.time()
    with started(jar, workdir, ready_url) as (process, ready):
        cpu, rss, threads = proc(process.pid)
        if not ok(check_url):
            raise RuntimeError(f"{check_url} did not answer 200")
        result = {"ready_s": ready, "cpu_s": cpu, "rss_mib": rss, "threads": threads}
    if jar != FLOOR_JAR:
        result["phases"] = phases(os.path.join(workdir, "stderr.log"), launched, launched + ready)
    return result


# Where a start's time goes, read from the timestamps of its log: (phase, the line that ends it; None: readiness).
PHASES = [
    ("JVM, framework, launch bundles up to the log", "WARN  backline - No app-config.yaml|Loaded config from"),
    ("launch bundles up to the host (ConfigAdmin, SCR, host)", "backline - HTTP server listens"),
    ("up to FileInstall's first install (rest of the launch, first scan)", "Installing bundle"),
    ("FileInstall installs deploy/", "LAST:Installing bundle"),
    ("FileInstall starts them (resolve, SCR components)", "LAST:Started bundle"),
    ("host: deploy/ settled, services activated, quiet period", "Plugin initialization started"),
    ("plugin starts (modules, inits)", "Plugin initialization complete"),
    ("readiness answers", None),
]


def phases(log, launched, ready):
    """Seconds per phase of PHASES; a phase whose line is missing (no deploy/ bundles) counts 0."""
    import datetime
    import re
    stamps = []
    with open(log, errors="replace") as fh:
        lines = [(line[:23], line) for line in fh if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", line)]

    def when(stamp):
        return datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").timestamp()

    previous = launched
    result = []
    for name, marker in PHASES:
        if marker is None:
            at = ready
        else:
            last = marker.startswith("LAST:")
            pattern = re.compile(marker[5:] if last else marker)
            found = [when(stamp) for stamp, line in lines if pattern.search(line)]
            at = (found[-1] if last else found[0]) if found else previous
        at = max(at, previous)
        result.append(at - previous)
        previous = at
    return result


def wrk(url, seconds):
    output = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c16", f"-d{seconds}s", "--latency", url],
                            check=True, capture_output=True, text=True).stdout
    result = {"errors": 0}
    for line in output.splitlines():
        parts = line.split()
        if line.strip().startswith("Requests/sec:"):
            result["rps"] = float(parts[1])
        elif line.strip().startswith("50%"):
            result["p50_ms"] = latency_ms(parts[1])
        elif line.strip().startswith("99%"):
            result["p99_ms"] = latency_ms(parts[1])
        elif "Non-2xx or 3xx responses" in line:
            result["errors"] += int(parts[-1])
        elif line.strip().startswith("Socket errors"):
            result["errors"] += sum(int(p.rstrip(",")) for p in parts if p.rstrip(",").isdigit())
        elif "requests in" in line:
            result["requests"] = int(parts[0])
    return result


def latency_ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * factor
    return float(text)


def throughput_once(jar, workdir, ready_url, url):
    with started(jar, workdir, ready_url, pin="0") as (process, _):
        wrk(url, 5)  # warm-up: JIT and pools
        cpu_before = proc(process.pid)[0]
        result = wrk(url, 10)
        result["req_per_cpu_s"] = result["requests"] / max(proc(process.pid)[0] - cpu_before, 0.01)
        return result


def throughput(runs, n):
    floor_dir = os.path.join(TARGET, "run-floor")
    os.makedirs(floor_dir, exist_ok=True)
    floor_url = f"http://127.0.0.1:{FLOOR_PORT}/api/p0/hello"
    rows = {"floor": [], "backline": []}
    for r in range(runs):
        rows["floor"].append(throughput_once(FLOOR_JAR, floor_dir, floor_url, floor_url))
        rows["backline"].append(throughput_once(BACKLINE_JAR, backline_dir(n),
                                                f"http://127.0.0.1:{PORT}/.backstage/health/v1/readiness",
                                                f"http://127.0.0.1:{PORT}/api/p0/hello"))
        print(f"round {r + 1}/{runs} done", file=sys.stderr)
    floor_rps = statistics.median(row["rps"] for row in rows["floor"])
    print("| server (1 core) | requests/s | ratio to floor | p50, ms | p99, ms | failed | requests per CPU-s |")
    print("|---|---|---|---|---|---|---|")
    for name, label in (("floor", "floor servlet"), ("backline", f"Backline, N={n}")):
        rs = rows[name]
        med = lambda key: statistics.median(row[key] for row in rs)
        print(f"| {label} | {med('rps'):.0f} ({min(r['rps'] for r in rs):.0f}-{max(r['rps'] for r in rs):.0f}) "
              f"| {med('rps') / floor_rps:.2f}x | {med('p50_ms'):.2f} | {med('p99_ms'):.2f} "
              f"| {sum(r['errors'] for r in rs)} | {med('req_per_cpu_s'):.0f} |")


def workload(n):
    rest = os.environ.get("BENCH_REST") == "1"
    bundles = os.path.join(TARGET, f"workload-{'rest-' if rest else ''}{n}")
    if not os.path.isdir(bundles):
        subprocess.run([sys.executable, os.path.join(BENCH, "generate.py")] + (["--rest"] if rest else []) + [str(n), bundles],
                       check=True)
    return bundles


def backline_dir(n):
    workdir = os.path.join(TARGET, f"run-{n}")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(os.path.join(workdir, "deploy"))
    for name in os.listdir(workload(n)):
        shutil.copy(os.path.join(workload(n), name), os.path.join(workdir, "deploy", name))
    return workdir


def backline_url(path):
    return f"http://127.0.0.1:{PORT}{path}"


def live_server(workdir, extra=(), jar=BACKLINE_JAR):
    """A function starting Backline in workdir (see started()), for the scenarios of live.py."""
    return lambda: started(jar, workdir, backline_url("/.backstage/health/v1/readiness"), extra=extra)


def hot(runs, n):
    """Hot install at N plugins: p0's module is held back from deploy/ at launch, then installed and uninstalled."""
    workdir = backline_dir(n)
    held = os.path.join(workdir, "held", "p0-module.jar")
    os.makedirs(os.path.dirname(held))
    shutil.move(os.path.join(workdir, "deploy", "p0-module.jar"), held)
    result = live.hot_install(live_server(workdir, [f"-Dbackline.shell.port={live.SHELL_PORT}"]), workdir, PORT, held, runs)
    requests, failed = result["client"]
    print(f"Hot install at N={n}, {runs} rounds; a client of p1 meanwhile: {requests} requests, {failed} not 200")
    print("| how | install -> greeting served, ms | uninstall -> greeting gone, ms |")
    print("|---|---|---|")
    print(f"| jar into deploy/ (FileInstall polls every 200 ms) | {live.median_range(result['deploy_install'])} "
          f"| {live.median_range(result['deploy_uninstall'])} |")
    print(f"| felix:install + felix:start / felix:uninstall (command port) | {live.median_range(result['port_install'])} "
          f"| {live.median_range(result['port_uninstall'])} |")


def restart(runs, n):
    """Full restart at N plugins: SIGTERM to exit, then a new process to readiness, in the same directory."""
    stops, starts = live.full_restart(live_server(backline_dir(n)), runs)
    totals = [a + b for a, b in zip(stops, starts)]
    print(f"Full restart at N={n}, {runs} rounds (median, range)")
    print("| stop (SIGTERM -> exit), s | start again -> ready, s | restart, s |")
    print("|---|---|---|")
    print(f"| {live.median_range(stops, '{:.2f}', 1)} | {live.median_range(starts, '{:.2f}', 1)} "
          f"| {live.median_range(totals, '{:.2f}', 1)} |")


SOAK_CONFIG = """# bench/run.py --soak: the plugins' databases on the local PostgreSQL, so their connections can be counted.
backend:
  database:
    client: pg
    connection:
      host: 127.0.0.1
      port: 5432
      user: postgres
"""


def soak(cycles, n):
    workdir = backline_dir(n)
    with open(os.path.join(workdir, "app-config.yaml"), "w") as fh:
        fh.write(SOAK_CONFIG)
    via_deploy = os.environ.get("BENCH_SOAK_VIA") == "deploy"
    result = live.soak(live_server(workdir, [f"-Dbackline.shell.port={live.SHELL_PORT}"], DEMO_JAR), workdir, PORT, cycles,
                       via_deploy=via_deploy)
    print(f"Soak at N={n} ({'deploy/' if via_deploy else 'command port'}): {cycles} cycles of uninstalling and installing the catalog's processor module in "
          f"{result['seconds']:.0f} s; a client of p1 and example meanwhile: {result['requests']} requests, "
          f"{result['failed']} not 200 {result['failures']}")
    print("| | threads | heap after GC, MiB | classes loaded (net) | PostgreSQL connections |")
    print("|---|---|---|---|---|")
    for label, state in (("before", result["before"]), ("after", result["after"])):
        print(f"| {label} | {state['threads']} | {state['heap_mib']:.1f} "
              f"| {state['classes_loaded'] - state['classes_unloaded']} | {state['pg_connections']} |")
    print("every 100 cycles (cycle, s, threads, heap MiB, classes, connections):", result["progress"])


def main():
    args = sys.argv[1:]
    for mode, default_n, default_runs, function in (("--hot", 100, 5, hot), ("--restart", 100, 3, restart),
                                                    ("--soak", 10, 1000, soak)):
        if args[:1] == [mode]:
            args = args[1:]
            runs = default_runs
            if args[:1] in (["--runs"], ["--cycles"]):
                runs, args = int(args[1]), args[2:]
            os.makedirs(TARGET, exist_ok=True)
            function(runs, int(args[0]) if args else default_n)
            return
    if args[:1] == ["--throughput"]:
        args = args[1:]
        runs = 3
        if args[:1] == ["--runs"]:
            runs, args = int(args[1]), args[2:]
        os.makedirs(TARGET, exist_ok=True)
        throughput(runs, int(args[0]) if args else 10)
        return
    runs = 5
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [1, 10, 100]
    for jar in (BACKLINE_JAR, FLOOR_JAR):
        if not os.path.isfile(jar):
            sys.exit(f"{jar} is missing: run bench/run.sh, which builds it")
    os.makedirs(TARGET, exist_ok=True)
    results = {("floor", 0): []}
    results.update({("backline", n): [] for n in sizes})
    floor_dir = os.path.join(TARGET, "run-floor")
    os.makedirs(floor_dir, exist_ok=True)
    for r in range(runs):  # interleaved: every configuration once per round
        results[("floor", 0)].append(run_once(FLOOR_JAR, floor_dir, f"http://127.0.0.1:{FLOOR_PORT}/api/p0/hello",
                                              f"http://127.0.0.1:{FLOOR_PORT}/api/p0/hello"))
        for n in sizes:
            results[("backline", n)].append(run_once(BACKLINE_JAR, backline_dir(n),
                                                     f"http://127.0.0.1:{PORT}/.backstage/health/v1/readiness",
                                                     f"http://127.0.0.1:{PORT}/api/p0/hello"))
        print(f"round {r + 1}/{runs} done", file=sys.stderr)
    with open(os.path.join(TARGET, "results.csv"), "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["what", "n", "run", "ready_s", "cpu_s", "rss_mib", "threads"])
        for (what, n), rows in results.items():
            for i, row in enumerate(rows):
                out.writerow([what, n, i + 1, f"{row['ready_s']:.3f}", f"{row['cpu_s']:.2f}", f"{row['rss_mib']:.0f}", row["threads"]])

    def cell(rows, key, fmt):
        values = [row[key] for row in rows]
        return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"

    print("Where the time to ready goes (median seconds per phase, from the log's timestamps):", file=sys.stderr)
    sized = [(n, rows) for (what, n), rows in results.items() if what == "backline"]
    breakdown = ["| phase | " + " | ".join(f"N={n}" for n, _ in sized) + " |", "|---|" + "---|" * len(sized)]
    for i, (name, _) in enumerate(PHASES):
        breakdown.append(f"| {name} | " + " | ".join(f"{statistics.median(r['phases'][i] for r in rows):.2f}"
                                                     for _, rows in sized) + " |")
    with open(os.path.join(TARGET, "breakdown.md"), "w") as fh:
        fh.write("\n".join(breakdown) + "\n")

    floor_ready = statistics.median(row["ready_s"] for row in results[("floor", 0)])
    print(f"| configuration | ready, s | ratio to floor | CPU to ready, s | RSS, MiB | threads |")
    print(f"|---|---|---|---|---|---|")
    for (what, n), rows in results.items():
        label = "floor (Felix+SCR+Jetty, 1 servlet)" if what == "floor" else f"Backline, N={n}"
        ratio = statistics.median(row["ready_s"] for row in rows) / floor_ready
        print(f"| {label} | {cell(rows, 'ready_s', '{:.2f}')} | {ratio:.2f}x | {cell(rows, 'cpu_s', '{:.1f}')} "
              f"| {cell(rows, 'rss_mib', '{:.0f}')} | {cell(rows, 'threads', '{:.0f}')} |")
    print()
    print("\n".join(breakdown))


if __name__ == "__main__":
    main()
