#!/usr/bin/env bats
# The env-activated shim: every right allowed where granted and denied
# where not, as root and as nobody; children; fail-closed refusals.

load helpers

setup() {
	require_landlock
	setup_tree
	TREE=$T/tree
	PORT=$(random_port)
}

teardown() {
	stop_listeners
	teardown_tree
}

@test "read: allowed under an ro path, EACCES elsewhere" {
	expect OK LANDSHIM_RO="$TREE/ro" -- "$PROBE" read "$TREE/ro/file"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" read "$TREE/other/file"
}

@test "read: a file rule grants that file only" {
	expect OK LANDSHIM_RO="$TREE/ro/file" -- "$PROBE" read "$TREE/ro/file"
	expect EACCES LANDSHIM_RO="$TREE/ro/file" -- "$PROBE" read "$TREE/ro/victim"
}

@test "list: allowed under an ro path, EACCES elsewhere" {
	expect OK LANDSHIM_RO="$TREE/ro" -- "$PROBE" list "$TREE/ro"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" list "$TREE/other"
	expect EACCES LANDSHIM_RO="$TREE/ro/file" -- "$PROBE" list "$TREE/ro"
}

@test "write: allowed under rw, EACCES under ro" {
	expect OK LANDSHIM_RW="$TREE/rw" -- "$PROBE" write "$TREE/rw/file"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" write "$TREE/ro/file"
}

@test "create: allowed under rw, EACCES under ro" {
	expect OK LANDSHIM_RW="$TREE/rw" -- "$PROBE" create "$TREE/rw/new"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" create "$TREE/ro/new"
	expect OK LANDSHIM_RW="$TREE/rw" -- "$PROBE" mkdir "$TREE/rw/newdir"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" mkdir "$TREE/ro/newdir"
}

@test "remove: allowed under rw, EACCES under ro" {
	expect OK LANDSHIM_RW="$TREE/rw" -- "$PROBE" remove "$TREE/rw/victim"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" remove "$TREE/ro/victim"
	expect OK LANDSHIM_RW="$TREE/rw" -- "$PROBE" rmdir "$TREE/rw/sub"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" rmdir "$TREE/ro/sub"
}

@test "rename across directories: allowed within rw, denied out of ro" {
	expect OK LANDSHIM_RW="$TREE/rw" -- \
		"$PROBE" rename "$TREE/rw/file" "$TREE/rw/sub/file"
	expect EACCES LANDSHIM_RO="$TREE/ro" LANDSHIM_RW="$TREE/rw" -- \
		"$PROBE" rename "$TREE/ro/file" "$TREE/rw/file2"
	expect EACCES LANDSHIM_RW="$TREE/rw" LANDSHIM_RO="$TREE/other" -- \
		"$PROBE" rename "$TREE/rw/file" "$TREE/other/file2"
}

@test "refer: a link that would gain rights is EXDEV" {
	# rw/sub may only be read; linking its file into rw would make it
	# writable there.
	expect EXDEV LANDSHIM_RW="$TREE/rw" LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE" link "$TREE/ro/file" "$TREE/rw/linked"
	expect OK LANDSHIM_RW="$TREE/rw" -- \
		"$PROBE" link "$TREE/rw/file" "$TREE/rw/sub/linked"
}

@test "truncate: allowed under rw, EACCES under ro" {
	expect OK LANDSHIM_RW="$TREE/rw" -- "$PROBE" truncate "$TREE/rw/file"
	expect EACCES LANDSHIM_RO="$TREE/ro" -- "$PROBE" truncate "$TREE/ro/file"
}

@test "execute: allowed under rox, EACCES under ro" {
	expect OK LANDSHIM_ROX="$SYSTEM_ROX" -- "$PROBE" exec /bin/echo OK
	expect EACCES LANDSHIM_RO="$SYSTEM_ROX" -- "$PROBE" exec /bin/echo OK
}

@test "rwx grants execute, rw does not" {
	cp /bin/echo "$TREE/rw/echo"
	chmod 755 "$TREE/rw/echo"
	run shim_run root LANDSHIM_ROX=/usr:/lib:/lib64 LANDSHIM_RWX="$TREE/rw" \
		-- "$PROBE" exec "$TREE/rw/echo" OK
	[ "$output" = OK ]
	run shim_run root LANDSHIM_ROX=/usr:/lib:/lib64 LANDSHIM_RW="$TREE/rw" \
		-- "$PROBE" exec "$TREE/rw/echo" OK
	[ "$output" = EACCES ]
}

