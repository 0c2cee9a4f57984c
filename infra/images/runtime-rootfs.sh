#!/usr/bin/env bash
# Builds the runtime that the API and worker images start from, as a folder Jib adds onto `scratch`
# (docs/adr/0008-images-without-a-registry.md): a Java runtime made by jlink from the build's JDK, the shared
# libraries it and FFmpeg's natives need (the closure ldd finds, taken from this Debian machine with their
# copyright files), the caption fonts, an unprivileged user and a writable /tmp.
#
#   infra/images/runtime-rootfs.sh OUT_DIR FFMPEG_NATIVES_JAR
#
# JAVA_HOME names the JDK whose jlink makes the runtime. Nothing is downloaded. A second call with the same JDK,
# natives and script leaves OUT_DIR as it is.
set -euo pipefail

die() {
  printf 'runtime-rootfs: %s\n' "$*" >&2
  exit 1
}

[[ $# == 2 ]] || die "usage: $0 OUT_DIR FFMPEG_NATIVES_JAR"
OUT="$1"
NATIVES_JAR="$2"
JDK="${JAVA_HOME:?JAVA_HOME must name the JDK whose jlink makes the runtime}"
[[ -x "$JDK/bin/jlink" ]] || die "$JDK has no bin/jlink"
[[ -f "$NATIVES_JAR" ]] || die "FFmpeg natives jar not found: $NATIVES_JAR"
[[ "$(uname -m)" == x86_64 ]] || die "the images are linux/amd64 and must be built on x86-64"
for tool in ldd unzip dpkg-query sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (Debian: libc-bin, unzip, dpkg, coreutils)"
done

# The modules the API and the worker use: Micronaut and Netty (naming, management, unsupported, net), JDBC,
# Java2D and ImageIO for character images and captions (desktop), JobRunr (management, jfr), the dashboard's
# HTTP server (httpserver), TLS to providers and S3 (crypto via base, jgss/sasl for JDBC auth options).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http
MODULES+=,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml
MODULES+=,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
FONTS=(/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
# Loaded by name at run time, so ldd cannot find them from the runtime: Java2D's font manager opens fontconfig
# (with its configuration in /etc/fonts) before it draws even a font it was given as a file.
DLOPENED=(/usr/lib/x86_64-linux-gnu/libfontconfig.so.1)
UID_GID=65532
for library in "${DLOPENED[@]}" /etc/fonts/fonts.conf; do
  [[ -e "$library" ]] || die "$library is missing (Debian: apt-get install libfontconfig1 fontconfig-config)"
done

stamp="$("$JDK/bin/java" -version 2>&1 | head -n 1) $(sha256sum "$0" "$NATIVES_JAR" | cut -c1-64 | tr '\n' ' ')"
if [[ -f "$OUT/.built-from" && "$(cat "$OUT/.built-from")" == "$stamp" ]]; then
  exit 0
fi

rm -rf "$OUT"
mkdir -p "$OUT"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$OUT/opt/java"
# The images run headless: the X11 toolkit, the splash screen and the AWT native interface would only pull X11's
# libraries in.
rm -f "$OUT/opt/java/lib/libawt_xawt.so" "$OUT/opt/java/lib/libsplashscreen.so" "$OUT/opt/java/lib/libjawt.so"

# ELF files whose shared libraries must come along: the runtime's, and FFmpeg's natives, which JavaCPP unpacks
# at run time (they bring libavcodec & co. themselves but need the system's C and C++ runtimes, ALSA, xcb...).
natives="$(mktemp -d)"
trap 'rm -rf "$natives"' EXIT
unzip -q -o "$NATIVES_JAR" '*.so*' -d "$natives"
natives_dir="$(dirname "$(find "$natives" -name 'libavutil.so.*' | head -n 1)")"

libraries="$({
  { find "$OUT/opt/java" "$natives_dir" -type f \( -name '*.so*' -o -path '*/bin/*' \) -print0
    printf '%s\0' "${DLOPENED[@]}"; } \
    | xargs -0 env LD_LIBRARY_PATH="$natives_dir:$OUT/opt/java/lib:$OUT/opt/java/lib/server" ldd 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/lib64\// { print $1 }' \
    | grep -v -e "^$OUT" -e "^$natives"
  printf '%s\n' "${DLOPENED[@]}"
} | sort -u)"
missing="$(
  find "$natives_dir" -type f -name '*.so*' -print0 \
    | xargs -0 env LD_LIBRARY_PATH="$natives_dir" ldd 2>/dev/null | awk '$3 == "not" { print $1 }' | sort -u
)"
# Some natives link libraries the worker never loads (PulseAudio, for capture devices): named, not fatal. What the
# worker does load is checked by running MediaSelfCheck in the built image (infra's ImageTarballs tests).
[[ -z "$missing" ]] || printf 'runtime-rootfs: not on this machine, left out: %s\n' "$(echo $missing)" >&2

mkdir -p "$OUT/lib/x86_64-linux-gnu" "$OUT/lib64" "$OUT/usr/share/doc"
for library in $libraries; do
  case "$library" in
    /lib64/*) cp -L "$library" "$OUT/lib64/" ;;
    *) cp -L "$library" "$OUT/lib/x86_64-linux-gnu/" ;;
  esac
done

# Each Debian package a file came from, with its copyright: the image redistributes them.
copy_copyright() {
  local package
  package="$(dpkg-query -S "$1" 2>/dev/null | head -n 1 | cut -d: -f1)" || true
  if [[ -z "$package" ]]; then
    package="$(dpkg-query -S "$(readlink -f "$1")" 2>/dev/null | head -n 1 | cut -d: -f1)" || true
  fi
  if [[ -n "$package" && -f "/usr/share/doc/$package/copyright" ]]; then
    mkdir -p "$OUT/usr/share/doc/$package"
    cp "/usr/share/doc/$package/copyright" "$OUT/usr/share/doc/$package/"
  fi
}
for library in $libraries; do
  copy_copyright "$library"
done

mkdir -p "$OUT/usr/share/fonts/truetype/dejavu"
for font in "${FONTS[@]}"; do
  [[ -f "$font" ]] || die "$font is missing (Debian: apt-get install fonts-dejavu-core)"
  cp "$font" "$OUT/usr/share/fonts/truetype/dejavu/"
  copy_copyright "$font"
done

mkdir -p "$OUT/etc" "$OUT/tmp" "$OUT/home/nonroot"
cp -rL /etc/fonts "$OUT/etc/fonts"
copy_copyright /etc/fonts/fonts.conf
cat >"$OUT/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:$UID_GID:$UID_GID:nonroot:/home/nonroot:/sbin/nologin
EOF
cat >"$OUT/etc/group" <<EOF
root:x:0:
nonroot:x:$UID_GID:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$OUT/etc/nsswitch.conf"
# Jib keeps no empty folders' ownership: these two are made writable by mode instead (see the Jib permissions).
touch "$OUT/tmp/.keep" "$OUT/home/nonroot/.keep"

printf '%s' "$stamp" >"$OUT/.built-from"
