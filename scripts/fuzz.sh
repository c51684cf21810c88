#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, cmake/fuzz.cmake) with clang, ASan and UBSan into
# build-fuzz/, and runs each from its seed corpus for FUZZ_SECONDS (default 20), two at a
# time. A crash, leak or sanitizer report fails the run; its input is kept in
# build-fuzz/artifacts/ to reproduce with `build-fuzz/<target>_fuzz <file>`.
#
#   scripts/fuzz.sh                       # a short run of every target (make test does this)
#   FUZZ_SECONDS=3600 scripts/fuzz.sh     # an hour each (docs/testing.md reports such a run)
#   scripts/fuzz.sh markdown router       # some targets only
#
# New inputs the fuzzers find are kept in build-fuzz/corpus/<target>/ (not in the repository;
# copy an interesting one to tests/fuzz/corpus/<target>/ to keep it).
set -uo pipefail
cd "$(dirname "$0")/.."
dir=${FUZZ_BUILD_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-20}
jobs=${FUZZ_PARALLEL:-2}
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(json_body markdown cursor config router image_sniff staff_csv); fi

if [[ ! -f $dir/build.ninja ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAGORA_FUZZ=ON -DAGORA_TESTS=OFF >/dev/null || exit 1
fi
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/%/_fuzz}" || exit 1

mkdir -p "$dir/artifacts" "$dir/logs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_one() {
  local name=$1 corpus="$dir/corpus/$1"
  mkdir -p "$corpus"
  # -rss_limit_mb: libvips and libmagic are given a generous but finite budget per input.
  "$dir/${name}_fuzz" "$corpus" "tests/fuzz/corpus/$name" -max_total_time="$seconds" -rss_limit_mb=2560 -timeout=25 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/artifacts/${name}-" >"$dir/logs/$name.log" 2>&1
  local status=$?
  local runs
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$dir/logs/$name.log" | grep -oE '[0-9]+$')
  if ((status == 0)); then
    printf 'fuzz %-12s ok      %10s runs in %ss, corpus %s inputs\n' "$name" "${runs:-?}" "$seconds" "$(ls "$corpus" | wc -l)"
  else
    printf 'fuzz %-12s FAILED  (exit %s) after %s runs; see %s\n' "$name" "$status" "${runs:-?}" "$dir/logs/$name.log"
    grep -E 'ERROR|SUMMARY|runtime error|deadly signal' "$dir/logs/$name.log" | head -5
  fi
  return $status
}

failed=0
running=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  fi
done
while ((running > 0)); do
  wait -n || failed=$((failed + 1))
  running=$((running - 1))
done
echo "fuzz: ${#targets[@]} targets, $failed failed"
((failed == 0))
