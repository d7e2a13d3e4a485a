#!/usr/bin/env bats
# What Landlock leaves open and landshim closes (issue 14): the seccomp
# filter (decisions 15, 17, 18, 19) and root's capabilities (20).  Each
# test first shows the operation works unsandboxed (the control), then the
# errno the sandbox answers, through the shim and the launcher, as root and
# as nobody; then that the option of its class, and only it, lifts it.

load helpers
load security

setup() {
	security_setup
	SYS_ROX=/usr:/lib:/lib64:/bin:/etc
}

teardown() {
	security_teardown
}

# both WANT MODE VARS... -- CMD...: attempt() for each mode.
both() {
	local want=$1 mode
	shift
	for mode in "${MODES[@]}"; do
		attempt "$want" "$mode" "$@" || return 1
	done
}

# both_as USER WANT VARS... -- CMD...: attempt_as() for each mode.
both_as() {
	local user=$1 want=$2 mode
	shift 2
	for mode in "${MODES[@]}"; do
		attempt_as "$user" "$want" "$mode" "$@" || return 1
	done
}

@test "MPTCP: connect and bind refused (EPROTONOSUPPORT), plain TCP still checked" {
	local user
	outside root "$PROBE" serve-tcp "$PORT"
	for user in root nobody; do
		control "$user" OK "$PROBE" mptcp-connect "$PORT"
		control "$user" OK "$PROBE" mptcp-bind "$((PORT + 1))"
	done
	both EPROTONOSUPPORT LANDSHIM_RO= -- "$PROBE" mptcp-connect "$PORT"
	both EPROTONOSUPPORT LANDSHIM_CONNECT_TCP="$PORT" -- \
		"$PROBE" mptcp-connect "$PORT"
	both OK LANDSHIM_CONNECT_TCP="$PORT" -- "$PROBE" connect "$PORT"
	both EACCES LANDSHIM_CONNECT_TCP="$((PORT + 2))" -- \
		"$PROBE" connect "$PORT"
	both EPROTONOSUPPORT LANDSHIM_BIND_TCP="$((PORT + 1))" -- \
		"$PROBE" mptcp-bind "$((PORT + 1))"
	both OK LANDSHIM_UNRESTRICTED=network -- "$PROBE" mptcp-connect "$PORT"
}

@test "UDP: socket() refused (EACCES); UDP rules let it exist" {
	local user want=OK
	for user in root nobody; do
		control "$user" OK "$PROBE" udp "$PORT"
		control "$user" OK "$PROBE" udp-bind "$PORT"
	done
	both EACCES LANDSHIM_RO= -- "$PROBE" udp "$PORT"
	both EACCES LANDSHIM_CONNECT_TCP="$PORT" -- "$PROBE" udp-bind "$PORT"
	both OK LANDSHIM_BIND_UDP="$PORT" -- "$PROBE" udp-bind "$PORT"
	# Below ABI 10 a UDP rule reaches every port: reported, not enforced.
	[ "$ABI" -lt 10 ] || want=EACCES
	both "$want" LANDSHIM_BIND_UDP="$PORT" -- "$PROBE" udp-bind "$((PORT + 1))"
	both OK LANDSHIM_UNRESTRICTED=network -- "$PROBE" udp "$PORT"
	run sandboxed launcher root LANDSHIM_LOG_LEVEL=info \
		LANDSHIM_CONNECT_UDP=53 -- "$PROBE" udp "$PORT"
	if [ "$ABI" -lt 10 ]; then
		[[ "$output" == *"lacks network right connect_send_udp (ABI 10): not restricted"* ]]
	fi
}

