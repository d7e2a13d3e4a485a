#!/usr/bin/env bats
# The landshim launcher: every option, every exit code, the static and
# setuid paths, fd closing, the environment, and the --print-env round trip;
# each allowed case next to its denied one, as root and as nobody.

load helpers

PROBE_STATIC=$HELPERS/probe-static
# Everything readable, the secrets carved out (a rule on / without them
# gets a warning on stderr: DESIGN.md decision 28).
ROX_ALL=(--rox / --profile secrets)

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


# lrefuse CULPRIT OPTIONS...: landshim refuses with 125 and one line
# "landshim: CULPRIT...", and the command never runs (no marker file).
lrefuse() {
	local culprit=$1
	shift
	reset_tree
	run "$LAUNCHER" --rw "$TREE/rw" "$@" "$PROBE" create "$TREE/rw/marker"
	if [ "$status" -ne 125 ] || [ "${#lines[@]}" -ne 1 ] ||
		[[ "${lines[0]}" != "landshim: $culprit"* ]] ||
		[ -e "$TREE/rw/marker" ]; then
		echo "landshim $*: status $status, output: $output" >&2
		return 1
	fi
}

@test "--version and --help" {
	run "$LAUNCHER" --version
	[ "$status" -eq 0 ]
	[[ "$output" == "landshim "[0-9]* ]]
	for opt in --help -h; do
		run "$LAUNCHER" "$opt"
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "Usage: landshim "* ]]
		[[ "$output" == *"--print-env"* ]]
	done
}

@test "--ro: read allowed below the path, EACCES elsewhere" {
	lexpect OK --ro "$TREE/ro" "$PROBE" read "$TREE/ro/file"
	lexpect EACCES --ro "$TREE/ro" "$PROBE" read "$TREE/other/file"
	lexpect EACCES --ro "$TREE/ro" "$PROBE" write "$TREE/ro/file"
	lexpect EACCES --ro "$TREE/ro" "$PROBE" exec /bin/echo OK
}

@test "--rox: execute allowed; --ro alone: EACCES" {
	lexpect OK --rox /usr,/lib,/lib64,/bin "$PROBE" exec /bin/echo OK
	lexpect EACCES --ro /usr,/lib,/lib64,/bin "$PROBE" exec /bin/echo OK
}

@test "--rw and --rwx: write and create allowed, execute only with --rwx" {
	lexpect OK --rw "$TREE/rw" "$PROBE" write "$TREE/rw/file"
	lexpect OK --rw "$TREE/rw" "$PROBE" create "$TREE/rw/new"
	lexpect EACCES --rw "$TREE/rw" "$PROBE" create "$TREE/other/new"
	cp /bin/echo "$T/echo"
	chmod 755 "$T/echo"
	lexpect OK --rox /usr,/lib,/lib64 --rwx "$T/echo" \
		"$PROBE" exec "$T/echo" OK
	lexpect EACCES --rox /usr,/lib,/lib64 --rw "$T/echo" \
		"$PROBE" exec "$T/echo" OK
}

@test "a file rule gets file rights only" {
	lexpect OK --rw "$TREE/rw/file" "$PROBE" write "$TREE/rw/file"
	lexpect EACCES --rw "$TREE/rw/file" "$PROBE" write "$TREE/rw/victim"
	lexpect EACCES --rw "$TREE/rw/file" "$PROBE" create "$TREE/rw/new"
}

@test "repeated flags and comma lists add up" {
	lexpect OK --ro "$TREE/ro" --ro "$TREE/other" \
		"$PROBE" read "$TREE/other/file"
	lexpect OK --ro "$TREE/ro,$TREE/other" "$PROBE" read "$TREE/other/file"
	lexpect EACCES --ro "$TREE/ro,$TREE/other" "$PROBE" read "$TREE/rw/file"
	lexpect OK --bind-tcp "$((PORT + 1))" --bind-tcp "$PORT" \
		"$PROBE" bind "$PORT"
	lexpect OK --bind-tcp "1,$PORT" "$PROBE" bind "$PORT"
	lexpect EACCES --bind-tcp "1,$((PORT + 1))" "$PROBE" bind "$PORT"
}

@test "--opt=value and landrun's single-dash -opt work too" {
	lexpect OK --ro="$TREE/ro" "$PROBE" read "$TREE/ro/file"
	lexpect OK -ro "$TREE/ro" "$PROBE" read "$TREE/ro/file"
	lexpect EACCES -ro="$TREE/ro" "$PROBE" read "$TREE/other/file"
}

@test "relative paths resolve against the current directory" {
	# (lexpect recreates $T/tree: stand in $T.)
	cd "$T"
	lexpect OK --ro tree/ro "$PROBE" read "$TREE/ro/file"
	lexpect OK --ro ./tree/ro/ "$PROBE" read "$TREE/ro/file"
	lexpect EACCES --ro tree/ro "$PROBE" read "$TREE/other/file"
	mkdir -m 755 "$T/here"
	echo data >"$T/here/file"
	cd "$T/here"
	lexpect OK --ro . "$PROBE" read "$T/here/file"
	lexpect EACCES --ro . "$PROBE" read "$TREE/other/file"
	run "$LAUNCHER" --ro file --print-env
	[[ "$output" == *"export LANDSHIM_RO='$T/here/file'"* ]]
}

