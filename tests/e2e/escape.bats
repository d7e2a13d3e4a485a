#!/usr/bin/env bats
# Escape attempts: a hostile program in the sandbox tries to reach what its
# policy does not grant.  Each attempt is made through the shim and through
# the launcher, as root and as nobody, and the kernel must deny it.

load helpers
load security

setup() {
	security_setup
	mkdir "$TREE/rwx"
	chmod a+rwx "$TREE/rwx"
	HELPERS_DIR=$(cd "$HELPERS" && pwd -P)
	SHIM_DIR=$(cd "$(dirname "$SHIM")" && pwd -P)
}

teardown() {
	security_teardown
}

@test "a symlink inside an allowed directory pointing outside: EACCES" {
	local mode user
	ln -s "$TREE/other/file" "$TREE/ro/link"
	ln -s "$TREE/other" "$TREE/ro/dirlink"
	for mode in "${MODES[@]}"; do
		attempt OK "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" read "$TREE/ro/file"
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" read "$TREE/ro/link"
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" read "$TREE/ro/dirlink/file"
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" list "$TREE/ro/dirlink"
		# A symlink the sandbox makes itself where it may create files.
		for user in root nobody; do
			attempt_as "$user" OK "$mode" LANDSHIM_RW="$TREE/rw" -- \
				"$PROBE" symlink "$TREE/other/file" \
				"$TREE/rw/link-$mode-$user"
			attempt_as "$user" EACCES "$mode" LANDSHIM_RW="$TREE/rw" -- \
				"$PROBE" read "$TREE/rw/link-$mode-$user"
		done
	done
}

@test "hardlink and rename out of a read-only tree: EXDEV or EACCES" {
	local mode
	for mode in "${MODES[@]}"; do
		# A link or a move would make the file writable: refer denies.
		attempt EXDEV "$mode" LANDSHIM_RO="$TREE/ro" LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" link "$TREE/ro/file" "$TREE/rw/linked"
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" rename "$TREE/ro/file" "$TREE/rw/moved"
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" rename "$TREE/ro/sub" "$TREE/rw/movedsub"
		# Moving a file into an rwx tree would make it executable.
		attempt EXDEV "$mode" LANDSHIM_RW="$TREE/rw" LANDSHIM_RWX="$TREE/rwx" -- \
			"$PROBE" link "$TREE/rw/file" "$TREE/rwx/file"
		attempt EXDEV "$mode" LANDSHIM_RW="$TREE/rw" LANDSHIM_RWX="$TREE/rwx" -- \
			"$PROBE" rename "$TREE/rw/file" "$TREE/rwx/file"
		attempt EXDEV "$mode" LANDSHIM_RW="$TREE/rw" LANDSHIM_RWX="$TREE/rwx" -- \
			"$PROBE" rename "$TREE/rw/sub" "$TREE/rwx/sub"
		[ -f "$TREE/ro/file" ] && [ -f "$TREE/rw/file" ] && [ -d "$TREE/rw/sub" ]
	done
}

@test "'..' and /proc/self/root lead nowhere outside: EACCES" {
	local mode
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" read "$TREE/ro/../other/file"
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" read "$TREE/ro/sub/../../other/file"
		attempt OK "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" openat "$TREE/ro" sub/../file
		attempt EACCES "$mode" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" openat "$TREE/ro" ../other/file
		attempt OK "$mode" LANDSHIM_RO="/proc:$TREE/ro" -- \
			"$PROBE" read "/proc/self/root$TREE/ro/file"
		attempt EACCES "$mode" LANDSHIM_RO="/proc:$TREE/ro" -- \
			"$PROBE" read "/proc/self/root$TREE/other/file"
		attempt EACCES "$mode" LANDSHIM_RO="/proc:$TREE/ro" -- \
			"$PROBE" openat /proc/self/root "${TREE#/}/other/file"
	done
}