@test "TCP bind: allowed on a listed port, EACCES otherwise" {
	expect OK LANDSHIM_BIND_TCP="$PORT" -- "$PROBE" bind "$PORT"
	expect EACCES LANDSHIM_BIND_TCP="$((PORT + 1))" -- "$PROBE" bind "$PORT"
	expect OK LANDSHIM_BIND_TCP="$((PORT - 5))-$((PORT + 5))" -- \
		"$PROBE" bind "$PORT"
	expect EACCES LANDSHIM_CONNECT_TCP="$PORT" -- "$PROBE" bind "$PORT"
}

@test "TCP connect: allowed on a listed port, EACCES otherwise" {
	listen root serve-tcp "$PORT"
	expect OK LANDSHIM_CONNECT_TCP="$PORT" -- "$PROBE" connect "$PORT"
	expect EACCES LANDSHIM_RO= -- "$PROBE" connect "$PORT"
	expect EACCES LANDSHIM_BIND_TCP="$PORT" -- "$PROBE" connect "$PORT"
	expect OK LANDSHIM_UNRESTRICTED=network -- "$PROBE" connect "$PORT"
}

@test "signal to a process outside the sandbox: EPERM unless scope is lifted" {
	local user
	for user in root nobody; do
		if [ "$user" = nobody ]; then
			background setpriv --reuid=$NOBODY --regid=$NOBODY \
				--clear-groups sleep 60
		else
			background sleep 60
		fi
		run shim_run "$user" LANDSHIM_RO= -- "$PROBE" signal $!
		[ "$output" = EPERM ]
		run shim_run "$user" LANDSHIM_UNRESTRICTED=scope -- "$PROBE" signal $!
		[ "$output" = OK ]
	done
}

@test "abstract unix socket outside the sandbox: EPERM unless scope is lifted" {
	# unix: below ABI 9 the filter would refuse the socket first (EACCES).
	listen root serve-unix "@landshim-test-$PORT"
	expect EPERM LANDSHIM_UNRESTRICTED=unix -- "$PROBE" unix "@landshim-test-$PORT"
	expect OK LANDSHIM_UNRESTRICTED=unix,scope -- "$PROBE" unix "@landshim-test-$PORT"
}

@test "unrestricted filesystem lifts file rules only" {
	expect OK LANDSHIM_UNRESTRICTED=filesystem -- "$PROBE" read "$TREE/other/file"
	expect EACCES LANDSHIM_UNRESTRICTED=filesystem -- "$PROBE" bind "$PORT"
}

@test "empty policy denies everything (maximum jail)" {
	expect EACCES LANDSHIM_RO= -- "$PROBE" read /etc/hostname
	expect EACCES LANDSHIM_RO= -- "$PROBE" list /
	expect EACCES LANDSHIM_RO= -- "$PROBE" bind "$PORT"
}

@test "LL_* compatibility: LL_FS_RO is read+execute, LL_FS_RW is everything" {
	expect OK LL_FS_RO="$SYSTEM_ROX" -- "$PROBE" exec /bin/echo OK
	expect EACCES LL_FS_RO="$TREE/ro" -- "$PROBE" write "$TREE/ro/file"
	expect OK LL_FS_RW="$TREE/rw" -- "$PROBE" create "$TREE/rw/new"
	expect EACCES LL_FS_RW="$TREE/rw" -- "$PROBE" read "$TREE/other/file"
	expect OK LL_FS_RO= LL_TCP_BIND="$PORT" -- "$PROBE" bind "$PORT"
	# Unlike the kernel sample, what the variables do not grant is denied.
	expect EACCES LL_FS_RO= -- "$PROBE" bind "$PORT"
}

@test "children: 100 nested execs stay sandboxed" {
	local helpers
	helpers=$(cd "$HELPERS" && pwd -P)
	expect EACCES LANDSHIM_ROX="$SYSTEM_ROX:$helpers" -- \
		"$PROBE" chain 100 read "$TREE/other/file"
	expect OK LANDSHIM_ROX="$SYSTEM_ROX:$helpers" LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE" chain 100 read "$TREE/ro/file"
}