@test "raw and packet sockets: EACCES and EAFNOSUPPORT" {
	local user
	# nobody holds CAP_NET_RAW here, so that the control can succeed.
	for user in root nobody:net_raw; do
		control "$user" OK "$PROBE" raw
		control "$user" OK "$PROBE" packet
		both_as "$user" EACCES LANDSHIM_RO= -- "$PROBE" raw
		both_as "$user" EAFNOSUPPORT LANDSHIM_RO= -- "$PROBE" packet
		# AF_INET with SOCK_PACKET is a packet socket too.
		both_as "$user" EACCES LANDSHIM_RO= -- "$PROBE" socket 2 10 768
		# Network lifted, capabilities not: CAP_NET_RAW is gone.
		both_as "$user" EPERM LANDSHIM_UNRESTRICTED=network -- "$PROBE" raw
		both_as "$user" OK LANDSHIM_UNRESTRICTED=network,capabilities \
			-- "$PROBE" packet
	done
	control nobody EPERM "$PROBE" raw
	both_as nobody EACCES LANDSHIM_RO= -- "$PROBE" raw
}

@test "vsock and other families: EAFNOSUPPORT; netlink and socketpair work" {
	local user
	for user in root nobody; do
		control "$user" OK "$PROBE" vsock
		control "$user" OK "$PROBE" socket 16 3 0
	done
	both EAFNOSUPPORT LANDSHIM_RO= -- "$PROBE" vsock
	both OK LANDSHIM_UNRESTRICTED=network -- "$PROBE" vsock
	# AF_NETLINK (16), SOCK_RAW, NETLINK_ROUTE: reading routes is allowed.
	both OK LANDSHIM_RO= -- "$PROBE" socket 16 3 0
	both OK LANDSHIM_RO= -- "$PROBE" socketpair
}

@test "io_uring: ENOSYS whatever is unrestricted" {
	local user
	for user in root nobody; do
		control "$user" OK "$PROBE" io-uring
	done
	both ENOSYS LANDSHIM_RO= -- "$PROBE" io-uring
	both ENOSYS LANDSHIM_UNRESTRICTED=filesystem,network,scope,unix \
		-- "$PROBE" io-uring
}

@test "a command server outside (tmux): the control runs a command, the sandbox cannot" {
	local user mode sock marker
	command -v tmux >/dev/null
	for user in root nobody; do
		sock=$TREE/rw/tmux-$user
		marker=$TREE/rw/ran-$user
		# The server runs commands with $SHELL, else the login shell:
		# nobody's is nologin.
		as_user "$user" env SHELL=/bin/sh \
			tmux -f /dev/null -S "$sock" new-session -d "sleep 300"
		run as_user "$user" tmux -S "$sock" run-shell "touch $marker"
		[ -e "$marker" ]
		rm -f "$marker"
		for mode in "${MODES[@]}"; do
			run sandboxed "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" -- \
				tmux -S "$sock" run-shell "touch $marker"
			[ "$status" -ne 0 ]
			[[ "$output" == *"Permission denied"* ]]
			[ ! -e "$marker" ]
			run sandboxed "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_UNRESTRICTED=unix -- \
				tmux -S "$sock" run-shell "touch $marker"
			[ -e "$marker" ]
			rm -f "$marker"
		done
		as_user "$user" tmux -S "$sock" kill-server
	done
}

@test "unix sockets: socket(AF_UNIX) EACCES below ABI 9, socketpair works" {
	local want=EACCES
	outside root "$PROBE" serve-unix "$T/socket"
	chmod a+w "$T/socket"
	control nobody OK "$PROBE" unix "$T/socket"
	both EACCES LANDSHIM_RO= -- "$PROBE" unix "$T/socket"
	both OK LANDSHIM_RO= -- "$PROBE" socketpair
	both OK LANDSHIM_UNRESTRICTED=unix -- "$PROBE" unix "$T/socket"
	both OK LANDSHIM_UNRESTRICTED=filesystem -- "$PROBE" unix "$T/socket"
	# --unrestricted-network is another class.
	both EACCES LANDSHIM_UNRESTRICTED=network -- "$PROBE" unix "$T/socket"
	# Below ABI 9, a --unix rule lets unix sockets exist, every path.
	[ "$ABI" -ge 9 ] || want=OK
	both "$want" LANDSHIM_UNIX="$TREE" -- "$PROBE" unix "$T/socket"
}