@test "option parsing stops at the command and at --" {
	run "$LAUNCHER" "${ROX_ALL[@]}" /bin/echo --ro -la --explain
	[ "$status" -eq 0 ]
	[ "$output" = "--ro -la --explain" ]
	run "$LAUNCHER" "${ROX_ALL[@]}" -- /usr/bin/printf '%s\n' --version
	[ "$output" = "--version" ]
	run "$LAUNCHER" "${ROX_ALL[@]}" -- --version
	[ "$status" -eq 127 ]
	# A command named like a mode is a command.
	mkdir "$T/bin"
	printf '#!/bin/sh\necho "learn ran: $*"\n' >"$T/bin/learn"
	chmod 755 "$T/bin/learn"
	PATH=$T/bin:$PATH run "$LAUNCHER" "${ROX_ALL[@]}" learn --why
	[ "$status" -eq 0 ]
	[ "$output" = "learn ran: --why" ]
}

@test "--exec (landrun 0.1): --ro and --rw paths gain execute" {
	lexpect OK --ro /usr,/lib,/lib64,/bin --exec "$PROBE" exec /bin/echo OK
	lexpect EACCES --ro /usr,/lib,/lib64,/bin "$PROBE" exec /bin/echo OK
	cp /bin/echo "$TREE/rw/echo"
	run "$LAUNCHER" --ro /usr,/lib,/lib64 --rw "$TREE/rw" --exec \
		"$PROBE" exec "$TREE/rw/echo" OK
	[ "$output" = OK ]
	# It is a switch: the next word is the command.
	run "$LAUNCHER" --ro /usr,/lib,/lib64,/bin --exec /bin/echo hello
	[ "$output" = hello ]
}

@test "--bind-tcp and --connect-tcp: listed ports and ranges only" {
	lexpect OK --bind-tcp "$PORT" "$PROBE" bind "$PORT"
	lexpect EACCES --bind-tcp "$((PORT + 1))" "$PROBE" bind "$PORT"
	lexpect OK --bind-tcp "$((PORT - 3))-$((PORT + 3))" "$PROBE" bind "$PORT"
	lexpect EACCES --connect-tcp "$PORT" "$PROBE" bind "$PORT"
	listen root serve-tcp "$PORT"
	lexpect OK --connect-tcp "$PORT" "$PROBE" connect "$PORT"
	lexpect EACCES --connect-tcp "$((PORT + 1))" "$PROBE" connect "$PORT"
	lexpect EACCES --bind-tcp "$PORT" "$PROBE" connect "$PORT"
}

@test "--unrestricted-filesystem and --unrestricted-network lift one class" {
	lexpect OK --unrestricted-filesystem "$PROBE" read "$TREE/other/file"
	lexpect EACCES --unrestricted-filesystem "$PROBE" bind "$PORT"
	lexpect OK --unrestricted-network "$PROBE" bind "$PORT"
	lexpect EACCES --unrestricted-network "$PROBE" read "$TREE/other/file"
}

@test "--unrestricted-scope and --unrestricted-scoped lift scoping" {
	local opt
	for opt in --unrestricted-scope --unrestricted-scoped; do
		background sleep 60
		run "$LAUNCHER" "$PROBE" signal $!
		[ "$output" = EPERM ]
		run "$LAUNCHER" "$opt" "$PROBE" signal $!
		[ "$output" = OK ]
		run "$LAUNCHER" "$opt" "$PROBE" read "$TREE/other/file"
		[ "$output" = EACCES ]
	done
	listen root serve-unix "@landshim-launcher-$PORT"
	lexpect EPERM --unrestricted-unix "$PROBE" unix "@landshim-launcher-$PORT"
	lexpect OK --unrestricted-unix --unrestricted-scoped \
		"$PROBE" unix "@landshim-launcher-$PORT"
}

@test "--ignore-missing skips missing paths; without it they are errors" {
	lexpect OK --ignore-missing --ro "$T/missing,$TREE/ro" \
		"$PROBE" read "$TREE/ro/file"
	lexpect EACCES --ignore-missing --ro "$T/missing,$TREE/ro" \
		"$PROBE" read "$TREE/other/file"
	lrefuse "--ro: $T/missing: No such file" --ro "$T/missing"
	# A trailing ? marks one path optional.
	lexpect OK --ro "$T/missing?" --ro "$TREE/ro" \
		"$PROBE" read "$TREE/ro/file"
}

@test "--unix: enforced from ABI 9; dropped with a report below, --strict refuses" {
	local abi
	abi=$("$HELPERS/abi")
	listen root serve-unix "$T/sock"
	listen root serve-unix "$T/other-sock"
	if [ "$abi" -ge 9 ]; then
		lexpect OK --unix "$T/sock" "$PROBE" unix "$T/sock"
		lexpect EACCES --unix "$T/sock" "$PROBE" unix "$T/other-sock"
	else
		run "$LAUNCHER" --log-level info --unix "$T/sock" \
			"$PROBE" unix "$T/other-sock"
		[ "${lines[0]}" = "landshim: kernel Landlock ABI $abi lacks filesystem right resolve_unix (ABI 9): not restricted" ]
		[[ "${lines[1]}" == *"sandboxed by landshim itself"* ]]
		[ "${lines[2]}" = OK ]
		lrefuse "strict: this kernel (Landlock ABI $abi) cannot restrict filesystem right resolve_unix" \
			--strict --unix "$T/sock"
	fi
	lrefuse "--unix: $T/missing-sock: No such file" --unix "$T/missing-sock"
}