@test "children: no shim in LD_PRELOAD and no LANDSHIM_* variable" {
	local helpers
	helpers=$(cd "$HELPERS" && pwd -P)
	run env LD_PRELOAD="$SHIM /lib/x86_64-linux-gnu/libm.so.6" \
		LANDSHIM_ROX="$SYSTEM_ROX:$helpers" LANDSHIM_BIND_TCP=1 \
		LL_TCP_CONNECT=2 LANDSHIM_STRICT=0 "$PROBE" chain 1 env
	[ "$status" -eq 0 ]
	echo "$output" | grep -qx 'LD_PRELOAD=/lib/x86_64-linux-gnu/libm.so.6'
	! echo "$output" | grep -q 'landshim'
	! echo "$output" | grep -qE '^(LANDSHIM_|LL_)'
	run env LD_PRELOAD="$SHIM" LANDSHIM_ROX="$SYSTEM_ROX:$helpers" \
		"$PROBE" chain 1 env
	! echo "$output" | grep -q '^LD_PRELOAD='
}

# refuse VAR=VALUE...: the shim refuses (125, one landshim: line naming
# the culprit) and the program never runs: its marker file stays absent.
refuse() {
	local culprit=${1%%=*} user
	for user in root nobody; do
		reset_tree
		run shim_run "$user" LANDSHIM_RW="$TREE/rw" "$@" -- \
			"$PROBE" create "$TREE/rw/marker"
		if [ "$status" -ne 125 ] || [ -e "$TREE/rw/marker" ] ||
			[ "${#lines[@]}" -ne 1 ] ||
			[[ "${lines[0]}" != "landshim: "*"$culprit"* ]]; then
			echo "as $user, $*: status $status, output: $output" >&2
			return 1
		fi
	done
}

@test "fail closed: malformed variables" {
	refuse LANDSHIM_BIND_TCP=http
	refuse LANDSHIM_BIND_TCP=65536
	refuse LANDSHIM_CONNECT_TCP=443-80
	refuse LANDSHIM_CONNECT_TCP=80,,443
	refuse LL_TCP_BIND=-1
	refuse LL_TCP_CONNECT=x
	refuse LANDSHIM_RO=/usr::/lib
	refuse LANDSHIM_ROX=?
	refuse LANDSHIM_STRICT=maybe
	refuse LANDSHIM_BEST_EFFORT=2
	refuse LANDSHIM_ALLOW_UNSANDBOXED=
	refuse LANDSHIM_IGNORE_MISSING=sometimes
	refuse LANDSHIM_LOG_LEVEL=verbose
	refuse LANDRUN_LOG_LEVEL=trace
	refuse LANDSHIM_UNRESTRICTED=everything
	refuse LANDSHIM_LOG_FLAGS=all
	refuse LL_SCOPED=x
	refuse LANDSHIM_TYPO=1
}

@test "fail closed: a missing path, unless marked optional" {
	refuse LANDSHIM_RO=/nonexistent/landshim
	refuse LANDSHIM_ROX=/usr:/nonexistent/landshim
	refuse LL_FS_RO=/nonexistent/landshim
	expect OK LANDSHIM_RO="/nonexistent/landshim?:$TREE/rw" -- \
		"$PROBE" read "$TREE/rw/file"
	expect OK LANDSHIM_RO="/nonexistent/landshim:$TREE/rw" \
		LANDSHIM_IGNORE_MISSING=1 -- \
		"$PROBE" read "$TREE/rw/file"
}

@test "fail closed: preloaded without a policy" {
	local user
	for user in root nobody; do
		run as_user "$user" env LD_PRELOAD="$SHIM" "$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[[ "$output" == "landshim: preloaded without a policy"* ]]
		[ ! -e "$TREE/rw/marker" ]
		# Modifiers alone are no policy either.
		run as_user "$user" env LD_PRELOAD="$SHIM" LANDSHIM_STRICT=1 \
			"$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[ ! -e "$TREE/rw/marker" ]
	done
}