@test "TIOCSTI typed into the parent: EPERM, also with everything unrestricted" {
	local mode user
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			sandbox_prefix "$mode" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_UNRESTRICTED=filesystem,network,scope,unix,capabilities
			# shellcheck disable=SC2016
			run as_user "$user" "$HELPERS/ptyrun" bash -c \
				"${PREFIX[*]} $PROBE tiocsti 'echo INJECTED'; read -t 1 -r l && echo outside read: \$l"
			[[ "$output" == *EPERM* ]]
			[[ "$output" != *"outside read: echo INJECTED"* ]]
		done
	done
	# The control: the same command line outside the sandbox types it.
	# shellcheck disable=SC2016
	run "$HELPERS/ptyrun" bash -c "$PROBE tiocsti 'echo INJECTED'; read -t 1 -r l && echo outside read: \$l"
	[[ "$output" == *"outside read: echo INJECTED"* ]]
}

@test "setuid and setgid modes: chmod, open(O_CREAT), mknod refused (EPERM)" {
	local user uid mode i386_want
	for user in root nobody; do
		uid=0
		[ "$user" = nobody ] && uid=$NOBODY
		reset_tree
		echo data >"$TREE/rw/mine"
		chown "$uid:$uid" "$TREE/rw/mine"
		control "$user" OK "$PROBE" chmod "$TREE/rw/mine" 4755
		[ "$(stat -c %a "$TREE/rw/mine")" = 4755 ]
		control "$user" OK "$PROBE" create-mode "$TREE/rw/made" 4755
		[ "$(stat -c %a "$TREE/rw/made")" = 4755 ]
		control "$user" OK "$PROBE" mknod-mode "$TREE/rw/node" 6755
		[ "$(stat -c %a "$TREE/rw/node")" = 6755 ]
		if i386_entry; then
			control "$user" OK "$PROBE" i386-chmod "$TREE/rw/mine" 2755
			i386_want=EPERM
		else
			i386_want=NO-I386-ENTRY
		fi
		control "$user" OK "$PROBE" chmod "$TREE/rw/mine" 755
		rm -f "$TREE/rw/made" "$TREE/rw/node"
		both_as "$user" EPERM LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" chmod "$TREE/rw/mine" 4755
		both_as "$user" EPERM LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" chmod "$TREE/rw/mine" 2755
		both_as "$user" "$i386_want" LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" i386-chmod "$TREE/rw/mine" 4755
		both_as "$user" OK LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" chmod "$TREE/rw/mine" 700
		both_as "$user" EPERM \
			LANDSHIM_UNRESTRICTED=filesystem,network,scope,unix,capabilities \
			-- "$PROBE" chmod "$TREE/rw/mine" 4755
		[ "$(stat -c %a "$TREE/rw/mine")" = 700 ]
		both_as "$user" EPERM LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" create-mode "$TREE/rw/made" 4755
		both_as "$user" EPERM LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" mknod-mode "$TREE/rw/node" 6755
		[ ! -e "$TREE/rw/made" ] && [ ! -e "$TREE/rw/node" ]
		for mode in "${MODES[@]}"; do
			attempt_as "$user" OK "$mode" LANDSHIM_RW="$TREE/rw" -- \
				"$PROBE" create-mode "$TREE/rw/made-$mode" 755
		done
		# openat2's mode cannot be inspected: ENOSYS, callers fall back.
		control "$user" OK "$PROBE" openat2 "$TREE/rw/mine"
		both_as "$user" ENOSYS LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" openat2 "$TREE/rw/mine"
	done
}

@test "a device node in an rw directory: no make_char (EACCES), no CAP_MKNOD (EPERM)" {
	local user mode
	# nobody holds CAP_MKNOD (and CAP_SYSLOG, to read the kernel log:
	# dmesg_restrict) here, so that the control can succeed.
	for user in root nobody:mknod,syslog; do
		reset_tree
		control "$user" OK "$PROBE" mknod-read "$TREE/rw/kmsg" 1 11
		rm -f "$TREE/rw/kmsg"
		both_as "$user" EACCES LANDSHIM_RW="$TREE/rw" -- \
			"$PROBE" mknod-read "$TREE/rw/kmsg" 1 11
		both_as "$user" EPERM LANDSHIM_UNRESTRICTED=filesystem -- \
			"$PROBE" mknod-read "$TREE/rw/kmsg" 1 11
		for mode in "${MODES[@]}"; do
			attempt_as "$user" OK "$mode" \
				LANDSHIM_UNRESTRICTED=filesystem,capabilities -- \
				"$PROBE" mknod-read "$TREE/rw/kmsg-$mode" 1 11
			[ -c "$TREE/rw/kmsg-$mode" ]
		done
	done
}