@test "/proc/PID/root, cwd and fd of a process outside: EACCES" {
	local mode user pid
	local ALL=(LANDSHIM_RO=/ LANDSHIM_PROFILE=secrets HOME="$T")
	for user in root nobody; do
		# Outside: cwd in other/, other/file open as fd 7.
		outside "$user" sh -c 'cd "$1" && exec "$2" serve-memory 7<file' \
			sh "$TREE/other" "$PROBE"
		pid=$OUTSIDE_PID
		# Outside the sandbox these paths work...
		run as_user "$user" "$PROBE" read "/proc/$pid/cwd/file"
		[ "$output" = OK ]
		run as_user "$user" "$PROBE" read "/proc/$pid/fd/7"
		[ "$output" = OK ]
		for mode in "${MODES[@]}"; do
			# ... inside, not even with the whole filesystem readable
			# (the secrets carved out, or the launcher warns).
			attempt_as "$user" OK "$mode" "${ALL[@]}" -- \
				"$PROBE" read "$TREE/other/file"
			attempt_as "$user" EACCES "$mode" "${ALL[@]}" -- \
				"$PROBE" read "/proc/$pid/root$TREE/other/file"
			attempt_as "$user" EACCES "$mode" "${ALL[@]}" -- \
				"$PROBE" read "/proc/$pid/cwd/file"
			attempt_as "$user" EACCES "$mode" "${ALL[@]}" -- \
				"$PROBE" read "/proc/$pid/fd/7"
		done
	done
}

