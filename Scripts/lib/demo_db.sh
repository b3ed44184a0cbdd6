# The demo databases the benchmarks share (sourced by Scripts/bench and Scripts/bench-compare).
# demo_db N prints the path of an N-case demo database (seed 1, today $today, made by $bin as
# bench.lead), made once per generator and schema under .build-bench/demos: a change to DemoData
# or CaseStore makes a new one and removes the old. Each making's time is appended to the file
# $demo_times names, when it is set. Needs $root, $bin and $today.
demo_db() {
  local n="$1" folder="$root/.build-bench/demos" fingerprint db start end
  fingerprint="$(cat "$root"/Sources/DemoData/*.swift "$root"/Sources/CaseStore/*.swift | sha256sum | cut -c1-12)"
  db="$folder/demo-$n-seed1-$today-$fingerprint.sqlite"
  mkdir -p "$folder"
  if [ ! -f "$db" ]; then
    rm -f "$folder"/demo-"$n"-*.sqlite "$folder"/demo-"$n"-*.sqlite-wal "$folder"/demo-"$n"-*.sqlite-shm "$db".partial*
    say "Making a $n-case demo database (once; kept as $db)…"
    start=$(date +%s.%N)
    "$bin" demo --cases "$n" --seed 1 --db "$db.partial" --as bench.lead --today "$today" >/dev/null
    end=$(date +%s.%N)
    if [ -n "${demo_times:-}" ]; then
      awk -v a="$start" -v b="$end" -v n="$n" 'BEGIN { printf "demo %s cases: %.1f s\n", n, b - a }' >>"$demo_times"
    fi
    for suffix in "" -wal -shm; do if [ -e "$db.partial$suffix" ]; then mv "$db.partial$suffix" "$db$suffix"; fi; done
  fi
  printf '%s\n' "$db"
}