@test "the kernel log: /dev/kmsg needs CAP_SYSLOG, which root loses" {
	[ "$(cat /proc/sys/kernel/dmesg_restrict)" = 1 ]
	control root OK "$PROBE" read-device /dev/kmsg
	control nobody EPERM "$PROBE" read-device /dev/kmsg
	both_as root EPERM LANDSHIM_RW=/dev -- "$PROBE" read-device /dev/kmsg
	both_as root OK LANDSHIM_RW=/dev LANDSHIM_UNRESTRICTED=capabilities -- \
		"$PROBE" read-device /dev/kmsg
}

@test "the audit control socket: EPERM without CAP_AUDIT_CONTROL" {
	local user
	for user in root nobody:audit_control; do
		control "$user" OK "$PROBE" audit-get
		both_as "$user" EPERM LANDSHIM_RO= -- "$PROBE" audit-get
		both_as "$user" OK LANDSHIM_UNRESTRICTED=capabilities -- \
			"$PROBE" audit-get
	done
	control nobody EPERM "$PROBE" audit-get
}

# in_netns USER CMD...: CMD in a network namespace of its own, lo up; for
# nobody a user namespace too, where it is root.
in_netns() {
	local user=$1
	shift
	local ns=(unshare -n)
	[ "$user" = nobody ] && ns=(unshare -rn)
	as_user "$user" "${ns[@]}" sh -c 'ip link set lo up && exec "$@"' sh "$@"
}

@test "ip addr add on lo (a network namespace of the test's own): EPERM" {
	local user mode
	for user in root nobody; do
		run in_netns "$user" ip addr add 10.9.9.9/32 dev lo
		[ "$status" -eq 0 ]
		for mode in "${MODES[@]}"; do
			sandbox_prefix "$mode" LANDSHIM_ROX="$SYS_ROX"
			run in_netns "$user" "${PREFIX[@]}" \
				ip addr add 10.9.9.9/32 dev lo
			[ "$status" -ne 0 ]
			[[ "$output" == *"Operation not permitted"* ]]
			sandbox_prefix "$mode" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_UNRESTRICTED=capabilities
			run in_netns "$user" "${PREFIX[@]}" \
				ip addr add 10.9.9.9/32 dev lo
			[ "$status" -eq 0 ]
		done
	done
}

@test "root keeps what builds need: chown, reading others' files, binding low ports" {
	echo secret >"$TREE/rw/private"
	chmod 600 "$TREE/rw/private"
	chown "$NOBODY:$NOBODY" "$TREE/rw/private"
	both_as root OK LANDSHIM_RW="$TREE/rw" -- \
		"$PROBE" read "$TREE/rw/private"
	both_as root OK LANDSHIM_RW="$TREE/rw" -- \
		"$PROBE" chown "$TREE/rw/private" 0 0
	both_as root OK LANDSHIM_BIND_TCP=81 -- "$PROBE" bind 81
	run sandboxed shim root LANDSHIM_ROX="$SYS_ROX" LANDSHIM_RO=/proc -- \
		grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status
	# chown dac_override dac_read_search fowner fsetid kill setgid
	# setuid net_bind_service: bits 0-7 and 10.
	[ "${lines[0]}" = "CapInh:	0000000000000000" ]
	[ "${lines[1]}" = "CapPrm:	00000000000004ff" ]
	[ "${lines[2]}" = "CapEff:	00000000000004ff" ]
	[ "${lines[3]}" = "CapBnd:	00000000000004ff" ]
	[ "${lines[4]}" = "CapAmb:	0000000000000000" ]
	# nobody cannot drop its bounding set (no CAP_SETPCAP); no_new_privs
	# means exec gains nothing from it anyway.
	run sandboxed shim nobody:net_raw LANDSHIM_ROX="$SYS_ROX" \
		LANDSHIM_RO=/proc -- grep -E '^Cap(Prm|Amb)' /proc/self/status
	[ "${lines[0]}" = "CapPrm:	0000000000000000" ]
	[ "${lines[1]}" = "CapAmb:	0000000000000000" ]
}

