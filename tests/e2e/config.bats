#!/usr/bin/env bats
# Config files through the shim (LANDSHIM_CONFIG, LANDSHIM_PROFILE): rules
# enforced as root and as nobody, every error a one-line FILE:LINE refusal
# before the program runs, precedence, and libconfig kept off the env path.

load helpers

setup() {
	require_landlock
	setup_tree
	TREE=$T/tree
	CONF=$T/conf
	mkdir -p "$CONF"
	chmod 0755 "$CONF"
}

teardown() {
	teardown_tree
}

# conf NAME TEXT: write $CONF/NAME, readable by nobody.
conf() {
	printf '%s\n' "$2" >"$CONF/$1"
	chmod 0644 "$CONF/$1"
}

# refuse_conf MESSAGE VAR=VALUE...: as root and as nobody, the program does
# not run, exit 125, and stderr is the one line "landshim: MESSAGE".
refuse_conf() {
	local want="landshim: $1" user
	shift
	for user in root nobody; do
		reset_tree
		run shim_run "$user" "$@" -- "$PROBE" create "$TREE/rw/marker"
		if [ "$status" -ne 125 ] || [ -e "$TREE/rw/marker" ] ||
			[ "$output" != "$want" ]; then
			echo "as $user, $*: status $status, output:" >&2
			echo "$output" >&2
			echo "expected: $want" >&2
			return 1
		fi
	done
}

# expect_tree VAR=VALUE...: a policy of ro on tree/ro and rw on tree/rw is
# enforced, as root and as nobody.
expect_tree() {
	expect OK "$@" -- "$PROBE" read "$TREE/ro/file"
	expect OK "$@" -- "$PROBE" create "$TREE/rw/new"
	expect EACCES "$@" -- "$PROBE" write "$TREE/ro/file"
	expect EACCES "$@" -- "$PROBE" read "$TREE/other/file"
}

