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

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
TARGET = os.path.join(BENCH, "target")
BACKLINE_JAR = os.path.join(ROOT, "bndrun", "target", "backline.jar")
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
def started(jar, workdir, ready_url, pin=None, deadline_s=120):
    """Starts the jar (pinned to a core with taskset when asked), yields (process, seconds to ready), stops it."""
    start = time.monotonic()
    command = ((["taskset", "-c", pin] if pin else []) + ["java"] + JAVA_OPTS
               + (BACKLINE_OPTS if jar == BACKLINE_JAR else []) + ["-jar", jar])
    process = subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(workdir, "stderr.log"), "w"))
    try:
        while not ok(ready_url):
            if process.poll() is not None or time.monotonic() - start > deadline_s:
                raise RuntimeError(f"{jar} in {workdir} never got ready (see stderr.log)")
            time.sleep(0.01)
        yield process, time.monotonic() - start
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def run_once(jar, workdir, ready_url, check_url):
    with started(jar, workdir, ready_url) as (process, ready):
        cpu, rss, threads = proc(process.pid)
        if not ok(check_url):
            raise RuntimeError(f"{check_url} did not answer 200")
        return {"ready_s": ready, "cpu_s": cpu, "rss_mib": rss, "threads": threads}


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


def main():
    args = sys.argv[1:]
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

    floor_ready = statistics.median(row["ready_s"] for row in results[("floor", 0)])
    print(f"| configuration | ready, s | ratio to floor | CPU to ready, s | RSS, MiB | threads |")
    print(f"|---|---|---|---|---|---|")
    for (what, n), rows in results.items():
        label = "floor (Felix+SCR+Jetty, 1 servlet)" if what == "floor" else f"Backline, N={n}"
        ratio = statistics.median(row["ready_s"] for row in rows) / floor_ready
        print(f"| {label} | {cell(rows, 'ready_s', '{:.2f}')} | {ratio:.2f}x | {cell(rows, 'cpu_s', '{:.1f}')} "
              f"| {cell(rows, 'rss_mib', '{:.0f}')} | {cell(rows, 'threads', '{:.0f}')} |")


if __name__ == "__main__":
    main()