@test "a static child and an env -i child keep the filter" {
	local user mode
	for user in root nobody; do
		control "$user" OK "$PROBE_STATIC" udp "$PORT"
	done
	both EACCES LANDSHIM_ROX="$SYS_ROX:$HELPERS" -- \
		"$PROBE" clearenv-exec "$PROBE_STATIC" udp "$PORT"
	both EACCES LANDSHIM_ROX="$SYS_ROX:$HELPERS" -- \
		env -i "$PROBE" udp "$PORT"
	both EPROTONOSUPPORT LANDSHIM_ROX="$SYS_ROX:$HELPERS" -- \
		env -i "$PROBE_STATIC" mptcp-connect "$PORT"
	# The launcher on a static program applies the policy itself.
	for user in root nobody; do
		run as_user "$user" "$LAUNCHER" "$PROBE_STATIC" udp "$PORT"
		[ "$output" = EACCES ]
	done
}

@test "the i386 entry (int 0x80): i386 numbers, socketcall refused (ENOSYS)" {
	local user
	if ! i386_entry; then
		both NO-I386-ENTRY LANDSHIM_RO= -- "$PROBE" i386-socketcall 2 2 0
		both NO-I386-ENTRY LANDSHIM_UNRESTRICTED=network,unix -- \
			"$PROBE" i386-socket 2 2 0
		return 0
	fi
	for user in root nobody; do
		control "$user" OK "$PROBE" i386-socket 2 2 0
		control "$user" OK "$PROBE" i386-socketcall 2 2 0
		control "$user" OK "$PROBE" i386-socket 1 1 0
	done
	both EACCES LANDSHIM_RO= -- "$PROBE" i386-socket 2 2 0
	both EPROTONOSUPPORT LANDSHIM_RO= -- "$PROBE" i386-socket 2 1 262
	both OK LANDSHIM_RO= -- "$PROBE" i386-socket 2 1 0
	both ENOSYS LANDSHIM_RO= -- "$PROBE" i386-socketcall 2 2 0
	both EACCES LANDSHIM_RO= -- "$PROBE" i386-socket 1 1 0
	both OK LANDSHIM_UNRESTRICTED=network,unix -- \
		"$PROBE" i386-socketcall 2 2 0
}

@test "each option lifts exactly its class" {
	outside root "$PROBE" serve-unix "$T/socket"
	chmod a+w "$T/socket"
	# network: UDP, MPTCP, vsock; not unix sockets, io_uring or chmod u+s.
	both OK LANDSHIM_UNRESTRICTED=network -- "$PROBE" udp "$PORT"
	both OK LANDSHIM_UNRESTRICTED=network -- "$PROBE" vsock
	both EACCES LANDSHIM_UNRESTRICTED=network -- "$PROBE" unix "$T/socket"
	both ENOSYS LANDSHIM_UNRESTRICTED=network -- "$PROBE" io-uring
	both EPERM LANDSHIM_UNRESTRICTED=network -- "$PROBE" audit-get
	# unix: unix sockets only.
	both OK LANDSHIM_UNRESTRICTED=unix -- "$PROBE" unix "$T/socket"
	both EACCES LANDSHIM_UNRESTRICTED=unix -- "$PROBE" udp "$PORT"
	both EACCES LANDSHIM_UNRESTRICTED=unix -- "$PROBE" read "$T/socket"
	# capabilities: root's capabilities only.
	both_as root OK LANDSHIM_UNRESTRICTED=capabilities -- "$PROBE" audit-get
	both EACCES LANDSHIM_UNRESTRICTED=capabilities -- "$PROBE" udp "$PORT"
	both EACCES LANDSHIM_UNRESTRICTED=capabilities -- \
		"$PROBE" unix "$T/socket"
}