@test "fail closed: an AT_SECURE (setuid) process" {
	# ld.so preloads in secure mode only setuid objects from system
	# directories, named without a slash.
	local libdir=/usr/lib/x86_64-linux-gnu name
	name=liblandshim-test-$$.so
	install -m 4755 "$SHIM" "$libdir/$name"
	install -m 4755 -o root "$PROBE" "$T/suid-probe"
	run as_user nobody env LD_PRELOAD="$name" LANDSHIM_RW="$TREE/rw" \
		"$T/suid-probe" create "$TREE/rw/marker"
	rm -f "${libdir:?}/$name"
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: refusing to run in a setuid"* ]]
	[ ! -e "$TREE/rw/marker" ]
}

@test "fail closed: no Landlock refuses (125) unless allow-unsandboxed" {
	local err
	for err in ENOSYS EOPNOTSUPP; do
		reset_tree
		run "$HELPERS/nolandlock" "$err" env LD_PRELOAD="$SHIM" \
			LANDSHIM_RW="$TREE/rw" "$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[[ "$output" == "landshim: "*"refusing to run unsandboxed"* ]]
		[ ! -e "$TREE/rw/marker" ]
		run "$HELPERS/nolandlock" "$err" env LD_PRELOAD="$SHIM" \
			LANDSHIM_RW="$TREE/rw" LANDSHIM_ALLOW_UNSANDBOXED=1 \
			"$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 0 ]
		[[ "$output" == *"UNSANDBOXED"* ]]
		[ -e "$TREE/rw/marker" ]
	done
}

@test "fail closed: restrict_self failing" {
	run "$HELPERS/nolandlock" restrict env LD_PRELOAD="$SHIM" \
		LANDSHIM_RW="$TREE/rw" LANDSHIM_ALLOW_UNSANDBOXED=1 \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: landlock_restrict_self"* ]]
	[ ! -e "$TREE/rw/marker" ]
}

@test "best effort reports a dropped right at info; strict refuses" {
	# This kernel is below ABI 9: a unix-socket rule cannot be enforced.
	[ "$("$HELPERS/abi")" -lt 9 ]
	run shim_run root LANDSHIM_UNIX="$TREE/rw" LANDSHIM_LOG_LEVEL=info -- \
		"$PROBE" read /etc/hostname
	[ "$status" -eq 1 ]
	[[ "$output" == *"landshim: kernel Landlock ABI"*"resolve_unix"* ]]
	run shim_run root LANDSHIM_UNIX="$TREE/rw" -- "$PROBE" read /etc/hostname
	[ "$output" = EACCES ]
	run shim_run root LANDSHIM_UNIX="$TREE/rw" LANDSHIM_STRICT=1 -- \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: strict: "*"resolve_unix"* ]]
	run shim_run root LANDSHIM_UNIX="$TREE/rw" LANDSHIM_BEST_EFFORT=0 -- \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ ! -e "$TREE/rw/marker" ]
}

@test "the shim exports one symbol, la_version (the rtld-audit entry), and links no library" {
	run nm -D --defined-only "$SHIM"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -E ' [TDBRVWi] ' | awk '{print $3}')" = la_version ]
	run readelf -d "$SHIM"
	[ "$status" -eq 0 ]
	! echo "$output" | grep -q NEEDED
}

@test "the issue's example: hostname allowed, passwd denied" {
	run env LD_PRELOAD="$SHIM" LANDSHIM_ROX=/usr:/lib:/lib64:/bin \
		LANDSHIM_RO=/etc/hostname cat /etc/hostname
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat /etc/hostname)" ]
	run env LD_PRELOAD="$SHIM" LANDSHIM_ROX=/usr:/lib:/lib64:/bin \
		LANDSHIM_RO=/etc/hostname cat /etc/passwd
	[ "$status" -ne 0 ]
	[[ "$output" == *"Permission denied"* ]]
}

@test "no function or variable is defined by two of the libraries landshim links" {
	local lib dups
	for lib in src/core/.libs/libcore.a src/core/.libs/libpolicyfile.a \
		src/launcher/.libs/liblaunch.a src/why/.libs/libwhy.a; do
		[ -f "$top_builddir/$lib" ]
		nm -g --defined-only "$top_builddir/$lib" |
			awk 'NF == 3 && $2 ~ /[TDBR]/ { print $3 }'
	done >"$T/symbols"
	# A second definition links silently: the first library's wins.
	dups=$(sort "$T/symbols" | uniq -d)
	echo "defined twice: $dups" >&2
	[ -z "$dups" ]
}