@test "ptrace and process_vm_readv on a process outside: EPERM" {
	local mode user pid addr
	for user in root nobody; do
		outside "$user" "$PROBE" serve-memory
		pid=$OUTSIDE_PID
		addr=${READY_LINE#READY }
		run as_user "$user" "$PROBE" vm-read "$pid" "$addr"
		[ "$output" = OK ]
		run as_user "$user" "$PROBE" ptrace-seize "$pid"
		[ "$output" = OK ]
		for mode in "${MODES[@]}"; do
			attempt_as "$user" EPERM "$mode" LANDSHIM_RO= -- \
				"$PROBE" ptrace-attach "$pid"
			attempt_as "$user" EPERM "$mode" LANDSHIM_RO= -- \
				"$PROBE" ptrace-seize "$pid"
			attempt_as "$user" EPERM "$mode" LANDSHIM_RO= -- \
				"$PROBE" vm-read "$pid" "$addr"
		done
	done
}

@test "signals to a process outside: EPERM" {
	local mode user pid
	for user in root nobody; do
		outside "$user" "$PROBE" serve-memory
		pid=$OUTSIDE_PID
		run as_user "$user" "$PROBE" signal "$pid" 0
		[ "$output" = OK ]
		for mode in "${MODES[@]}"; do
			attempt_as "$user" EPERM "$mode" LANDSHIM_RO= -- \
				"$PROBE" signal "$pid" 0
			attempt_as "$user" EPERM "$mode" LANDSHIM_RO= -- \
				"$PROBE" signal "$pid" 9
		done
		kill -0 "$pid"
	done
}

@test "an abstract unix socket outside: EPERM" {
	local mode name=@landshim-escape-$PORT
	outside root "$PROBE" serve-unix "$name"
	run as_user nobody "$PROBE" unix "$name"
	[ "$output" = OK ]
	# Below ABI 9 the filter refuses the socket itself (decision 18);
	# with unix sockets allowed, Landlock's scope refuses the connect.
	for mode in "${MODES[@]}"; do
		attempt "$ABSTRACT_REFUSED" "$mode" LANDSHIM_RO= -- "$PROBE" unix "$name"
		attempt EPERM "$mode" LANDSHIM_UNRESTRICTED=unix -- \
			"$PROBE" unix "$name"
		attempt EPERM "$mode" LANDSHIM_UNRESTRICTED=unix \
			LANDSHIM_CONNECT_TCP="$PORT" -- "$PROBE" unix "$name"
	done
}

@test "TCP bind and connect to ports not allowed: EACCES" {
	local mode
	outside root "$PROBE" serve-tcp "$PORT"
	for mode in "${MODES[@]}"; do
		attempt OK "$mode" LANDSHIM_CONNECT_TCP="$PORT" -- \
			"$PROBE" connect "$PORT"
		attempt EACCES "$mode" LANDSHIM_CONNECT_TCP="$((PORT + 1))" -- \
			"$PROBE" connect "$PORT"
		attempt EACCES "$mode" LANDSHIM_BIND_TCP="$PORT" -- \
			"$PROBE" connect "$PORT"
		attempt EACCES "$mode" LANDSHIM_BIND_TCP="$PORT" -- \
			"$PROBE" bind "$((PORT + 1))"
		# An ephemeral port is a port too.
		attempt EACCES "$mode" LANDSHIM_BIND_TCP="$PORT" -- \
			"$PROBE" bind 0
	done
}

@test "a child that clears its environment and execs stays sandboxed" {
	local mode rox=$SYSTEM_ROX:$HELPERS_DIR
	for mode in "${MODES[@]}"; do
		attempt OK "$mode" LANDSHIM_ROX="$rox" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" clearenv-exec "$PROBE" read "$TREE/ro/file"
		attempt EACCES "$mode" LANDSHIM_ROX="$rox" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" clearenv-exec "$PROBE" read "$TREE/other/file"
		attempt "" "$mode" LANDSHIM_ROX="$rox" -- \
			"$PROBE" clearenv-exec "$PROBE" env
	done
}

@test "a program that re-execs itself without LD_PRELOAD stays sandboxed" {
	local mode rox=$SYSTEM_ROX:$HELPERS_DIR
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_ROX="$rox" -- \
			"$PROBE" clearenv-exec /proc/self/exe read "$TREE/other/file"
		attempt EACCES "$mode" LANDSHIM_ROX="$rox" -- \
			"$PROBE" clearenv-exec /proc/self/exe chain 3 \
			read "$TREE/other/file"
	done
}

@test "a static binary inside the sandbox stays sandboxed" {
	local mode rox=$SYSTEM_ROX:$HELPERS_DIR
	for mode in "${MODES[@]}"; do
		attempt OK "$mode" LANDSHIM_ROX="$rox" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" exec "$PROBE_STATIC" read "$TREE/ro/file"
		attempt EACCES "$mode" LANDSHIM_ROX="$rox" LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" exec "$PROBE_STATIC" read "$TREE/other/file"
	done
}

@test "a static binary started through the launcher is sandboxed" {
	attempt OK launcher LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE_STATIC" read "$TREE/ro/file"
	attempt EACCES launcher LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE_STATIC" read "$TREE/other/file"
	attempt EACCES launcher LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE_STATIC" exec "$PROBE_STATIC" read "$TREE/other/file"
}

@test "a setuid binary inside the sandbox stays sandboxed and unprivileged" {
	local mode rox=$SYSTEM_ROX:$HELPERS_DIR:$T/bin
	mkdir "$T/bin"
	install -m 4755 -o root "$PROBE" "$T/bin/suid-probe"
	echo secret >"$TREE/ro/secret"
	chmod 600 "$TREE/ro/secret"
	for mode in "${MODES[@]}"; do
		attempt_as nobody EACCES "$mode" LANDSHIM_ROX="$rox" \
			LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" exec "$T/bin/suid-probe" read "$TREE/other/file"
		# no_new_privs: the setuid bit gives no root, so root's
		# file in an allowed directory stays unreadable.
		attempt_as nobody OK "$mode" LANDSHIM_ROX="$rox" \
			LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" exec "$T/bin/suid-probe" read "$TREE/ro/file"
		attempt_as nobody EACCES "$mode" LANDSHIM_ROX="$rox" \
			LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" exec "$T/bin/suid-probe" read "$TREE/ro/secret"
	done
}

# nest_attempt MODE USER N MARKER: a sandboxed probe preloads the shim again
# N times (each a new Landlock layer), then creates MARKER.
nest_attempt() {
	local rox=$SYSTEM_ROX:$HELPERS_DIR:$SHIM_DIR
	run sandboxed "$1" "$2" LANDSHIM_ROX="$rox" LANDSHIM_RW="$TREE/rw" \
		NEST_LD_PRELOAD="$SHIM" NEST_LANDSHIM_ROX="$rox" \
		NEST_LANDSHIM_RW="$TREE/rw" -- \
		"$PROBE" nest "$3" create "$4"
}

@test "nesting the shim past 16 layers is a clean refusal (125)" {
	local mode user
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			# 1 + 15 layers: the kernel's limit, still allowed.
			nest_attempt "$mode" "$user" 15 "$TREE/rw/m16-$mode-$user"
			[ "$output" = OK ]
			[ -e "$TREE/rw/m16-$mode-$user" ]
			nest_attempt "$mode" "$user" 16 "$TREE/rw/m17-$mode-$user"
			[ "$status" -eq 125 ]
			[ "$output" = "landshim: landlock_restrict_self: Argument list too long (16 nested sandboxes)" ]
			[ ! -e "$TREE/rw/m17-$mode-$user" ]
		done
	done
}

@test "a setuid binary started through the launcher is sandboxed, unprivileged" {
	mkdir "$T/bin"
	install -m 4755 -o root "$PROBE" "$T/bin/suid-probe"
	echo secret >"$TREE/ro/secret"
	chmod 600 "$TREE/ro/secret"
	attempt_as nobody OK launcher LANDSHIM_RO="$TREE/ro" -- \
		"$T/bin/suid-probe" read "$TREE/ro/file"
	attempt_as nobody EACCES launcher LANDSHIM_RO="$TREE/ro" -- \
		"$T/bin/suid-probe" read "$TREE/other/file"
	attempt_as nobody EACCES launcher LANDSHIM_RO="$TREE/ro" -- \
		"$T/bin/suid-probe" read "$TREE/ro/secret"
}

@test "an fd opened before the sandbox: the launcher closes it unless --keep-fd" {
	local user
	for user in root nobody; do
		run as_user "$user" "$LAUNCHER" -- "$PROBE" fd-read 5 \
			5<"$TREE/other/file"
		[ "$output" = EBADF ]
		run as_user "$user" "$LAUNCHER" --keep-fd 5 -- \
			"$PROBE" fd-read 5 5<"$TREE/other/file"
		[ "$output" = OK ]
		# Kept, the fd is the only way in: the path stays denied.
		run as_user "$user" "$LAUNCHER" --keep-fd 5 -- \
			"$PROBE" read "$TREE/other/file" 5<"$TREE/other/file"
		[ "$output" = EACCES ]
	done
}

@test "nesting the launcher past 16 layers is a clean refusal (125)" {
	local user n layers=()
	local rox=$SYSTEM_ROX:$HELPERS_DIR:$SHIM_DIR:$(cd "$top_builddir/src" && pwd -P)
	for ((n = 0; n < 16; n++)); do
		layers+=("$LAUNCHER" --rox "${rox//:/,}" --rw "$TREE/rw" --)
	done
	for user in root nobody; do
		run as_user "$user" "${layers[@]}" "$PROBE" create "$TREE/rw/m16-$user"
		[ "$output" = OK ]
		run as_user "$user" "$LAUNCHER" --rox "${rox//:/,}" --rw "$TREE/rw" -- \
			"${layers[@]}" "$PROBE" create "$TREE/rw/m17-$user"
		[ "$status" -eq 125 ]
		[ "$output" = "landshim: landlock_restrict_self: Argument list too long (16 nested sandboxes)" ]
		[ ! -e "$TREE/rw/m17-$user" ]
	done
}
