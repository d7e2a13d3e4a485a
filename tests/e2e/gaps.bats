#!/usr/bin/env bats
# Known gaps: what Landlock (ABI 7, kernel 6.18) does not restrict.  Each
# test pins today's behaviour, so that a change (a kernel that closes the
# gap, or a landshim change) is noticed and the README's "Security model"
# updated.  Each also shows the sandbox is in force with a denied control.
# "closed:" tests pin a gap of Landlock's that landshim's seccomp filter
# closes now (tests/e2e/filter.bats has the rest of them).

load helpers
load security

setup() {
	security_setup
}

teardown() {
	security_teardown
}

@test "closed: UDP is refused at socket() unless UDP rules exist" {
	local mode want=OK
	run "$PROBE" udp "$PORT"
	[ "$output" = OK ]
	# Below ABI 10 a UDP rule lets UDP sockets exist, to every port.
	[ "$ABI" -lt 10 ] || want=EACCES
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_RO= -- "$PROBE" bind "$PORT"
		attempt EACCES "$mode" LANDSHIM_RO= -- "$PROBE" udp "$PORT"
		attempt "$want" "$mode" LANDSHIM_CONNECT_UDP=53 -- \
			"$PROBE" udp "$PORT"
		attempt OK "$mode" LANDSHIM_CONNECT_UDP="$PORT" -- \
			"$PROBE" udp "$PORT"
	done
}

@test "closed: TCP Fast Open is refused where connect is denied" {
	local mode want=OK
	# Client-side fast open is bit 0 of the sysctl; without it the
	# kernel refuses MSG_FASTOPEN itself.
	(($(cat /proc/sys/net/ipv4/tcp_fastopen) & 1)) || want=EOPNOTSUPP
	outside root "$PROBE" serve-tcp "$PORT"
	run "$PROBE" fastopen "$PORT"
	[ "$output" = "$want" ]
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_RO= -- "$PROBE" connect "$PORT"
		attempt EOPNOTSUPP "$mode" LANDSHIM_RO= -- \
			"$PROBE" fastopen "$PORT"
		attempt "$want" "$mode" LANDSHIM_UNRESTRICTED=network -- \
			"$PROBE" fastopen "$PORT"
	done
}

@test "gap: chmod, chown and utime work on any reachable file" {
	local mode user uid dir
	for user in root nobody; do
		uid=0
		[ "$user" = nobody ] && uid=$NOBODY
		for dir in ro other; do
			echo data >"$TREE/$dir/mine-$user"
			chown "$uid:$uid" "$TREE/$dir/mine-$user"
		done
		for mode in "${MODES[@]}"; do
			for dir in ro other; do
				local f=$TREE/$dir/mine-$user
				attempt_as "$user" EACCES "$mode" \
					LANDSHIM_RO="$TREE/ro" -- "$PROBE" write "$f"
				attempt_as "$user" OK "$mode" \
					LANDSHIM_RO="$TREE/ro" -- "$PROBE" chmod "$f" 600
				attempt_as "$user" OK "$mode" \
					LANDSHIM_RO="$TREE/ro" -- "$PROBE" chown "$f" "$uid" "$uid"
				attempt_as "$user" OK "$mode" \
					LANDSHIM_RO="$TREE/ro" -- "$PROBE" utime "$f"
			done
		done
		[ "$(stat -c %a "$TREE/other/mine-$user")" = 600 ]
	done
}

@test "closed: pathname unix sockets (the filter below ABI 9, Landlock from 9)" {
	local mode want=OK
	[ "$ABI" -lt 9 ] || want=EACCES
	outside root "$PROBE" serve-unix "$T/socket"
	chmod a+w "$T/socket"
	run as_user nobody "$PROBE" unix "$T/socket"
	[ "$output" = OK ]
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_RO= -- "$PROBE" read "$T/socket"
		attempt EACCES "$mode" LANDSHIM_RO= -- "$PROBE" unix "$T/socket"
		# Still open: a --unix rule below ABI 9 reaches every socket.
		attempt "$want" "$mode" LANDSHIM_UNIX="$TREE" -- \
			"$PROBE" unix "$T/socket"
		attempt OK "$mode" LANDSHIM_UNRESTRICTED=unix -- \
			"$PROBE" unix "$T/socket"
	done
}

