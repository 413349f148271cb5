# Sourced by mvnw. Tycho runs inside Maven and needs Java 21 or newer. When JAVA_HOME, or the java on the
# PATH, is older, pick the newest JDK 21+ under /usr/lib/jvm; when there is none, say what to install.

flapjack_java_feature() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}

flapjack_find_jdk() {
  current="${JAVA_HOME:-}"
  if [ -z "$current" ] && command -v javac >/dev/null 2>&1; then
    current=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  if [ -n "$current" ] && [ -x "$current/bin/javac" ]; then
    feature=$(flapjack_java_feature "$current")
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$current"; export JAVA_HOME; return 0
    fi
  fi
  best=""; best_feature=0
  set +f  # mvnw turns globbing off
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    feature=$(flapjack_java_feature "$candidate")
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null && [ "$feature" -gt "$best_feature" ]; then
      best="$candidate"; best_feature="$feature"
    fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME="$best"; export JAVA_HOME; return 0
  fi
  echo "Flapjack needs a JDK 21 or newer to build (found: ${current:-none}). Install one, for example:" >&2
  echo "  sudo apt-get install openjdk-21-jdk-headless" >&2
  echo "or point JAVA_HOME at a JDK 21+." >&2
  exit 1
}

flapjack_find_jdk
