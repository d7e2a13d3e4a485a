#!/usr/bin/env bats
# Fault injection: whatever goes wrong while the sandbox is being set up,
# landshim refuses with one "landshim: " line and exit 125, and the program
# never runs (it would have created a marker file).

load helpers
load security

setup() {
	security_setup
	THREADLIB=$top_builddir/tests/helpers/.libs/libthreadlib.so
	MARKER=$TREE/rw/marker
}

teardown() {
	security_teardown
}

# refused USER MODE PATTERN [WRAPPER...]: through MODE, as USER, the probe
# that would create the marker is refused with a message matching PATTERN
# (a glob).  WRAPPER (e.g. nolandlock ...) runs first, outside the sandbox.
refused() {
	local user=$1 mode=$2 pattern=$3
	shift 3
	sandbox_prefix "$mode" LANDSHIM_RW="$TREE/rw" ${EXTRA:+"${EXTRA[@]}"}
	rm -f "$MARKER"
	run as_user "$user" "$@" "${PREFIX[@]}" "$PROBE" create "$MARKER"
	# shellcheck disable=SC2053
	if [ "$status" -ne 125 ] || [ -e "$MARKER" ] ||
		[ "${#lines[@]}" -ne 1 ] || [[ ${lines[0]} != landshim:\ $pattern ]]; then
		echo "$mode as $user, $*: status $status, output: $output" >&2
		echo "expected 125 and: landshim: $pattern" >&2
		return 1
	fi
}

# refused_everywhere PATTERN [WRAPPER...]: refused through every mode, as
# root and as nobody.
refused_everywhere() {
	local mode user
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			refused "$user" "$mode" "$@"
		done
	done
}

@test "fault: no Landlock (ENOSYS, EOPNOTSUPP, EPERM) refuses" {
	refused_everywhere "the kernel has no Landlock: refusing to run unsandboxed*" \
		"$HELPERS/nolandlock" ENOSYS
	refused_everywhere "Landlock is disabled at boot*refusing to run unsandboxed*" \
		"$HELPERS/nolandlock" EOPNOTSUPP
	refused_everywhere "Operation not permitted: refusing to run unsandboxed*" \
		"$HELPERS/nolandlock" EPERM
}

@test "fault: landlock_create_ruleset failing refuses" {
	local err
	for err in EPERM ENOMEM EINVAL; do
		refused_everywhere "landlock_create_ruleset: *" \
			"$HELPERS/nolandlock" create "$err"
	done
}

@test "fault: landlock_add_rule failing refuses" {
	local err
	for err in EPERM ENOMEM EINVAL; do
		refused_everywhere "*$TREE/rw: cannot add rule: *" \
			"$HELPERS/nolandlock" add_rule "$err"
	done
	# A port rule: the only rule of its policy.
	EXTRA=(LANDSHIM_BIND_TCP="$PORT")
	refused root shim "LANDSHIM_RW: $TREE/rw: cannot add rule: *" \
		"$HELPERS/nolandlock" add_rule EPERM
}

@test "fault: landlock_restrict_self failing refuses" {
	local err
	for err in EPERM E2BIG ENOMEM; do
		refused_everywhere "landlock_restrict_self: *" \
			"$HELPERS/nolandlock" restrict "$err"
	done
}

@test "fault: a thread started before the sandbox refuses" {
	[ "$("$HELPERS/abi")" -lt 8 ] # ABI 8 would restrict it (TSYNC)
	# LD_PRELOAD constructors run last to first: the library listed
	# after the shim starts its thread before the shim's constructor.
	EXTRA=(LD_PRELOAD="$SHIM $THREADLIB")
	refused root shim "other threads are running (started before the sandbox*"
	refused nobody shim "other threads are running (started before the sandbox*"
	# Where unshare() is filtered, the threads are counted in /proc.
	refused root shim "2 threads are running (started before the sandbox*" \
		"$HELPERS/nolandlock" unshare EPERM
	# The launcher puts the shim before the caller's LD_PRELOAD.
	EXTRA=()
	refused root launcher "other threads are running*" \
		env LD_PRELOAD="$THREADLIB"
	refused nobody launcher "other threads are running*" \
		env LD_PRELOAD="$THREADLIB"
	# Listed first, its thread starts after the sandbox: inside it.
	run env LD_PRELOAD="$THREADLIB $SHIM" LANDSHIM_RW="$TREE/rw" \
		"$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
}

@test "fault: no way to count threads (unshare filtered, no /proc) refuses" {
	local rox
	rox=$SYSTEM_ROX:$(cd "$HELPERS" && pwd -P):$(cd "$(dirname "$SHIM")" && pwd -P)
	# A first sandbox without /proc nests a second one whose host has a
	# thread.
	rm -f "$MARKER"
	run "$HELPERS/nolandlock" unshare EPERM env LD_PRELOAD="$SHIM" \
		LANDSHIM_ROX="$rox" LANDSHIM_RW="$TREE/rw" \
		NEST_LD_PRELOAD="$SHIM $THREADLIB" NEST_LANDSHIM_ROX="$rox" \
		NEST_LANDSHIM_RW="$TREE/rw" \
		"$PROBE" nest 1 create "$MARKER"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: cannot count this process's threads (/proc/self/stat: Permission denied)" ]
	[ ! -e "$MARKER" ]
}

