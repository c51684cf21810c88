#!/usr/bin/env bash
# Runs every test suite and ends with one summary line, "N passed, N failed".
#   1. unit tests (GoogleTest via ctest) on the release build
#   2. web client unit tests (Vitest)
#   3. integration tests: the real build/agora over HTTP (node --test), then a search of all
#      their servers' logs for every secret the tests were given
#   4. browser tests: Debian's Chromium driven by playwright-core
#   5. unit and integration tests again on PostgreSQL: a throwaway server this script starts
#      (scripts/pg-test-server.sh: a temporary directory, a Unix socket, fsync off) and stops
#   6. unit and integration tests again on the ASan+UBSan build
#   7. every fuzz target (tests/fuzz) for a short while, from its seed corpus
# Usage: scripts/run-tests.sh BUILD_DIR ASAN_DIR
set -uo pipefail
build=${1:-build}
asan=${2:-build-asan}
logdir=$(mktemp -d)
# CI machines set CI=1, which makes Vitest's colour library colour its output even into a pipe;
# the counters below read plain text, so ask for none (and strip any that comes anyway).
export NO_COLOR=1 FORCE_COLOR=0
passed=0
failed=0
failures=()

count_ctest() {  # "100% tests passed, 0 tests failed out of 61"
  local line p f t
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of' "$1" | tail -1)
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  t=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  [[ -n $t ]] || { t=0; f=1; }
  p=$((t - f))
  passed=$((passed + p)); failed=$((failed + f))
}
count_tap() {  # node --test TAP: "# pass N" / "# fail N"
  local p f
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  [[ -n $p ]] || { p=0; f=${f:-1}; }
  passed=$((passed + p)); failed=$((failed + ${f:-0}))
}
count_fuzz() {  # scripts/fuzz.sh: "fuzz NAME ok ..." / "fuzz NAME FAILED ..."
  local p f
  p=$(grep -cE '^fuzz [a-z_]+ +ok ' "$1")
  f=$(grep -cE '^fuzz [a-z_]+ +FAILED' "$1")
  ((p + f > 0)) || f=1
  passed=$((passed + p)); failed=$((failed + f))
}
count_vitest() {  # "Tests  3 passed (3)" or "Tests  1 failed | 2 passed (3)"
  local line p f
  line=$(grep -E '^ +Tests +' "$1" | tail -1)
  p=$(grep -oE '[0-9]+ passed' <<<"$line" | awk '{print $1}')
  f=$(grep -oE '[0-9]+ failed' <<<"$line" | awk '{print $1}')
  [[ -n $line ]] || f=1
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}
suite() {  # suite NAME COUNTER COMMAND...
  local name=$1 counter=$2
  shift 2
  echo "=== $name"
  local log="$logdir/${name//[^a-zA-Z0-9]/_}.log"
  local status=0
  "$@" 2>&1 | tee "$log.raw" || status=$?
  sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log.raw" >"$log"
  local before=$failed
  "$counter" "$log"
  if ((status != 0 || failed > before)); then
    failures+=("$name")
    # A suite can fail outside any test (a hook, a crash at exit): count it, so the summary
    # line never says "0 failed" for a failing run.
    ((failed > before)) || failed=$((failed + 1))
  fi
}

export TEST_AGORA_BINARY="$PWD/$build/agora"
# Postgres.* need the PostgreSQL server started below; they run (and must pass) there.
suite "unit" count_ctest ctest --test-dir "$build" --output-on-failure -j2 -E '^Postgres\.'

suite "web unit" count_vitest npm test -w web --silent -- --reporter=default
# The integration run keeps its servers' logs and the secrets it was given; the next suite
# searches the one for the other.
export AGORA_TEST_LOG_DIR="$logdir/integration-logs"
suite "integration" count_tap node --test --test-reporter=tap tests/integration/
suite "secrets in logs" count_tap node --test --test-reporter=tap tests/logs/
unset AGORA_TEST_LOG_DIR
suite "browser" count_tap node --test --test-reporter=tap tests/e2e/

# The same unit and integration tests on PostgreSQL: every test database is cloned from a
# template the binary under test migrated (tests/unit/test_support.h, tests/support/database.mjs).
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/agora-pg.XXXXXX")
trap 'scripts/pg-test-server.sh stop "$pgdir"' EXIT
if scripts/pg-test-server.sh start "$pgdir" "$build/agora" >/dev/null; then
  export TEST_PG_SOCKET=$pgdir
  suite "unit (postgres)" count_ctest ctest --test-dir "$build" --output-on-failure -j2
  suite "integration (postgres)" count_tap node --test --test-reporter=tap tests/integration/
  unset TEST_PG_SOCKET
else
  echo "PostgreSQL did not start"; failures+=("postgres"); failed=$((failed + 1))
fi
scripts/pg-test-server.sh stop "$pgdir"
trap - EXIT

export TEST_AGORA_BINARY="$PWD/$asan/agora"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp:print_suppressions=0
suite "unit (asan+ubsan)" count_ctest ctest --test-dir "$asan" --output-on-failure -j2 -E '^Postgres\.'
suite "integration (asan+ubsan)" count_tap node --test --test-reporter=tap tests/integration/

unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
suite "fuzz" count_fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-20}" scripts/fuzz.sh

echo
if ((${#failures[@]})); then echo "failed suites: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
((failed == 0 && ${#failures[@]} == 0))
