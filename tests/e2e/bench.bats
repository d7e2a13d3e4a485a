#!/usr/bin/env bats
# bench/run, one run per case: the table is well formed and every row is
# measured.  Only the script is under test: no timing is asserted.

# shellcheck disable=SC2154 # top_srcdir, top_builddir: set by make check
load helpers

setup() {
	require_landlock
	T=$(mktemp -d /tmp/landshim-bench-test.XXXXXX)
}

teardown() {
	teardown_tree
}

# bench BUILD_DIR: run the harness once per case; stderr to $T/stderr.
bench() {
	run bash -c 'bash "$1" --runs 1 "$2" 2>"$3"' _ \
		"$top_srcdir/bench/run" "$1" "$T/stderr"
}

# cell ROW N: the Nth cell of a markdown table row, trimmed.
cell() {
	awk -F'|' -v n="$2" '{ gsub(/^ +| +$/, "", $(n + 1)); print $(n + 1) }' \
		<<<"$1"
}

@test "bench/run --runs 1: every row measured, every target judged" {
	local line rows=0 name peer
	local head='| case | mean | median | ratio to unsandboxed | target | result |'
	bench "$top_builddir"
	cat "$T/stderr" >&2
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$head" ]
	[ "${lines[1]}" = "|---|---:|---:|---:|---|---|" ]
	for line in "${lines[@]:2}"; do
		[ "${line:0:1}" = "|" ] || break
		rows=$((rows + 1))
		echo "row: $line"
		[ "$(tr -cd '|' <<<"$line")" = "|||||||" ]
		if [ "$(cell "$line" 2)" = "not available" ]; then
			# Only a case of ours, saying why (the peers are notes).
			[ "$(cell "$line" 3)" = "not available" ]
			cell "$line" 6 | grep -q '^not available: '
			grep -Fq "| start-up: landshim" <<<"$line"
			continue
		fi
		cell "$line" 2 | grep -Eqx '[0-9]+\.[0-9]{3} ms|[0-9]+ KiB'
		cell "$line" 3 | grep -Eqx '[0-9]+\.[0-9]{3} ms|[0-9]+ KiB'
		cell "$line" 4 | grep -Eqx '[0-9]+\.[0-9]{2}x|—'
		if [ "$(cell "$line" 5)" = — ]; then
			[ "$(cell "$line" 6)" = — ]
		else
			cell "$line" 6 |
				grep -Eqx '(pass|fail|not judged)( \(.*\))?'
		fi
	done
	for name in "start-up: unsandboxed" "start-up: empty preloaded .so (floor)" \
		"start-up: Landlock calls only (kernel floor)" \
		"start-up: empty audit module, no libc (audit floor)" \
		"start-up: empty audit module linking libc" \
		"start-up: landshim env, LD_PRELOAD (5 dirs)" \
		"start-up: landshim env, audit form: the --print-env variables (5 dirs)" \
		"start-up: landshim LANDSHIM_PROFILE=base" \
		"start-up: one more exec: env /bin/true (launcher floor)" \
		"start-up: landshim launcher (5 dirs)" \
		"fan-out: unsandboxed" "fan-out: landshim env, LD_PRELOAD (5 dirs)" \
		"file-heavy: unsandboxed" \
		"file-heavy: landshim env, LD_PRELOAD (5 dirs)" \
		"policy size: system calls only, 10 paths (floor)" \
		"policy size: parse + apply 10 paths" \
		"policy size: system calls only, 10000 paths (floor)" \
		"policy size: parse + apply 10000 paths" \
		"peak RSS: unsandboxed" "peak RSS: empty preloaded .so (floor)" \
		"peak RSS: landshim env, LD_PRELOAD (5 dirs)"; do
		grep -Fq "| $name |" <<<"$output" || {
			echo "missing row: $name"
			return 1
		}
	done
	[ "$rows" -ge 24 ]
	# A peer that is installed is measured, or the note says why not;
	# none of their chatter reaches the table.
	local peers=${BENCH_PEERS:-$top_srcdir/../shared/peers/bin}
	for peer in bwrap firejail landrun sandboxer; do
		if [ ! -x "$peers/$peer" ] && ! command -v "$peer" >/dev/null; then
			grep -Fq -- "- $peer: not installed" <<<"$output"
		elif ! grep -Fq -- "- $peer: installed but cannot run here" \
			<<<"$output"; then
			grep -Eq "^\| start-up: $peer[ ,].*\| [0-9.]+ ms \|" <<<"$output"
		fi
	done
	! grep -q "Executing the sandboxed command" <<<"$output"
	# The audit form is measured, or refused with what ld.so said.
	line=$(grep -F "| start-up: landshim env, audit form" <<<"$output")
	if [ "$(cell "$line" 2)" = "not available" ]; then
		grep -q -- "- .*audit form.*: refused, not measured: ERROR: ld.so: " \
			<<<"$output"
	fi
}