@test "--strict refuses what the kernel cannot enforce; --best-effort is the default" {
	local abi
	abi=$("$HELPERS/abi")
	run "$LAUNCHER" --strict --best-effort --ro "$TREE/ro" \
		"$PROBE" read "$TREE/ro/file"
	[ "$output" = OK ]
	run "$LAUNCHER" --best-effort --ro "$TREE/ro" "$PROBE" read "$TREE/rw/file"
	[ "$output" = EACCES ]
	if [ "$abi" -lt 9 ]; then
		# Strictness once asked for is not undone by --best-effort.
		lrefuse "strict: " --best-effort --strict --unix "$TREE/rw"
		lrefuse "strict: " --unix "$TREE/rw" --best-effort \
			--strict
		run env LANDSHIM_STRICT=1 "$LAUNCHER" --best-effort \
			--unix "$TREE/rw" "$PROBE" read "$TREE/ro/file"
		[ "$status" -eq 125 ]
	fi
}

@test "audit-log flags reach the policy (and --explain, --print-env)" {
	run "$LAUNCHER" --log-disable-originating --log-enable-subprocesses \
		--log-disable-subdomains --ro "$TREE/ro" \
		"$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
	run "$LAUNCHER" --log-disable-originating --log-disable-subdomains \
		--explain
	[[ "$output" == *"audit-log flags: log_same_exec_off log_subdomains_off"* ]]
	run "$LAUNCHER" --explain
	[[ "$output" == *"audit-log flags: none"* ]]
	run "$LAUNCHER" --log-enable-subprocesses --print-env
	[[ "$output" == *"export LANDSHIM_LOG_FLAGS='enable-subprocesses'"* ]]
}

@test "--log-level: info shows what landshim does, error hides it" {
	run "$LAUNCHER" --log-level info --ro "$TREE/ro" \
		"$PROBE_STATIC" read "$TREE/ro/file"
	[ "${lines[0]}" = "landshim: $PROBE_STATIC: sandboxed by landshim itself, then executed" ]
	[ "${lines[1]}" = OK ]
	run "$LAUNCHER" --log-level error --ro "$TREE/ro" \
		"$PROBE_STATIC" read "$TREE/ro/file"
	[ "$output" = OK ]
	run env LANDSHIM_LOG_LEVEL=info "$LAUNCHER" --ro "$TREE/ro" \
		"$PROBE_STATIC" read "$TREE/ro/file"
	[[ "${lines[0]}" == "landshim: "*"sandboxed by landshim itself"* ]]
	lrefuse "--log-level: unknown log level \"verbose\"" --log-level verbose
}

@test "--allow-unsandboxed: without Landlock, refuse (125) unless given" {
	local err
	for err in ENOSYS EOPNOTSUPP; do
		reset_tree
		run "$HELPERS/nolandlock" "$err" "$LAUNCHER" --rw "$TREE/rw" \
			"$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[[ "$output" == "landshim: "*"refusing to run unsandboxed"* ]]
		[ ! -e "$TREE/rw/marker" ]
		run "$HELPERS/nolandlock" "$err" "$LAUNCHER" --allow-unsandboxed \
			--rw "$TREE/rw" "$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "landshim: "*"UNSANDBOXED"* ]]
		[ "${#lines[@]}" -eq 2 ]
		[ -e "$TREE/rw/marker" ]
	done
}

@test "--config and --profile: file < environment < command line, lists unite" {
	mkdir -p "$T/xdg/landshim/profiles"
	printf 'ro = ["%s"];\nlog_level = "error";\n' "$TREE/ro" >"$T/my.conf"
	printf 'rw = ["%s"];\n' "$TREE/rw" \
		>"$T/xdg/landshim/profiles/mine.conf"
	export XDG_CONFIG_HOME=$T/xdg
	lexpect OK --config "$T/my.conf" "$PROBE" read "$TREE/ro/file"
	lexpect EACCES --config "$T/my.conf" "$PROBE" read "$TREE/other/file"
	lexpect OK --profile mine "$PROBE" write "$TREE/rw/file"
	lexpect EACCES --profile mine "$PROBE" write "$TREE/ro/file"
	# Lists are unions of all three sources.
	run env LANDSHIM_RO="$TREE/other" "$LAUNCHER" --config "$T/my.conf" \
		--profile mine --ro /etc/hostname "$PROBE" read "$TREE/other/file"
	[ "$output" = OK ]
	run env LANDSHIM_RO="$TREE/other" "$LAUNCHER" --config "$T/my.conf" \
		--profile mine --ro /etc/hostname "$PROBE" read "$TREE/ro/file"
	[ "$output" = OK ]
	# Single values: the environment beats the file, the command line both.
	run env LANDSHIM_LOG_LEVEL=info "$LAUNCHER" --config "$T/my.conf" \
		"$PROBE_STATIC" read "$TREE/ro/file"
	[[ "${lines[0]}" == "landshim: "*"sandboxed by landshim itself"* ]]
	[ "${lines[1]}" = OK ]
	run env LANDSHIM_LOG_LEVEL=info "$LAUNCHER" --config "$T/my.conf" \
		--log-level error "$PROBE_STATIC" read "$TREE/ro/file"
	[ "$output" = OK ]
	lrefuse "--config: " --config "$T/missing.conf"
	lrefuse "--profile: " --profile no-such-profile
	printf 'ro = [' >"$T/bad.conf"
	lrefuse "--config: $T/bad.conf:" --config "$T/bad.conf"
}

