#!/usr/bin/env bash
# Benchmarks the short assembly against the ffmpeg command line. See infra/benchmarks/README.md.
#   ./infra/benchmarks/assembly.sh [--repeat N] [--quick]
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target="$root/infra/benchmarks/target"

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "Installing Debian's ffmpeg (the command line the benchmark compares against) ..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq ffmpeg
fi

# A JDK 21 or newer: JAVA_HOME if set, else the java on the PATH.
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
export JAVA_HOME="$java_home"

# The worker and its test sources, where the benchmark lives (app.goblina.worker.media.AssemblyBenchmark), compiled
# by the build like any test; no test is run. MAVEN_ARGS can add e.g. -o for offline.
echo "Compiling the worker and the benchmark ..."
mvn -B -q ${MAVEN_ARGS:-} -pl worker -am -DskipTests test-compile
# A private copy of the compiled classes, so a build running meanwhile cannot change them under the benchmark.
rm -rf "$target/classes" "$target/worker-classes" "$target/worker-test-classes"
mkdir -p "$target/work"
cp -r "$root/worker/target/classes" "$target/worker-classes"
cp -r "$root/worker/target/test-classes" "$target/worker-test-classes"
classpath="$target/worker-test-classes:$target/worker-classes:$(cat "$root/worker/target/classpath.txt")"

# The same heap limit the launcher gives a worker.
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED \
  -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" \
  -cp "$classpath" app.goblina.worker.media.AssemblyBenchmark "$target/work" "$@"
