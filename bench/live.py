"""Scenarios against a running Backline (bench/run.py --hot, --restart, --soak): hot install, full restart, and a soak of
install/uninstall cycles, each with a client of other plugins counting the requests that did not get a 200.

Bundles are installed two ways: by dropping the jar into deploy/ (what an operator does; FileInstall polls every 200 ms)
and through the command port with felix:install and felix:start (the framework's own install, no polling).
"""
import glob
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHELL_PORT = 7070


def get(url, timeout=5):
    """(status, parsed JSON body or None); status 0 when no HTTP answer came."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            return response.status, (json.loads(body) if body else None)
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception:
        return 0, None


class Client(threading.Thread):
    """Requests the given URLs in turn, as fast as it can, counting answers other than 200."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self.urls, self.requests, self.failed, self.failures = urls, 0, 0, []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for url in self.urls:
                status, _ = get(url)
                self.requests += 1
                if status != 200:
                    self.failed += 1
                    self.failures.append((time.time(), url, status))

    def stop(self):
        self.stopping.set()
        self.join(10)
        return self.requests, self.failed


def wait_for(what, probe, deadline_s=60, interval=0.002):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        value = probe()
        if value:
            return value
        time.sleep(interval)
    raise RuntimeError(f"timed out waiting for {what}")


class CommandPort:
    """The backend's command port (README, Gogo commands): the token line, then one command per connection."""

    def __init__(self, workdir):
        self.token_file = os.path.join(workdir, "data", "shell.token")

    def run(self, command):
        with open(self.token_file) as fh:
            token = fh.read().strip()
        with socket.create_connection(("127.0.0.1", SHELL_PORT), timeout=30) as s:
            s.sendall(f"{token}\n{command}\n".encode())
            s.shutdown(socket.SHUT_WR)
            out = b""
            while chunk := s.recv(65536):
                out += chunk
        text = out.decode()
        if text.startswith("Error:"):
            raise RuntimeError(f"{command}: {text.strip()}")
        return text

    def install_and_start(self, jar):
        """felix:install, then felix:start (install -s leaves the bundle installed here); returns the bundle id."""
        bundle_id = re.search(r"Bundle ID: (\d+)", self.run(f"felix:install file:{jar}")).group(1)
        self.run(f"felix:start {bundle_id}")
        return bundle_id


def greetings(port, plugin):
    status, body = get(f"http://127.0.0.1:{port}/api/{plugin}/hello")
    return body.get("greetings") if status == 200 and body else None


def hot_install(start_server, workdir, port, held_jar, rounds):
    """The p0 module's jar goes into deploy/ and leaves again, then the same through felix:install/uninstall, `rounds`
    times each, while a client of plugin p1 runs. Returns the timings (seconds) and the client's counts."""
    deploy = os.path.join(workdir, "deploy")
    target = os.path.join(deploy, os.path.basename(held_jar))
    result = {"deploy_install": [], "deploy_uninstall": [], "port_install": [], "port_uninstall": []}
    with start_server() as (process, _):
        client = Client([f"http://127.0.0.1:{port}/api/p1/hello"])
        client.start()
        shell = CommandPort(workdir)
        for _ in range(rounds):
            staged = os.path.join(workdir, "staged.tmp")
            shutil.copy(held_jar, staged)
            t0 = time.monotonic()
            os.rename(staged, target)  # one atomic step, as FileInstall should see it
            wait_for("the module's greeting", lambda: greetings(port, "p0"))
            result["deploy_install"].append(time.monotonic() - t0)
            t0 = time.monotonic()
            os.remove(target)
            wait_for("the greeting to go", lambda: greetings(port, "p0") == [])
            result["deploy_uninstall"].append(time.monotonic() - t0)

            t0 = time.monotonic()
            bundle_id = shell.install_and_start(os.path.abspath(held_jar))
            wait_for("the module's greeting", lambda: greetings(port, "p0"))
            result["port_install"].append(time.monotonic() - t0)
            t0 = time.monotonic()
            shell.run(f"felix:uninstall {bundle_id}")
            wait_for("the greeting to go", lambda: greetings(port, "p0") == [])
            result["port_uninstall"].append(time.monotonic() - t0)
        result["client"] = client.stop()
    return result


