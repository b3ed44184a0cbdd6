# Shared by Scripts/run, test and bench: find the toolchain and install what is missing.
# Sourced, not run.

# The system packages cadesk needs to build (ncursesw, SQLite headers) and to be tested
# (tmux drives a real terminal, sqlite3 inspects fixture databases, util-linux's setpriv runs
# cadesk as the account nobody, python3-venv holds the readers of letters and calendars, age is
# the reference tool field bundles must interoperate with).
CADESK_APT_PACKAGES=(libncurses-dev libsqlite3-dev sqlite3 tmux ncurses-base ncurses-bin util-linux python3-venv age)

# The release binary links the Swift standard library and Foundation statically: a process then
# starts without loading them (measured: --help 32 -> 20 ms, deadlines on 300 cases 102 -> 80 ms).
# It exports no symbols of its own (--no-export-dynamic): 633 dynamic symbols instead of 19,928,
# which the Swift runtime's start (its backtracer finds its own path with dladdr, a walk over
# them) and every symbol lookup went through (--help 5.3 -> 4.6 ms, deadlines @20,000 8.1 -> 7.7).
CADESK_RELEASE=(-c release --static-swift-stdlib -Xlinker --no-export-dynamic)

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

# Independent readers the tests check cadesk's files with: python-docx reads the letters' .docx,
# icalendar parses the deadlines calendar. They live in a virtualenv inside the build folder
# (never the system's Python); the tests find it through CADESK_PYTHON.
CADESK_PYTHON_PACKAGES=(python-docx icalendar)

ensure_python_readers() {
  local venv="${1:-.build/venv}"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import docx, icalendar' 2>/dev/null; then
    say "Installing the test readers into $venv: ${CADESK_PYTHON_PACKAGES[*]}"
    python3 -m venv "$venv" </dev/null >/dev/null &&
      "$venv/bin/pip" install --quiet --disable-pip-version-check "${CADESK_PYTHON_PACKAGES[@]}" </dev/null >/dev/null ||
      { say "cadesk: could not install ${CADESK_PYTHON_PACKAGES[*]} into $venv"; exit 1; }
  fi
  export CADESK_PYTHON="$(cd "$venv" && pwd)/bin/python"
}
