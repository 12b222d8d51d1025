#!/usr/bin/env bash
# The benchmark's one command: builds Backline's launcher (when missing) and the bare floor, then measures startup,
# CPU, memory and threads for N generated plugins against the floor (bench/run.py; arguments go to it).
#   bench/run.sh                 # 5 interleaved rounds of: floor, N=1, 10, 100
#   bench/run.sh --runs 3 10 500
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bndrun/target/backline-container.jar ] || mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -f bench/pom.xml package
exec python3 bench/run.py "$@"