@test "config file: its rules are enforced, the rest is denied" {
	conf t.conf "# the tree
ro = [\"$TREE/ro\"];
rw = [\"$TREE/rw\"];"
	expect_tree LANDSHIM_CONFIG="$CONF/t.conf"
}

@test "config file: ports, a range, and what is not listed" {
	local port=$((20000 + RANDOM % 20000))
	conf t.conf "bind_tcp = ($port, \"$((port + 10))-$((port + 12))\");"
	expect OK LANDSHIM_CONFIG="$CONF/t.conf" -- "$PROBE" bind "$port"
	expect OK LANDSHIM_CONFIG="$CONF/t.conf" -- "$PROBE" bind "$((port + 11))"
	expect EACCES LANDSHIM_CONFIG="$CONF/t.conf" -- \
		"$PROBE" bind "$((port + 1))"
}

@test "config file: variables and optional paths" {
	conf t.conf "ro = [\"~/ro\", \"\$TMPDIR/rw\", \"/nonexistent/landshim?\"];"
	expect OK HOME="$TREE" TMPDIR="$TREE" LANDSHIM_CONFIG="$CONF/t.conf" -- \
		"$PROBE" read "$TREE/ro/file"
	expect OK HOME="$TREE" TMPDIR="$TREE" LANDSHIM_CONFIG="$CONF/t.conf" -- \
		"$PROBE" read "$TREE/rw/file"
	expect EACCES HOME="$TREE" TMPDIR="$TREE" \
		LANDSHIM_CONFIG="$CONF/t.conf" -- "$PROBE" read "$TREE/other/file"
}

@test "config file: @include is relative to the including file" {
	mkdir -p "$CONF/sub"
	conf sub/inner.conf "ro = [\"$TREE/ro\"];"
	conf main.conf "@include \"sub/inner.conf\"
rw = [\"$TREE/rw\"];"
	cd /
	expect_tree LANDSHIM_CONFIG="$CONF/main.conf"
}

@test "config file: a user profile from \$XDG_CONFIG_HOME" {
	mkdir -p "$CONF/landshim/profiles"
	chmod -R a+rX "$CONF"
	conf landshim/profiles/tree.conf "ro = [\"$TREE/ro\"];"
	expect OK XDG_CONFIG_HOME="$CONF" LANDSHIM_PROFILE=tree -- \
		"$PROBE" read "$TREE/ro/file"
	expect EACCES XDG_CONFIG_HOME="$CONF" LANDSHIM_PROFILE=tree -- \
		"$PROBE" read "$TREE/rw/file"
}

@test "precedence: file < environment; lists are unions" {
	conf t.conf "ro = [\"$TREE/ro\"];
allow_unsandboxed = true;"
	expect_tree LANDSHIM_CONFIG="$CONF/t.conf" LANDSHIM_RW="$TREE/rw"
	# Without Landlock, the file allows running unsandboxed, and the
	# environment takes that back.
	run "$HELPERS/nolandlock" ENOSYS env LD_PRELOAD="$SHIM" \
		LANDSHIM_CONFIG="$CONF/t.conf" "$PROBE" read "$TREE/ro/file"
	[ "$status" -eq 0 ]
	[[ "$output" == *UNSANDBOXED*OK ]]
	run "$HELPERS/nolandlock" ENOSYS env LD_PRELOAD="$SHIM" \
		LANDSHIM_CONFIG="$CONF/t.conf" LANDSHIM_ALLOW_UNSANDBOXED=0 \
		"$PROBE" read "$TREE/ro/file"
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: "*"refusing to run unsandboxed"* ]]
}

@test "the file's log level reaches the shim" {
	conf t.conf "log_level = \"debug\";
ro = [\"$TREE/ro\", \"/nonexistent/landshim?\"];"
	run shim_run root LANDSHIM_CONFIG="$CONF/t.conf" -- \
		"$PROBE" read "$TREE/ro/file"
	[ "$status" -eq 0 ]
	[[ "$output" == *"landshim: $CONF/t.conf:2: /nonexistent/landshim: missing, skipped (optional)"* ]]
	[[ "$output" == *OK ]]
}

@test "errors: one FILE:LINE line, exit 125, the program does not run" {
	conf t.conf "rw = [\"$TREE/rw\"];
rox = [\"/usr\"];
roo = [\"/usr\"];"
	refuse_conf "$CONF/t.conf:3: unknown key \"roo\": did you mean ro?" \
		LANDSHIM_CONFIG="$CONF/t.conf"
	conf t.conf "
strict = \"yes\";"
	refuse_conf "$CONF/t.conf:2: strict: expected true or false" \
		LANDSHIM_CONFIG="$CONF/t.conf"
	conf t.conf "connect_tcp = [443,
   70000];"
	refuse_conf "$CONF/t.conf:2: connect_tcp: port 70000 out of range 0-65535" \
		LANDSHIM_CONFIG="$CONF/t.conf"
	conf t.conf "ro = [\"\$NOPE/x\"];"
	refuse_conf "$CONF/t.conf:1: ro: undefined variable \$NOPE (known: HOME, PWD, TMPDIR, UID, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR)" \
		LANDSHIM_CONFIG="$CONF/t.conf"
	conf t.conf "rw = [\"$TREE/rw\"];

ro = [\"/nonexistent/landshim\"];"
	refuse_conf "$CONF/t.conf:3: /nonexistent/landshim: No such file or directory" \
		LANDSHIM_CONFIG="$CONF/t.conf"
	conf t.conf "rw = = 1;"
	refuse_conf "$CONF/t.conf:1: syntax error" \
		LANDSHIM_CONFIG="$CONF/t.conf"
	refuse_conf "$CONF/none.conf: No such file or directory" \
		LANDSHIM_CONFIG="$CONF/none.conf"
	refuse_conf "profile \"../etc\": invalid name (a plain name such as \"shell\": no '/', no '..', no leading '.')" \
		LANDSHIM_PROFILE=../etc
}

@test "errors: include loop and unreadable files" {
	conf a.conf "rw = [\"$TREE/rw\"];
@include \"b.conf\""
	conf b.conf "
@include \"a.conf\""
	refuse_conf "$CONF/b.conf:2: $CONF/a.conf: include loop (it is already being loaded)" \
		LANDSHIM_CONFIG="$CONF/a.conf"
	conf secret.conf "rw = [\"$TREE/rw\"];"
	chmod 0600 "$CONF/secret.conf"
	conf inc.conf "rw = [\"$TREE/rw\"];
@include \"secret.conf\""
	# root reads it; nobody cannot.
	expect_one() {
		reset_tree
		run shim_run nobody "$@" -- "$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[ ! -e "$TREE/rw/marker" ]
	}
	expect_one LANDSHIM_CONFIG="$CONF/secret.conf"
	[ "$output" = "landshim: $CONF/secret.conf: Permission denied" ]
	expect_one LANDSHIM_CONFIG="$CONF/inc.conf"
	[ "$output" = "landshim: $CONF/inc.conf:2: $CONF/secret.conf: Permission denied" ]
	run shim_run root LANDSHIM_CONFIG="$CONF/inc.conf" -- \
		"$PROBE" create "$TREE/rw/marker"
	[ "$output" = OK ]
}

@test "performance: the config helper runs only when a file is named; libconfig never enters the program" {
	run strace -f -qq -e trace=execve -o "$T/trace" env LD_PRELOAD="$SHIM" \
		LANDSHIM_RO="$TREE/ro" "$PROBE" read "$TREE/ro/file"
	[ "$output" = OK ]
	! grep -q landshim-config "$T/trace"
	conf t.conf "ro = [\"$TREE/ro\"];"
	run strace -f -qq -e trace=execve -o "$T/trace" env LD_PRELOAD="$SHIM" \
		LANDSHIM_CONFIG="$CONF/t.conf" "$PROBE" read "$TREE/ro/file"
	[ "$output" = OK ]
	grep -q 'execve(".*/landshim-config"' "$T/trace"
	run env LD_PRELOAD="$SHIM" LANDSHIM_CONFIG="$CONF/t.conf" \
		LANDSHIM_ROX="$SYSTEM_ROX" LANDSHIM_RO=/proc cat /proc/self/maps
	[ "$status" -eq 0 ]
	[[ "$output" == */libc.so* ]]
	[[ "$output" != *libconfig* ]]
	# The audit form unloads the shim before the program runs.
	run env LD_AUDIT="$SHIM" LD_PRELOAD="$SHIM" LANDSHIM_CONFIG="$CONF/t.conf" \
		LANDSHIM_ROX="$SYSTEM_ROX" LANDSHIM_RO=/proc cat /proc/self/maps
	[ "$status" -eq 0 ]
	[[ "$output" == */libc.so* ]]
	[[ "$output" != *libconfig* ]]
	[[ "$output" != *liblandshim* ]]
}

@test "fail closed: the config helper missing next to the shim" {
	cp "$SHIM" "$T/liblandshim.so"
	chmod 0755 "$T/liblandshim.so"
	conf t.conf "rw = [\"$TREE/rw\"];"
	run env LD_PRELOAD="$T/liblandshim.so" LANDSHIM_CONFIG="$CONF/t.conf" \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: $T/landshim-config: cannot run the config helper: No such file or directory (reinstall landshim)" ]
	[ ! -e "$TREE/rw/marker" ]
	# The environment alone does not need it.
	run env LD_PRELOAD="$T/liblandshim.so" LANDSHIM_RW="$TREE/rw" \
		"$PROBE" create "$TREE/rw/marker"
	[ "$output" = OK ]
}