@test "the environment is kept; policy variables are consumed, not passed on" {
	run env FOO=bar LANDSHIM_RO="$TREE/ro" LL_TCP_BIND=1 "$LAUNCHER" \
		--ro "$TREE/other" "$PROBE" env
	[ "$status" -eq 0 ]
	echo "$output" | grep -qx FOO=bar
	! echo "$output" | grep -qE '^(LANDSHIM_|LL_|LD_PRELOAD=)'
	# The environment's rules joined the command line's.
	run env LANDSHIM_RO="$TREE/ro" "$LAUNCHER" --ro "$TREE/other" \
		"$PROBE" read "$TREE/ro/file"
	[ "$output" = OK ]
	run env LANDSHIM_RO="$TREE/ro" "$LAUNCHER" --ro "$TREE/other" \
		"$PROBE" read "$TREE/rw/file"
	[ "$output" = EACCES ]
}

@test "a shell's children get neither the shim nor the policy" {
	# bash has its own setenv()/unsetenv(), inert before its main().
	local libm=/lib/x86_64-linux-gnu/libm.so.6
	run "$LAUNCHER" --rox /usr,/lib,/lib64 /usr/bin/bash -c /usr/bin/env
	[ "$status" -eq 0 ]
	! echo "$output" | grep -qE '^(LANDSHIM_|LD_PRELOAD=)|ERROR'
	run env LD_PRELOAD="$libm" "$LAUNCHER" --rox /usr,/lib,/lib64 \
		/usr/bin/bash -c '/usr/bin/env; cat /etc/hostname'
	! echo "$output" | grep -qE '^LANDSHIM_|liblandshim|ERROR'
	echo "$output" | grep -qx "LD_PRELOAD=$libm"
	[[ "$output" == *"/etc/hostname: Permission denied" ]]
}

@test "the caller's LD_PRELOAD entries are kept after the shim" {
	local libm=/lib/x86_64-linux-gnu/libm.so.6
	run env LD_PRELOAD="$libm" "$LAUNCHER" --ro "$TREE/ro" "$PROBE" env
	echo "$output" | grep -qx "LD_PRELOAD=$libm"
	run env LD_PRELOAD="$libm" "$LAUNCHER" --ro "$TREE/ro" \
		"$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
}

@test "--clear-env and --env NAME[=VALUE] (landrun's environment)" {
	run env FOO=bar KEEP=me "$LAUNCHER" --clear-env --env KEEP \
		--env SET=value --env UNSET_VAR "$PROBE" env
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | sort | tr '\n' ' ')" = "KEEP=me SET=value " ]
	run env FOO=bar "$LAUNCHER" --env FOO=baz --env NEW=1 "$PROBE" env
	echo "$output" | grep -qx FOO=baz
	echo "$output" | grep -qx NEW=1
	# The sandbox is there with a cleared environment too.
	run "$LAUNCHER" --clear-env "$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
	# PATH is looked up in the command's environment, like env(1).
	mkdir "$T/bin"
	cp "$PROBE" "$T/bin/myprobe"
	run "$LAUNCHER" --clear-env --env PATH="$T/bin" myprobe read /etc/hostname
	[ "$output" = EACCES ]
	run "$LAUNCHER" --clear-env myprobe read /etc/hostname
	[ "$status" -eq 127 ]
	lrefuse "--env: LANDSHIM_RO: a policy variable" --env LANDSHIM_RO=/
	lrefuse "--env: LL_FS_RW: a policy variable" --env LL_FS_RW=/
	lrefuse '--env: "=x": expected NAME' --env =x
}

@test "fds above 2 are closed before exec unless --keep-fd" {
	exec 7<"$TREE/other/file"
	run "$LAUNCHER" "${ROX_ALL[@]}" -- sh -c 'cat <&7'
	[ "$status" -ne 0 ]
	[[ "$output" == *"Bad file descriptor"* ]]
	run "$LAUNCHER" "${ROX_ALL[@]}" --keep-fd 7 -- sh -c 'cat <&7'
	[ "$output" = data ]
	# Landlock does not restrict an fd opened before the sandbox.
	run "$LAUNCHER" --keep-fd 0,7 -- "$PROBE" read /dev/fd/7
	[ "$output" = EACCES ]
	exec 7<"$TREE/other/file"
	run "$LAUNCHER" --rox /usr,/lib,/lib64,/bin --keep-fd 7 -- sh -c 'cat <&7'
	[ "$output" = data ]
	exec 7<&-
	lrefuse "--keep-fd 9: Bad file descriptor" --keep-fd 9
	lrefuse '--keep-fd: invalid fd "x"' --keep-fd x
	lrefuse '--keep-fd: invalid fd "-1"' --keep-fd -1
}