# bash -c "$ONLY_STD_FDS" bash CMD...: CMD with only fds 0-2 open.
# shellcheck disable=SC2016
ONLY_STD_FDS='for fd in /proc/self/fd/*; do
	fd=${fd##*/}; ((fd > 2)) && eval "exec $fd>&-"; done; exec "$@"'

@test "fault: RLIMIT_NOFILE too low to open the paths refuses" {
	local mode user
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			# fds 0-2 and the ruleset (the launcher: the command's
			# file): no fd is left for a path.
			refused "$user" "$mode" "*Too many open files" \
				bash -c "$ONLY_STD_FDS" bash prlimit --nofile=4:4
		done
	done
}

@test "fault: a policy of 100000 paths works" {
	local list
	# Relative paths (to the cwd) keep each variable under the kernel's
	# 128 KiB limit for one environment string.
	list=$(printf 'f:%.0s' $(seq 50000))
	list=${list%:}
	echo data >"$TREE/ro/f"
	cd "$TREE/ro"
	run env LD_PRELOAD="$SHIM" LANDSHIM_RO="$list" LL_FS_RO="$list" \
		"$PROBE" read "$TREE/ro/f"
	[ "$output" = OK ]
	run env LD_PRELOAD="$SHIM" LANDSHIM_RO="$list" LL_FS_RO="$list" \
		"$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
}

# refused_static USER WRAPPER...: the launcher, applying the policy itself
# to a static probe, refuses (125, one line) and the probe never runs.
refused_static() {
	local user=$1
	shift
	rm -f "$MARKER"
	run as_user "$user" "$@" "$LAUNCHER" --rw "$TREE/rw" -- \
		"$PROBE_STATIC" create "$MARKER"
	[ "$status" -eq 125 ] && [ ! -e "$MARKER" ] && [ "${#lines[@]}" -eq 1 ]
}

@test "fault: the launcher applying the policy itself (static target) refuses" {
	local user nl=$HELPERS/nolandlock
	for user in root nobody; do
		refused_static "$user" "$nl" ENOSYS
		[[ $output == "landshim: the kernel has no Landlock: refusing"* ]]
		refused_static "$user" "$nl" EPERM
		refused_static "$user" "$nl" create EPERM
		[[ $output == "landshim: landlock_create_ruleset: "* ]]
		refused_static "$user" "$nl" add_rule ENOMEM
		[[ $output == "landshim: "*"cannot add rule: "* ]]
		refused_static "$user" "$nl" restrict E2BIG
		[[ $output == "landshim: landlock_restrict_self: "* ]]
		refused_static "$user" bash -c "$ONLY_STD_FDS" bash \
			prlimit --nofile=4:4
		[[ $output == "landshim: "*"Too many open files"* ]]
	done
}

@test "fault: 100000 paths through the launcher: applied; too large for the shim's variables" {
	local list
	list=$(printf 'f,%.0s' $(seq 50000))
	list=${list%,}
	echo data >"$TREE/ro/f"
	cd "$TREE/ro"
	# Applied by the launcher itself (a static target): it works.
	run "$LAUNCHER" --ro "$list" --ro "$list" -- "$PROBE_STATIC" read "$TREE/ro/f"
	[ "$output" = OK ]
	run "$LAUNCHER" --ro "$list" --ro "$list" -- "$PROBE_STATIC" read "$TREE/other/file"
	[ "$output" = EACCES ]
	# A dynamic target too: the launcher never passes the policy on.
	run "$LAUNCHER" --ro "$list" --ro "$list" -- "$PROBE" read "$TREE/ro/f"
	[ "$output" = OK ]
	run "$LAUNCHER" --ro "$list" --ro "$list" -- "$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
	# For the shim the policy would not fit in one variable: exec would
	# fail with E2BIG, so --print-env refuses to write it.
	run "$LAUNCHER" --print-env --ro "$list" --rw "$TREE/rw"
	[ "$status" -eq 125 ]
	[[ $output == "landshim: LANDSHIM_RO: the policy takes "*" bytes in the environment, more than the kernel passes in one variable"* ]]
}

@test "fault: an unreadable config file refuses" {
	local conf=$T/conf
	mkdir "$conf"
	echo 'rw = [ "'"$TREE/rw"'" ];' >"$conf/secret.conf"
	chmod 600 "$conf/secret.conf"
	EXTRA=(LANDSHIM_CONFIG="$conf/secret.conf")
	refused nobody shim "$conf/secret.conf: Permission denied"
	EXTRA=(LANDSHIM_CONFIG="$conf")
	refused root shim "$conf: not a regular file"
	EXTRA=(LANDSHIM_CONFIG="$conf/missing.conf")
	refused root shim "$conf/missing.conf: No such file or directory"
	# The launcher: the same, named by --config or LANDSHIM_CONFIG.
	EXTRA=()
	refused nobody launcher "$conf/secret.conf: Permission denied" \
		env LANDSHIM_CONFIG="$conf/secret.conf"
	refused nobody launcher "*$conf/secret.conf: Permission denied" \
		"$LAUNCHER" --config "$conf/secret.conf" --
	refused root launcher "*$conf: not a regular file" \
		"$LAUNCHER" --config "$conf" --
}
