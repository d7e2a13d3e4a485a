# Shared by the bats files: paths, fixtures, and running a probe in the
# sandbox as root and as an unprivileged user.
# shellcheck shell=bash

: "${top_builddir:?run the tests with make check}"
: "${top_srcdir:?run the tests with make check}"
SHIM="$top_builddir/shim/.libs/liblandshim.so"
PROBE="$top_builddir/tests/helpers/probe"
HELPERS="$top_builddir/tests/helpers"
LAUNCHER="$top_builddir/src/landshim"
NOBODY=65534
# What every dynamically linked program needs to start after exec.
SYSTEM_ROX=/usr:/lib:/lib64:/bin:/etc/ld.so.cache

# Landlock must be there: tests fail, not skip, without it.
require_landlock() {
	if [ "${LANDSHIM_TEST_ALLOW_NO_LANDLOCK:-0}" = 1 ]; then
		return 0
	fi
	if ! "$HELPERS/abi" >/dev/null; then
		echo "Landlock is not available on this kernel: the tests cannot" \
			"prove anything (LANDSHIM_TEST_ALLOW_NO_LANDLOCK=1 to run anyway)" >&2
		return 1
	fi
}

# A fresh tree for each test, world-writable so that nobody can use it.
setup_tree() {
	T=$(mktemp -d /tmp/landshim-test.XXXXXX)
	chmod 0755 "$T"
	reset_tree
}

reset_tree() {
	rm -rf "${T:?}/tree"
	mkdir -p "$T/tree/ro/sub" "$T/tree/rw/sub" "$T/tree/other"
	echo data >"$T/tree/ro/file"
	echo data >"$T/tree/rw/file"
	echo data >"$T/tree/other/file"
	echo data >"$T/tree/rw/victim"
	echo data >"$T/tree/ro/victim"
	chmod -R a+rwX "$T/tree"
}

teardown_tree() {
	[ -n "${T:-}" ] && rm -rf "$T"
}

# as_user USER CMD...: USER is root, nobody, or nobody:CAP,... (nobody
# holding those capabilities as ambient ones, which survive exec).
as_user() {
	local user=$1 caps
	shift
	case $user in
	nobody)
		setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups \
			--inh-caps=-all -- "$@"
		;;
	nobody:*)
		caps=+${user#nobody:}
		caps=${caps//,/,+}
		setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups \
			--inh-caps=-all,"$caps" --ambient-caps="$caps" -- "$@"
		;;
	*) "$@" ;;
	esac
}

# shim_run USER VAR=VALUE... -- CMD...: CMD preloaded with the shim.
shim_run() {
	local user=$1
	shift
	local vars=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		vars+=("$1")
		shift
	done
	shift
	as_user "$user" env LD_PRELOAD="$SHIM" "${vars[@]}" "$@"
}

# expect_both RESULT RUNNER ARGS...: as root and as nobody, `RUNNER USER
# ARGS...` prints RESULT (the probe's OK or errno name); the tree is reset
# before each run.
expect_both() {
	local want=$1 runner=$2 user
	shift 2
	for user in root nobody; do
		reset_tree
		run "$runner" "$user" "$@"
		# shellcheck disable=SC2154
		if [ "$output" != "$want" ]; then
			echo "as $user: $runner $* -> status $status, output:" >&2
			echo "$output" >&2
			echo "expected: $want" >&2
			return 1
		fi
	done
}

# expect RESULT VAR=VALUE... -- PROBE-ARGS...: through the shim.
expect() {
	expect_both "$1" shim_run "${@:2}"
}

# A random port for this test (20000-39999: other suites run concurrently),
# with it and the next few ports not in use right now.
random_port() {
	local port hex used
	used=$(awk 'NR > 1 { split($2, a, ":"); print a[2] }' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null)
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 20000))
		hex=$(printf '%04X|%04X|%04X|%04X' "$port" "$((port + 1))" \
			"$((port + 2))" "$((port + 3))")
		echo "$used" | grep -qE "^($hex)\$" || break
	done
	echo "$port"
}

# listen USER ARGS...: start `probe ARGS` (serve-tcp PORT, serve-unix NAME)
# outside any sandbox as USER, and wait until it is ready.
LISTENERS=()
listen() {
	local user=$1 fifo
	shift
	fifo=$(mktemp -u "$T/ready.XXXXXX")
	mkfifo "$fifo"
	# A simple command, so that $! is the listener itself (kill reaches it).
	if [ "$user" = nobody ]; then
		setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups \
			--inh-caps=-all -- "$PROBE" "$@" >"$fifo" 3>&- &
	else
		"$PROBE" "$@" >"$fifo" 3>&- &
	fi
	LISTENERS+=($!)
	read -r _ <"$fifo"
	rm -f "$fifo"
}

# background CMD...: a process outside the sandbox (its pid in $!).
background() {
	"$@" </dev/null >/dev/null 2>&1 3>&- &
	LISTENERS+=($!)
}

stop_listeners() {
	local pid
	for pid in "${LISTENERS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
}

# launcher_run USER ARGS...: `landshim ARGS` as USER.
launcher_run() {
	local user=$1
	shift
	as_user "$user" "$LAUNCHER" "$@"
}

# lexpect RESULT ARGS...: through the launcher, as expect does.
lexpect() {
	expect_both "$1" launcher_run "${@:2}"
}

# control USER WANT CMD...: unsandboxed, CMD as USER prints WANT.
control() {
	local user=$1 want=$2
	shift 2
	run as_user "$user" "$@"
	if [ "$output" != "$want" ]; then
		echo "control as $user: $* -> $output (expected $want)" >&2
		return 1
	fi
}

# i386_entry: whether this kernel runs int 0x80 at all.  Without IA32
# emulation it faults (SIGSEGV) before seccomp sees a call: the sandboxed
# program then meets the same fault, and the filter's i386 rules are
# checked on its BPF alone (tests/unit/test_filter).
i386_entry() {
	local out
	out=$("$PROBE" i386-socket 1 1 0 || true)
	if [ "$out" = NO-I386-ENTRY ]; then
		echo "# no i386 entry on this kernel: i386 rules checked on the BPF" >&3
		return 1
	fi
}