@test "strict: passes by default (the filter covers unix sockets), refuses UDP rules below ABI 10" {
	both OK LANDSHIM_STRICT=1 LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE" read "$TREE/ro/file"
	if [ "$ABI" -lt 10 ]; then
		run "$LAUNCHER" --strict --connect-udp 53 "$PROBE" read /
		[ "$status" -eq 125 ]
		[ "$output" = "landshim: strict: this kernel (Landlock ABI $ABI) cannot restrict network right bind_udp (needs ABI 10)" ]
		run env LD_PRELOAD="$SHIM" LANDSHIM_STRICT=1 \
			LANDSHIM_CONNECT_UDP=53 "$PROBE" read /
		[ "$status" -eq 125 ]
		[[ "$output" == *"cannot restrict network right bind_udp (needs ABI 10)"* ]]
	fi
	if [ "$ABI" -lt 9 ]; then
		run "$LAUNCHER" --strict --unix "$T" "$PROBE" read /
		[ "$status" -eq 125 ]
		[[ "$output" == *"cannot restrict filesystem right resolve_unix (needs ABI 9)"* ]]
		run "$LAUNCHER" --strict --unrestricted-unix "$PROBE" read /
		[ "$output" = EACCES ]
	fi
	# Best effort reports the same at info level and runs.
	run "$LAUNCHER" --log-level info --unix "$T" "$PROBE" read "$TREE/ro/file"
	[ "${lines[-1]}" = EACCES ]
}

@test "--unrestricted-filesystem ignores path rules, missing ones included" {
	lexpect OK --unrestricted-filesystem --ro "$T/missing" \
		"$PROBE" read "$TREE/other/file"
	expect OK LANDSHIM_UNRESTRICTED=filesystem LANDSHIM_RO="$T/missing" -- \
		"$PROBE" read "$TREE/other/file"
	lexpect EACCES --unrestricted-filesystem --ro "$T/missing" \
		"$PROBE" udp "$PORT"
	run "$LAUNCHER" --ro "$T/missing" "$PROBE" read "$TREE/other/file"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --ro: $T/missing: No such file or directory" ]
}

@test "--explain and --check: what Landlock enforces, what the filter does, what is dropped" {
	run "$LAUNCHER" --explain --connect-udp 53 --bind-udp 5353
	[[ "$output" == *"Landlock (ABI $ABI) enforces:"* ]]
	[[ "$output" == *"the filter (seccomp) enforces:"$'\n'"  always: TIOCSTI"* ]]
	[[ "$output" == *"  network: UDP, ICMP and raw sockets"* ]]
	[[ "$output" == *"capabilities: root keeps chown, dac_override"* ]]
	if [ "$ABI" -lt 10 ]; then
		[[ "$output" == *"udp bind: EVERY port"* ]]
		[[ "$output" == *"  network right connect_send_udp: needs ABI 10, not restricted"* ]]
	else
		[[ "$output" == *"udp bind: 5353 (and 0: connect rules auto-bind)"* ]]
		[[ "$output" == *"udp connect and send: 53"* ]]
	fi
	run "$LAUNCHER" --explain
	if [ "$ABI" -lt 10 ]; then
		[[ "$output" == *"udp connect and send: none (the filter refuses UDP sockets"* ]]
	fi
	if [ "$ABI" -lt 9 ]; then
		[[ "$output" == *"pathname unix sockets: none (the filter refuses socket(AF_UNIX)"* ]]
		[[ "$output" == *"  unix sockets: socket(AF_UNIX) refused"* ]]
	fi
	[[ "$output" == *"dropped by this kernel (Landlock ABI $ABI): nothing"* ]]
	run "$LAUNCHER" --explain --unrestricted-network --unrestricted-unix \
		--unrestricted-capabilities
	[[ "$output" == *"udp bind: unrestricted"* ]]
	[[ "$output" == *"pathname unix sockets: unrestricted"* ]]
	[[ "$output" == *"capabilities: unrestricted"* ]]
	[[ "$output" != *"  network: UDP"* ]]
	run "$LAUNCHER" --check
	[[ "$output" == *"seccomp filter: available"* ]]
	[[ "$output" == *"ABI 10 UDP bind, connect and send"* ]]
	if [ "$ABI" -lt 9 ]; then
		[[ "$output" == *"pathname unix sockets"*"NOT enforced: the filter refuses socket(AF_UNIX)"* ]]
	fi
}

