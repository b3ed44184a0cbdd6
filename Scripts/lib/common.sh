# Shared by Scripts/run, test and bench: find the toolchain and install what is missing.
# Sourced, not run.

# The system packages cadesk needs to build (ncursesw, SQLite headers) and to be tested
# (tmux drives a real terminal, sqlite3 inspects fixture databases, util-linux's setpriv runs
# cadesk as the account nobody).
CADESK_APT_PACKAGES=(libncurses-dev libsqlite3-dev sqlite3 tmux ncurses-base ncurses-bin util-linux)

# The release binary links the Swift standard library and Foundation statically: a process then
# starts without loading them (measured: --help 32 -> 20 ms, deadlines on 300 cases 102 -> 80 ms).
CADESK_RELEASE=(-c release --static-swift-stdlib)

say() { printf '%s\n' "$*" >&2; }

ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
      [ -x "$dir/swift" ] && export PATH="$dir:$PATH" && break
    done
  fi
  command -v swift >/dev/null 2>&1 || { say "cadesk: Swift 6 is not installed (https://swift.org/install); nothing else to do here"; exit 1; }
}

ensure_packages() {
  local missing=() p
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "Not a Debian-like system: install ncurses (wide), SQLite headers, sqlite3 and tmux yourself."
    return 0
  fi
  for p in "${CADESK_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing missing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"  # never wait for a password: CI has no standard input
  export DEBIAN_FRONTEND=noninteractive
  # Try without refreshing the package lists first; refresh only if that fails.
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" </dev/null >/dev/null 2>&1 || {
    $sudo apt-get update </dev/null >/dev/null &&
    $sudo apt-get install -y --no-install-recommends "${missing[@]}" </dev/null >/dev/null
  } || { say "cadesk: could not install ${missing[*]} with apt-get"; exit 1; }
}