@test "exit codes: 125 refused, 126 not executable, 127 not found" {
	lrefuse "--frobnicate: unknown option" --frobnicate
	run "$LAUNCHER" --ro
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --ro: missing value" ]
	lrefuse "--ro: empty value" --ro ''
	lrefuse "--clear-env: takes no value" --clear-env=1
	lrefuse '--bind-tcp: invalid port "http"' --bind-tcp http
	lrefuse "--connect-tcp: port 70000 out of range" --connect-tcp 70000
	lrefuse '--ro: empty element in' --ro "$TREE/ro,"
	lrefuse "--check: cannot be combined with --explain" --explain --check
	run "$LAUNCHER" --ro /
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: no command given (see landshim --help)" ]
	echo data >"$T/noexec"
	run "$LAUNCHER" --rox / "$T/noexec"
	[ "$status" -eq 126 ]
	[ "$output" = "landshim: $T/noexec: Permission denied" ]
	run "$LAUNCHER" --rox / "$T"
	[ "$status" -eq 126 ]
	mkdir "$T/bin"
	cp "$T/noexec" "$T/bin/noexec"
	PATH=$T/bin:$PATH run "$LAUNCHER" --rox / noexec
	[ "$status" -eq 126 ]
	run "$LAUNCHER" --rox / landshim-no-such-command
	[ "$status" -eq 127 ]
	[ "$output" = "landshim: landshim-no-such-command: command not found" ]
	run "$LAUNCHER" --rox / "$T/missing"
	[ "$status" -eq 127 ]
	# Neither ELF nor "#!": sandboxed like any command, exec refuses it.
	printf 'echo hi\n' >"$T/no-shebang"
	chmod 755 "$T/no-shebang"
	run "$LAUNCHER" --log-level info "${ROX_ALL[@]}" "$T/no-shebang"
	[ "$status" -eq 126 ]
	[[ "${lines[0]}" == *"$T/no-shebang: sandboxed by landshim itself"* ]]
	[ "${lines[1]}" = "landshim: $T/no-shebang: Exec format error" ]
	printf '#!/nonexistent/interpreter\n' >"$T/orphan"
	chmod 755 "$T/orphan"
	run "$LAUNCHER" "${ROX_ALL[@]}" "$T/orphan"
	[ "$status" -eq 127 ]
	[ "$output" = "landshim: $T/orphan: No such file or directory" ]
}

@test "exit codes: the command's status; a signal shows as 128+N" {
	run "$LAUNCHER" /bin/sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run "$LAUNCHER" /bin/sh -c 'exit 0'
	[ "$status" -eq 0 ]
	run "$LAUNCHER" /bin/sh -c 'kill -TERM $$'
	[ "$status" -eq 143 ]
	run "$LAUNCHER" /bin/sh -c 'kill -KILL $$'
	[ "$status" -eq 137 ]
	# Because landshim execs in place: the command has landshim's pid.
	run /bin/sh -c 'echo $$; exec "$@"' sh "$LAUNCHER" /bin/sh -c 'echo $$'
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "${lines[1]}" ]
}

@test "a static binary: landshim applies the policy itself, same result" {
	local op
	for op in "read $TREE/ro/file" "read $TREE/other/file" \
		"write $TREE/rw/file" "write $TREE/ro/file" \
		"create $TREE/rw/new" "bind $PORT"; do
		# shellcheck disable=SC2086
		run "$LAUNCHER" --ro "$TREE/ro" --rw "$TREE/rw" "$PROBE" $op
		local want=$output
		# shellcheck disable=SC2086
		lexpect "$want" --ro "$TREE/ro" --rw "$TREE/rw" "$PROBE_STATIC" $op
	done
	lexpect OK --ro "$TREE/ro" "$PROBE_STATIC" read "$TREE/ro/file"
	lexpect EACCES --ro "$TREE/ro" "$PROBE_STATIC" read "$TREE/other/file"
	lexpect OK --bind-tcp "$PORT" "$PROBE_STATIC" bind "$PORT"
	lexpect EACCES --bind-tcp "$((PORT + 1))" "$PROBE_STATIC" bind "$PORT"
	# Preloading alone cannot reach it: it would run unsandboxed.
	run env LD_PRELOAD="$SHIM" LANDSHIM_RO="$TREE/ro" \
		"$PROBE_STATIC" read "$TREE/other/file"
	[ "$output" = OK ]
}

@test "setuid, setgid and file-capability copies: sandboxed like the probe" {
	local copy
	install -m 4755 -o root "$PROBE" "$T/probe-setuid"
	install -m 2755 -o root "$PROBE" "$T/probe-setgid"
	install -m 0755 -o root "$PROBE" "$T/probe-caps"
	setcap cap_net_bind_service+ep "$T/probe-caps"
	for copy in probe-setuid probe-setgid probe-caps; do
		lexpect OK --ro "$TREE/ro" "$T/$copy" read "$TREE/ro/file"
		lexpect EACCES --ro "$TREE/ro" "$T/$copy" read "$TREE/other/file"
		lexpect OK --rw "$TREE/rw" "$T/$copy" create "$TREE/rw/new"
		lexpect EACCES --rw "$TREE/rw" "$T/$copy" create "$TREE/ro/new"
		lexpect EACCES --bind-tcp "$((PORT + 1))" "$T/$copy" bind "$PORT"
	done
	run "$LAUNCHER" --explain --ro "$TREE/ro" "$T/probe-setuid"
	[[ "$output" == *"warning: $T/probe-setuid is setuid: started with the --print-env variables alone (no launcher) it would run UNSANDBOXED"* ]]
	run "$LAUNCHER" --explain --ro "$TREE/ro" "$T/probe-caps"
	[[ "$output" == *"$T/probe-caps has file capabilities"* ]]
	# no_new_privs: the setuid copy does not gain root in the sandbox.
	run as_user nobody "$LAUNCHER" --rw "$TREE/rw" "$T/probe-setuid" \
		chown "$TREE/rw/file" 0 0
	[ "$output" = EPERM ]
	# Preloading alone cannot reach it: as nobody it runs unsandboxed.
	run as_user nobody env LD_PRELOAD="$SHIM" LANDSHIM_RO="$TREE/ro" \
		"$T/probe-setuid" read "$TREE/other/file"
	[ "$output" = OK ]
}