def full_restart(start_server, rounds):
    """Stops a ready backend with SIGTERM and starts it again in the same directory. Returns (stop s, start s)."""
    stops, starts = [], []
    for _ in range(rounds):
        with start_server() as (process, _):
            t0 = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(60)
            stops.append(time.monotonic() - t0)
        with start_server() as (_, ready):
            starts.append(ready)
    return stops, starts


def jvm_state(pid):
    """Threads, heap used after a full GC (MiB), loaded classes, unloaded classes."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    gc = subprocess.run(["jstat", "-gc", str(pid)], check=True, capture_output=True, text=True).stdout.split("\n")
    names, values = gc[0].split(), [float(v) for v in gc[1].split()]
    used = sum(v for n, v in zip(names, values) if n in ("S0U", "S1U", "EU", "OU")) / 1024
    classes = subprocess.run(["jstat", "-class", str(pid)], check=True, capture_output=True, text=True).stdout.split("\n")
    cols = classes[1].split()
    with open(f"/proc/{pid}/status") as fh:
        threads = int(next(line for line in fh if line.startswith("Threads:")).split()[1])
    return {"threads": threads, "heap_mib": used, "classes_loaded": int(cols[0]), "classes_unloaded": int(cols[2])}


def pg_connections():
    """Connections to the plugins' PostgreSQL databases (backstage_plugin_*)."""
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
                          "select count(*) from pg_stat_activity where datname like 'backstage_plugin_%'"],
                         check=True, capture_output=True, text=True).stdout
    return int(out.strip())


def soak(start_server, workdir, port, cycles, report_every=100, via_deploy=False):
    """Uninstalls and installs the catalog's processor module `cycles` times through the command port, or by removing
    and copying its jar in deploy/ (FileInstall, which refreshes the framework after an uninstall) when `via_deploy`.
    Each cycle restarts the catalog twice, with its PostgreSQL pool and migrations, while a client of other plugins
    runs."""
    processor = glob.glob(os.path.join(ROOT, "example-bundles", "catalog-processor", "target",
                                       "dev.backline.example.catalog.processor-*.jar"))
    processor = [p for p in processor if not p.endswith(("-sources.jar", "-javadoc.jar"))][0]
    route = f"http://127.0.0.1:{port}/api/catalog/modules/example-custom-processor/v1/validators"
    with start_server() as (process, _):
        shell = CommandPort(workdir)
        wait_for("the processor's route", lambda: get(route)[0] == 200)
        client = Client([f"http://127.0.0.1:{port}/api/p1/hello", f"http://127.0.0.1:{port}/api/example/hello"])
        client.start()
        time.sleep(2)  # let the client's requests warm the server before the first snapshot
        before = jvm_state(process.pid)
        before["pg_connections"] = pg_connections()
        listing = shell.run("felix:lb -s dev.backline.example.catalog.processor")
        bundle_id = re.search(r"^\s*(\d+)\|", listing, re.M).group(1)
        deployed = os.path.join(workdir, "deploy", "processor.jar")
        if via_deploy:
            # FileInstall cannot install a second bundle of the same name and version: the launch's goes first.
            shell.run(f"felix:uninstall {bundle_id}")
            shutil.copy(processor, deployed)
            wait_for("the processor's route from deploy/", lambda: get(route)[0] == 200)
        started = time.monotonic()
        progress = []
        for cycle in range(1, cycles + 1):
            if via_deploy:
                os.remove(deployed)
            else:
                shell.run(f"felix:uninstall {bundle_id}")
            wait_for("the processor's route to go", lambda: get(route)[0] not in (0, 200))
            if via_deploy:
                staged = deployed + ".tmp"
                shutil.copy(processor, staged)
                os.rename(staged, deployed)
            else:
                bundle_id = shell.install_and_start(processor)
            wait_for("the processor's route", lambda: get(route)[0] == 200)
            if cycle % report_every == 0:
                state = jvm_state(process.pid)
                progress.append((cycle, time.monotonic() - started, state["threads"], round(state["heap_mib"], 1),
                                 state["classes_loaded"] - state["classes_unloaded"], pg_connections()))
                print(f"cycle {cycle}: {progress[-1]}", flush=True)
        after = jvm_state(process.pid)
        after["pg_connections"] = pg_connections()
        requests, failed = client.stop()
    return {"before": before, "after": after, "progress": progress, "requests": requests, "failed": failed,
            "failures": client.failures[:10], "seconds": time.monotonic() - started}


def median_range(values, fmt="{:.0f}", scale=1000):
    values = [v * scale for v in values]
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"