@test "gap: the dynamic loader runs a program from a directory without execute" {
	local mode loader
	loader=$(readelf -l "$PROBE" | sed -n 's/.*interpreter: \(.*\)]$/\1/p')
	[ -x "$loader" ]
	cp /bin/echo "$TREE/ro/echo"
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_ROX="$SYSTEM_ROX" \
			LANDSHIM_RO="$TREE/ro" -- "$PROBE" exec "$TREE/ro/echo" OK
		attempt OK "$mode" LANDSHIM_ROX="$SYSTEM_ROX" \
			LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" exec "$loader" "$TREE/ro/echo" OK
	done
}

@test "gap: code copied into a memfd can be executed" {
	local mode noexec
	noexec=$(cat /proc/sys/vm/memfd_noexec 2>/dev/null || echo 0)
	cp /bin/echo "$TREE/ro/echo"
	for mode in "${MODES[@]}"; do
		attempt EACCES "$mode" LANDSHIM_ROX="$SYSTEM_ROX" \
			LANDSHIM_RO="$TREE/ro" -- "$PROBE" exec "$TREE/ro/echo" OK
		run sandboxed "$mode" root LANDSHIM_ROX="$SYSTEM_ROX" \
			LANDSHIM_RO="$TREE/ro" -- \
			"$PROBE" memfd-exec "$TREE/ro/echo" OK
		# vm.memfd_noexec=1 or 2 closes the gap system-wide.
		if [ "$noexec" = 0 ]; then
			[ "$output" = OK ]
		else
			[ "$output" != OK ]
		fi
		[ "$noexec" != 0 ] ||
			attempt OK "$mode" LANDSHIM_ROX="$SYSTEM_ROX" \
				LANDSHIM_RO="$TREE/ro" -- \
				"$PROBE" memfd-exec "$TREE/ro/echo" OK
	done
}

# tiocsti_in_pty MODE USER [TTY]: in a fresh terminal, a sandboxed probe
# pushes a command into the terminal's input (of stdin, or of TTY opened
# in the sandbox); the shell outside the sandbox then reads that line.
tiocsti_in_pty() {
	sandbox_prefix "$1" LANDSHIM_RO=/dev
	# shellcheck disable=SC2016
	run as_user "$2" "$HELPERS/ptyrun" sh -c \
		'if "$@"; then read -r line && echo "outside read: $line"; fi' \
		sh "${PREFIX[@]}" "$PROBE" tiocsti "echo INJECTED" ${3:+"$3"}
}

@test "closed: TIOCSTI on an inherited terminal is refused (EPERM)" {
	local mode user want legacy
	legacy=$(cat /proc/sys/dev/tty/legacy_tiocsti 2>/dev/null || echo 1)
	for user in root nobody; do
		# Kernel 6.2+: legacy_tiocsti=0 leaves TIOCSTI to
		# CAP_SYS_ADMIN (root), EIO for others.
		want=OK
		[ "$legacy" = 1 ] || [ "$user" = root ] || want=EIO
		# shellcheck disable=SC2016
		run as_user "$user" "$HELPERS/ptyrun" sh -c \
			'if "$@"; then read -r line && echo "outside read: $line"; fi' \
			sh "$PROBE" tiocsti "echo INJECTED"
		[[ "$output" == *"$want"* ]]
		if [ "$want" = OK ]; then
			[[ "$output" == *"outside read: echo INJECTED"* ]]
		fi
	done
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			tiocsti_in_pty "$mode" "$user"
			[[ "$output" == *EPERM* ]]
			[[ "$output" != *"outside read"* ]]
			# A terminal the sandbox opens itself: the filter
			# answers before Landlock's ioctl right (ABI 5) would.
			tiocsti_in_pty "$mode" "$user" /dev/tty
			[[ "$output" == *EPERM* ]]
			[[ "$output" != *"outside read"* ]]
		done
	done
}

@test "gap: a static binary started with LD_PRELOAD runs unsandboxed" {
	run env LD_PRELOAD="$SHIM" LANDSHIM_RO= "$PROBE_STATIC" read "$TREE/other/file"
	[ "$output" = OK ]
	run env LD_PRELOAD="$SHIM" LANDSHIM_RO= "$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
}

@test "gap: the shim leaves inherited file descriptors usable" {
	run shim_run root LANDSHIM_RO= -- "$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
	run shim_run root LANDSHIM_RO= -- "$PROBE" fd-read 5 5<"$TREE/other/file"
	[ "$output" = OK ]
}