@test "a script whose interpreter is static is sandboxed by landshim" {
	printf '#!%s env\n' "$PROBE_STATIC" >"$T/script"
	chmod 755 "$T/script"
	run "$LAUNCHER" --explain "$T/script"
	[[ "$output" == *"command: $T/script (run by $PROBE_STATIC)"* ]]
	[[ "$output" == *"applied by: landshim itself"* ]]
	[[ "$output" == *"warning: $PROBE_STATIC is statically linked"* ]]
	run env FOO=bar "$LAUNCHER" --ro "$TREE/ro" "$T/script"
	echo "$output" | grep -qx FOO=bar
	! echo "$output" | grep -qE '^(LANDSHIM_|LD_PRELOAD=)'
	printf '#!/bin/sh\necho ran\n' >"$T/sh-script"
	chmod 755 "$T/sh-script"
	run "$LAUNCHER" --explain "$T/sh-script"
	[[ "$output" == *"applied by: landshim itself"* ]]
	[[ "$output" != *warning:* ]]
}

@test "the command's own file gets rox (what --add-exec does), nothing beside it" {
	# Executing a dynamic program needs its interpreter too (/usr, /lib).
	lexpect OK --rox /usr,/lib,/lib64 \
		"$PROBE" exec "$PROBE" read /usr/lib/os-release
	lexpect OK --rox /usr,/lib,/lib64 --add-exec \
		"$PROBE" exec "$PROBE" read /usr/lib/os-release
	lexpect EACCES --rox /usr,/lib,/lib64 \
		"$PROBE" exec "$HELPERS/abi"
	lexpect EACCES --add-exec --ro /usr,/lib,/lib64,/bin \
		"$PROBE" exec /bin/echo OK
	run "$LAUNCHER" --add-exec --explain "$PROBE"
	[[ "$output" == *"  $PROBE (rox, the command): file, execute read_file"* ]]
}

@test "the command's interpreter and libraries get rox (what --ldd does), found without running anything" {
	local libc interp real_libc
	libc=$(ldd "$PROBE" | awk '/libc\.so/ { print $3 }')
	interp=$(ldd "$PROBE" | awk '/ld-linux/ { print $1 }')
	real_libc=$(realpath "$libc")
	lexpect OK --ldd "$PROBE" read "$libc"
	lexpect OK "$PROBE" read "$libc"
	lexpect OK "$PROBE" read "$interp"
	lexpect EACCES --ldd "$PROBE" read /etc/hostname
	lexpect EACCES "$PROBE" read "$(dirname "$real_libc")/libm.so.6"
	run "$LAUNCHER" --ldd --explain "$PROBE"
	[[ "$output" == *"$libc (rox, ldd): file, execute read_file"* ]]
	run "$LAUNCHER" --explain "$PROBE"
	[[ "$output" == *"$libc (rox, what the command loads): file, execute read_file"* ]]
}

@test "LANDSHIM_ADD_EXEC, LANDSHIM_LDD and the config keys: the shim adds the program's rules" {
	local helpers
	helpers=$(cd "$HELPERS" && pwd -P)
	# The probe runs itself again: that needs its file and its libraries.
	expect OK LANDSHIM_ADD_EXEC=1 LANDSHIM_LDD=1 LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE" exec "$helpers/probe" read "$TREE/ro/file"
	expect EACCES LANDSHIM_LDD=1 LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE" exec "$helpers/probe" read "$TREE/ro/file"
	expect EACCES LANDSHIM_ADD_EXEC=1 LANDSHIM_RO="$TREE/ro" -- \
		"$PROBE" exec "$helpers/probe" read "$TREE/ro/file"
	printf 'add_exec = true;\nldd = true;\nro = ["%s"];\n' "$TREE/ro" \
		>"$T/prog.conf"
	chmod 644 "$T/prog.conf"
	lexpect OK --config "$T/prog.conf" \
		"$PROBE" exec "$helpers/probe" read "$TREE/ro/file"
	expect OK LANDSHIM_CONFIG="$T/prog.conf" -- \
		"$PROBE" exec "$helpers/probe" read "$TREE/ro/file"
	# Without a command the switches travel in the variables.
	run "$LAUNCHER" --print-env --add-exec --ldd
	[[ "$output" == *"export LANDSHIM_ADD_EXEC='1'"$'\n'"export LANDSHIM_LDD='1'"* ]]
	run penv root --add-exec --ldd --ro "$TREE/ro" -- \
		"$PROBE" exec "$helpers/probe" read "$TREE/ro/file"
	[ "$output" = OK ]
	# With one, the launcher adds the rules: the shim does not again.
	run "$LAUNCHER" --add-exec --ldd "$PROBE" env
	! echo "$output" | grep -q LANDSHIM_
	run "$LAUNCHER" --explain --add-exec --ldd
	[[ "$output" == *"add-exec, ldd: rules added for the program when it starts"* ]]
}

