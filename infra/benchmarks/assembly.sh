#!/usr/bin/env bash
# Benchmarks the short assembly against the ffmpeg command line. See infra/benchmarks/README.md.
#   ./infra/benchmarks/assembly.sh [--repeat N]
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

# The worker and what it depends on, compiled (tests skipped). MAVEN_ARGS can add e.g. -o for offline.
echo "Compiling the worker ..."
mvn -B -q ${MAVEN_ARGS:-} -pl worker -am -DskipTests compile
# A private copy of the compiled worker, so a build running meanwhile cannot change classes under the benchmark.
rm -rf "$target/classes" "$target/worker-classes"
mkdir -p "$target/classes" "$target/work"
cp -r "$root/worker/target/classes" "$target/worker-classes"
classpath="$target/worker-classes:$(cat "$root/worker/target/classpath.txt")"

"$JAVA_HOME/bin/javac" -d "$target/classes" -cp "$classpath" \
  "$root"/infra/benchmarks/src/app/goblina/worker/media/*.java

# The same heap limit the launcher gives a worker.
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED \
  -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" \
  -cp "$target/classes:$classpath" app.goblina.worker.media.AssemblyBenchmark "$target/work" "$@"