# fake_build DIR: a build directory with the real launcher and apply-time;
# the caller puts a shim in DIR/shim/.libs (and LANDSHIM_LIBRARY points the
# launcher at it).
fake_build() {
	mkdir -p "$1/shim/.libs" "$1/bench" "$1/src"
	cp "$top_builddir/config.h" "$1/"
	cp "$top_builddir/bench/apply-time" "$top_builddir/bench/carve-time" \
		"$1/bench/"
	cp "$top_builddir/src/landshim" "$1/src/"
}

@test "bench/run: an audit module ld.so cannot load is refused, not measured" {
	local fake=$T/build line
	fake_build "$fake"
	# A shim that sandboxes when preloaded but has no la_version():
	# ld.so ignores it in LD_AUDIT and the program runs on.
	cc -shared -fPIC -I"$top_builddir" -I"$top_srcdir/src/core" \
		-DBENCH_DIRS='"/usr", "/lib", "/lib64", "/bin", "/etc"' \
		-o "$fake/shim/.libs/liblandshim.so" \
		"$top_srcdir/bench/kernel-floor.c" "$top_srcdir/src/core/landlock.c"
	run bash -c 'LANDSHIM_LIBRARY=$4 bash "$1" --runs 1 "$2" 2>"$3"' _ \
		"$top_srcdir/bench/run" "$fake" "$T/stderr" \
		"$fake/shim/.libs/liblandshim.so"
	cat "$T/stderr" >&2
	[ "$status" -eq 0 ]
	line=$(grep -F "| start-up: landshim env, audit form" <<<"$output")
	[ "$(cell "$line" 2)" = "not available" ]
	[[ "$(cell "$line" 6)" == "not available: ld.so ignored an object"* ]]
	grep -q -- "- .*audit form.*: refused, not measured: ERROR: ld.so: " \
		<<<"$output"
	grep -q -- "- .*cannot be loaded as audit interface" <<<"$output"
	# The preloaded form of the same object is measured.
	grep -Eq "^\| start-up: landshim env, LD_PRELOAD .*\| [0-9.]+ ms \|" \
		<<<"$output"
}

@test "bench/run: a shim that does not sandbox is refused, not measured" {
	local fake=$T/build
	mkdir -p "$fake/shim/.libs" "$fake/bench"
	cp "$top_builddir/config.h" "$fake/"
	cp "$top_builddir/bench/apply-time" "$fake/bench/"
	cc -shared -fPIC -o "$fake/shim/.libs/liblandshim.so" \
		"$top_srcdir/bench/floor.c"
	bench "$fake"
	[ "$status" -eq 1 ]
	grep -q "^bench/run: shim: .*readable: not sandboxed$" "$T/stderr"
	[ -z "$output" ]
}

@test "bench/run: bad arguments are refused" {
	run bash "$top_srcdir/bench/run" --runs 0 "$top_builddir"
	[ "$status" -eq 1 ]
	[[ $output == *"--runs: not a positive number: 0"* ]]
	run bash "$top_srcdir/bench/run" --frobnicate
	[ "$status" -eq 1 ]
	[[ $output == *"unknown option: --frobnicate"* ]]
	run bash "$top_srcdir/bench/run" "$T/nonexistent"
	[ "$status" -eq 1 ]
}