@test "--explain prints the resolved policy and runs nothing" {
	local abi
	abi=$("$HELPERS/abi")
	run "$LAUNCHER" --explain --rw "$TREE/rw" --ro "$TREE/ro/file" \
		--ro "$T/missing?" --bind-tcp "8000-8100,443" --connect-tcp 53 \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 0 ]
	[ ! -e "$TREE/rw/marker" ]
	[[ "$output" == *"command: $PROBE"* ]]
	[[ "$output" == *"applied by: landshim itself, before exec"* ]]
	[[ "$output" != *warning:* ]]
	[[ "$output" == *"  $TREE/rw (rw, --rw): directory, write_file read_file read_dir remove_dir remove_file make_dir make_reg make_sock make_fifo make_sym refer truncate ioctl_dev"* ]]
	[[ "$output" == *"  $TREE/ro/file (ro, --ro): file, read_file"$'\n'* ]]
	[[ "$output" == *"  $T/missing (ro, --ro): missing, skipped"* ]]
	[[ "$output" == *"tcp bind: 443,8000-8100"* ]]
	[[ "$output" == *"tcp connect: 53"* ]]
	[[ "$output" == *"scoped (denied across the sandbox's border): abstract_unix_socket signal"* ]]
	[[ "$output" == *"mode: best effort"* ]]
	run "$LAUNCHER" --explain
	[[ "$output" == *"filesystem (everything else denied): nothing allowed"* ]]
	[[ "$output" == *"tcp bind: none (all denied)"* ]]
	run "$LAUNCHER" --explain --unrestricted-filesystem \
		--unrestricted-network --unrestricted-scope --strict
	[[ "$output" == *"filesystem: unrestricted"* ]]
	[[ "$output" == *"tcp connect: unrestricted"* ]]
	[[ "$output" == *"scoped: unrestricted"* ]]
	[[ "$output" == *"mode: strict"* ]]
	if [ "$abi" -lt 9 ]; then
		run "$LAUNCHER" --explain --unix "$TREE/rw"
		[[ "$output" == *"dropped by this kernel (Landlock ABI $abi):"$'\n'"  filesystem right resolve_unix: needs ABI 9, not restricted"* ]]
	fi
	run "$LAUNCHER" --explain --ro "$TREE/ro"
	[[ "$output" == *"dropped by this kernel (Landlock ABI $abi): nothing"* ]]
	run "$LAUNCHER" --explain "$PROBE_STATIC"
	[[ "$output" == *"warning: $PROBE_STATIC is statically linked"*"UNSANDBOXED"* ]]
	lrefuse "--ro: $T/missing: No such file" --explain --ro "$T/missing"
}

@test "--check prints the ABI and each feature; non-zero without Landlock" {
	local abi
	abi=$("$HELPERS/abi")
	run "$LAUNCHER" --check
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Landlock ABI $abi on Linux "* ]]
	[[ "$output" == *"ABI 1  files: execute, read, write, create, remove  enforced"* ]]
	[[ "$output" == *"ABI 4  TCP bind and connect"*" enforced"* ]]
	[ "$(echo "$output" | grep -c '[^T] enforced$')" -eq "$((abi < 9 ? abi : 9))" ]
	run "$HELPERS/nolandlock" ENOSYS "$LAUNCHER" --check
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "Landlock: not available on Linux "*": the kernel has no Landlock" ]]
	run "$HELPERS/nolandlock" EOPNOTSUPP "$LAUNCHER" --check
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == *"Landlock is disabled at boot"* ]]
	lrefuse '--check: takes no command' --check
}

# penv USER OPTIONS... -- PROBE-ARGS...: source landshim --print-env
# OPTIONS in a shell as USER, then run the probe there.
penv() {
	local user=$1 opts=() file=$T/env.$RANDOM
	shift
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	"$LAUNCHER" --print-env "${opts[@]}" >"$file"
	chmod 644 "$file"
	as_user "$user" /bin/sh -c '. "$1" && shift && exec "$@"' sh "$file" "$@"
}

@test "--print-env: sourcing it gives exactly the launcher's sandbox" {
	local user opts args
	listen root serve-tcp "$PORT"
	background sleep 60
	for user in root nobody; do
		for args in "read $TREE/ro/file" "read $TREE/other/file" \
			"write $TREE/rw/file" "write $TREE/ro/file" \
			"create $TREE/rw/new" "exec /bin/echo OK" \
			"bind $((PORT + 1))" "bind $((PORT + 2))" \
			"connect $PORT" "signal $!"; do
			opts=(--ro "$TREE/ro" --rw "$TREE/rw" --rox /usr,/lib,/lib64
				--bind-tcp "$((PORT + 1))" --connect-tcp "$PORT")
			reset_tree
			# shellcheck disable=SC2086
			run as_user "$user" "$LAUNCHER" "${opts[@]}" "$PROBE" $args
			local want=$output
			reset_tree
			# shellcheck disable=SC2086
			run penv "$user" "${opts[@]}" -- "$PROBE" $args
			if [ "$output" != "$want" ]; then
				echo "as $user, $args: launcher $want, print-env $output" >&2
				return 1
			fi
		done
	done
	# An empty policy is the maximum jail there too.
	run penv root -- "$PROBE" read /etc/hostname
	[ "$output" = EACCES ]
	run penv root --unrestricted-filesystem -- "$PROBE" read /etc/hostname
	[ "$output" = OK ]
}

@test "--print-env: POSIX export lines, the guard first, LD_PRELOAD kept" {
	run "$LAUNCHER" --print-env --ro "$TREE/ro" --rox "/usr,$T/it's" \
		--ignore-missing --strict --bind-tcp 80,81,82 --unrestricted-scope
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "[ -f '"*"/liblandshim.so' ] && [ -r '"*"' ] || { echo landshim: "*"; exit 125; }" ]]
	[[ "${lines[1]}" == "export LD_AUDIT='"*"/liblandshim.so'\"\${LD_AUDIT:+:\$LD_AUDIT}\"" ]]
	[[ "${lines[2]}" == "export LD_PRELOAD=\"\${LD_PRELOAD:+\$LD_PRELOAD:}\"'"*"/liblandshim.so'" ]]
	[[ "$output" == *"export LANDSHIM_ROX='/usr:$T/it'\\''s'"* ]]
	[[ "$output" == *"export LANDSHIM_BIND_TCP='80-82'"* ]]
	[[ "$output" == *"export LANDSHIM_UNRESTRICTED='scope'"* ]]
	[[ "$output" == *"export LANDSHIM_IGNORE_MISSING='1'"* ]]
	[[ "$output" == *"export LANDSHIM_STRICT='1'"* ]]
	# The caller's LD_PRELOAD at sourcing time stays, before the shim
	# (ld.so runs preloaded constructors last to first); LD_AUDIT after.
	"$LAUNCHER" --print-env --ro "$TREE/ro" >"$T/env"
	run /bin/sh -c 'LD_PRELOAD=/lib/x86_64-linux-gnu/libm.so.6 LD_AUDIT=/a.so
		. "$1"; echo "$LD_PRELOAD $LD_AUDIT"' sh "$T/env"
	[[ "$output" == "/lib/x86_64-linux-gnu/libm.so.6:"*"/liblandshim.so "*"/liblandshim.so:/a.so" ]]
	lrefuse "--print-env: takes no command" --print-env
	run "$LAUNCHER" --print-env --clear-env
	[ "$status" -eq 125 ]
	run "$LAUNCHER" --print-env --ro "$T/a:b"
	[ "$status" -eq 125 ]
}