@test "--print-env carries UDP rules and the new classes" {
	run "$LAUNCHER" --print-env --bind-udp 5353 --connect-udp 53,123 \
		--unrestricted-unix --unrestricted-capabilities
	[[ "$output" == *"export LANDSHIM_BIND_UDP='5353'"* ]]
	[[ "$output" == *"export LANDSHIM_CONNECT_UDP='53,123'"* ]]
	[[ "$output" == *"export LANDSHIM_UNRESTRICTED='unix,capabilities'"* ]]
	"$LAUNCHER" --print-env --connect-udp "$PORT" >"$T/env"
	chmod 644 "$T/env"
	run as_user nobody /bin/sh -c '. "$1" && exec "$2" udp "$3"' sh \
		"$T/env" "$PROBE" "$PORT"
	[ "$output" = OK ]
	"$LAUNCHER" --print-env >"$T/env"
	run as_user nobody /bin/sh -c '. "$1" && exec "$2" udp "$3"' sh \
		"$T/env" "$PROBE" "$PORT"
	[ "$output" = EACCES ]
	# The kernel sample's variables.
	expect OK LL_FS_RO= LL_UDP_CONNECT_SEND="$PORT" -- "$PROBE" udp "$PORT"
	expect OK LL_FS_RO= LL_UDP_BIND="$PORT" -- "$PROBE" udp-bind "$PORT"
}

@test "config files: bind_udp, connect_udp, unrestricted unix and capabilities" {
	cat >"$T/udp.conf" <<-EOF
		connect_udp = $PORT;
		bind_udp = [ $((PORT + 1)) ];
		unrestricted = [ "unix", "capabilities" ];
	EOF
	chmod 644 "$T/udp.conf"
	outside root "$PROBE" serve-unix "$T/socket"
	chmod a+w "$T/socket"
	lexpect OK --config "$T/udp.conf" "$PROBE" udp "$PORT"
	lexpect OK --config "$T/udp.conf" "$PROBE" unix "$T/socket"
	expect OK LANDSHIM_CONFIG="$T/udp.conf" -- "$PROBE" udp-bind "$((PORT + 1))"
	both_as root OK LANDSHIM_CONFIG="$T/udp.conf" -- "$PROBE" audit-get
}

@test "threads: the filter reaches them all; root's capabilities with threads are refused" {
	local threadlib=$top_builddir/tests/helpers/.libs/libthreadlib.so
	local all=filesystem,network,scope,unix
	echo data >"$TREE/rw/mine"
	chmod 666 "$TREE/rw/mine"
	# LD_PRELOAD constructors run last to first: the thread starts first.
	run env LD_PRELOAD="$SHIM $threadlib" LANDSHIM_UNRESTRICTED=$all \
		"$PROBE" chmod "$TREE/rw/mine" 4755
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: other threads are running (started before the sandbox, e.g. by another library's constructor): they would keep root's capabilities, which are per thread (use --unrestricted-capabilities to keep them in every thread)" ]
	run as_user nobody env LD_PRELOAD="$SHIM $threadlib" \
		LANDSHIM_UNRESTRICTED=$all "$PROBE" chmod "$TREE/rw/mine" 4755
	[ "$output" = EPERM ]
	run env LD_PRELOAD="$SHIM $threadlib" \
		LANDSHIM_UNRESTRICTED=$all,capabilities \
		"$PROBE" chmod "$TREE/rw/mine" 4755
	[ "$output" = EPERM ]
	[ "$(stat -c %a "$TREE/rw/mine")" = 666 ]
	# With a Landlock ruleset below ABI 8 a thread is refused anyway.
	if [ "$ABI" -lt 8 ]; then
		run as_user nobody env LD_PRELOAD="$SHIM $threadlib" \
			LANDSHIM_RW="$TREE/rw" "$PROBE" read "$TREE/rw/mine"
		[ "$status" -eq 125 ]
		[[ "$output" == *"they would stay unsandboxed" ]]
	fi
}