@test "--print-env guard: an unreadable shim stops the wrapper (125)" {
	mkdir -m 755 "$T/lib"
	cp "$SHIM" "$T/lib/liblandshim.so"
	LANDSHIM_LIBRARY=$T/lib/liblandshim.so "$LAUNCHER" --print-env \
		--rw "$TREE/rw" >"$T/env"
	chmod 644 "$T/env"
	run /bin/sh -c '. "$1"; exec "$2" create "$3"' sh "$T/env" "$PROBE" \
		"$TREE/rw/made"
	[ "$output" = OK ]
	chmod 000 "$T/lib/liblandshim.so"
	run as_user nobody /bin/sh -c '. "$1"; exec "$2" create "$3"' sh \
		"$T/env" "$PROBE" "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: $T/lib/liblandshim.so: cannot read the shim, refusing to run unsandboxed" ]
	[ ! -e "$TREE/rw/marker" ]
	rm "$T/lib/liblandshim.so"
	run /bin/sh -c '. "$1"; exec "$2" create "$3"' sh "$T/env" "$PROBE" \
		"$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ ! -e "$TREE/rw/marker" ]
}

@test "the shim: the build tree's, LANDSHIM_LIBRARY, never a fallback" {
	mkdir -m 755 "$T/lib"
	cp "$SHIM" "$T/lib/liblandshim.so"
	run env LANDSHIM_LIBRARY="$T/lib/liblandshim.so" "$LAUNCHER" \
		--ro "$TREE/ro" "$PROBE" read "$TREE/other/file"
	[ "$output" = EACCES ]
	run env LANDSHIM_LIBRARY="$T/lib/liblandshim.so" "$LAUNCHER" --print-env
	[[ "${lines[1]}" == "export LD_AUDIT='$T/lib/liblandshim.so'"* ]]
	chmod 000 "$T/lib/liblandshim.so"
	run as_user nobody env LANDSHIM_LIBRARY="$T/lib/liblandshim.so" \
		"$LAUNCHER" --rw "$TREE/rw" "$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: $T/lib/liblandshim.so: cannot read the shim, refusing to run unsandboxed: Permission denied" ]]
	[ ! -e "$TREE/rw/marker" ]
	run env LANDSHIM_LIBRARY="$T/nowhere.so" "$LAUNCHER" --rw "$TREE/rw" \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: LANDSHIM_LIBRARY=$T/nowhere.so: cannot find the shim"* ]]
	[ ! -e "$TREE/rw/marker" ]
	mkdir -m 755 "$T/a:b"
	cp "$SHIM" "$T/a:b/liblandshim.so"
	run env LANDSHIM_LIBRARY="$T/a:b/liblandshim.so" "$LAUNCHER" \
		"$PROBE" read /etc/hostname
	[ "$status" -eq 125 ]
	[[ "$output" == *"LD_PRELOAD cannot carry a path with ':'"* ]]
	# A launcher outside the build tree looks for the installed shim,
	# which only the env form (--print-env) needs.
	cp "$LAUNCHER" "$T/landshim"
	run "$T/landshim" --print-env --ro /
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: "*"/liblandshim.so: cannot find the shim"* ]]
	[[ "$output" != *"$top_builddir"* ]]
	run "$T/landshim" --ro /etc/hostname "$PROBE" read /etc/hostname
	[ "$output" = OK ]
	run "$T/landshim" --ro /etc/hostname "$PROBE" read /etc/passwd
	[ "$output" = EACCES ]
}

@test "a path with ':' cannot reach the shim: --print-env refuses, never splits; the launcher applies it" {
	mkdir -m 755 "$T/a:b"
	echo data >"$T/a:b/file"
	chmod -R a+rX "$T/a:b"
	run "$LAUNCHER" --print-env --ro "$T/a:b"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --ro: $T/a:b: a path containing ':' cannot be passed to the shim (colon-separated lists)" ]
	lexpect OK --ro "$T/a:b" "$PROBE" read "$T/a:b/file"
	lexpect EACCES --ro "$T/a:b" "$PROBE" read "$TREE/ro/file"
}

@test "README quick start: hostname allowed, passwd denied" {
	run "$LAUNCHER" --rox /usr,/lib,/lib64,/bin --ro /etc/hostname \
		sh -c 'cat /etc/hostname; cat /etc/passwd'
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "$(cat /etc/hostname)" ]
	[[ "${lines[1]}" == *"/etc/passwd: Permission denied" ]]
	[ "${#lines[@]}" -eq 2 ]
}
