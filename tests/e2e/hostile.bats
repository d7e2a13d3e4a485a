#!/usr/bin/env bats
# Issue 13: hostile programs, whose code runs before the shim's constructor
# (a .preinit_array, an IFUNC resolver, a library found through $ORIGIN,
# the caller's own preloaded library), that fake the calls a sandbox makes
# (syscall, prctl, getenv, open), that bring their own loader (PT_INTERP),
# or that no glibc loader preloads anything into (static, setuid, musl),
# and a script.  Each reads a file the policy denies and prints what it
# got.  Every case first escapes without a sandbox (the control), then:
# denied through the launcher and through the --print-env variables, as
# root and as nobody.  Where an activation cannot protect a case (README,
# "Security model"), the test pins what happens and says so in its name.
# tests/e2e/hostile.bash: the runners and the expected lines.

load helpers
load hostile

setup() {
	hostile_setup
}

teardown() {
	binfmt_teardown
	teardown_tree
}

# --- .preinit_array --------------------------------------------------------

@test "preinit: no sandbox (control): reads the denied file" {
	hostile_control preinit
}

@test "preinit: launcher: denied" {
	hostile_denied launcher preinit
}

@test "preinit: --print-env variables: denied" {
	hostile_denied audit preinit
}

@test "preinit: LD_PRELOAD alone: escapes, it runs before the shim's constructor (pinned)" {
	hostile_pinned preload preinit got EACCES
}

# --- an IFUNC resolver, run while ld.so relocates the program ---------------

@test "ifunc: no sandbox (control): reads the denied file" {
	hostile_control ifunc
}

@test "ifunc: launcher: denied" {
	hostile_denied launcher ifunc
}

@test "ifunc: --print-env variables: denied" {
	hostile_denied audit ifunc
}

@test "ifunc: LD_PRELOAD alone: escapes, it runs before the shim's constructor (pinned)" {
	hostile_pinned preload ifunc got EACCES
}

# --- the constructor of its own library, found through RPATH $ORIGIN -------

@test "origin: no sandbox (control): reads the denied file" {
	hostile_control origin
}

@test "origin: launcher: denied" {
	hostile_denied launcher origin
}

@test "origin: --print-env variables: denied" {
	hostile_denied audit origin
}

@test "origin: LD_PRELOAD alone: escapes, its library's constructor runs before the shim's (pinned)" {
	hostile_pinned preload origin got EACCES
}

# --- fake syscall(), prctl(), getenv(), open() in the executable -----------

@test "fakesys: no sandbox (control): reads the denied file" {
	hostile_control fakesys
}

@test "fakesys: launcher: denied" {
	hostile_denied launcher fakesys
}

@test "fakesys: --print-env variables: denied" {
	hostile_denied audit fakesys
}

@test "fakesys: LD_PRELOAD alone: denied" {
	hostile_denied preload fakesys
}

# --- a PT_INTERP of its own, directly and through a #! script ---------------

@test "interp: no sandbox (control): reads the denied file" {
	hostile_control interp
	hostile_control interp-script
}

@test "interp: launcher: denied" {
	hostile_denied launcher interp
}

@test "interp: launcher, through a #! script: denied" {
	hostile_denied launcher interp-script
}

@test "interp: --print-env variables: escapes, its loader reads no variable (pinned)" {
	hostile_pinned audit interp got
	hostile_pinned audit interp-script got
}

@test "interp: LD_PRELOAD alone: escapes, its loader reads no variable (pinned)" {
	hostile_pinned preload interp got
	hostile_pinned preload interp-script got
}

# --- the caller's own LD_PRELOAD library, after the shim --------------------

@test "preload: no sandbox (control): reads the denied file" {
	hostile_control preload
}

@test "preload: launcher: denied" {
	hostile_denied launcher preload
}

@test "preload: --print-env variables: denied" {
	hostile_denied audit preload
}

@test "preload: LD_PRELOAD alone: escapes, constructors run last to first (pinned)" {
	hostile_pinned preload preload got EACCES
}

# --- programs no glibc loader preloads the shim into ------------------------

@test "static: no sandbox (control): reads the denied file" {
	hostile_control static
}

@test "static: launcher: denied" {
	hostile_denied launcher static
}

@test "static: --print-env variables: escapes, no loader reads them (pinned)" {
	hostile_pinned audit static got
}

@test "static: LD_PRELOAD alone: escapes, no loader reads it (pinned)" {
	hostile_pinned preload static got
}

@test "setuid: no sandbox (control): reads the denied file" {
	hostile_control setuid
}

@test "setuid: launcher: denied" {
	hostile_denied launcher setuid
}

# ld.so ignores LD_PRELOAD and LD_AUDIT paths in a secure-execution process:
# as root a setuid-root program is not one, as nobody it is.
@test "setuid: --print-env variables: denied as root, escapes as nobody, ld.so drops them (pinned)" {
	hostile_expect audit setuid root EACCES
	hostile_expect audit setuid nobody got
}

@test "setuid: LD_PRELOAD alone: denied as root, escapes as nobody, ld.so drops it (pinned)" {
	hostile_expect preload setuid root EACCES
	hostile_expect preload setuid nobody got
}

@test "musl: no sandbox (control): reads the denied file" {
	hostile_control musl
}

@test "musl: launcher: denied" {
	hostile_denied launcher musl
}

@test "musl: --print-env variables: denied" {
	hostile_denied audit musl
}

@test "musl: LD_PRELOAD alone: denied" {
	hostile_denied preload musl
}

@test "script: no sandbox (control): reads the denied file" {
	hostile_control script
}

@test "script: launcher: denied" {
	hostile_denied launcher script
}

@test "script: --print-env variables: denied" {
	hostile_denied audit script
}

@test "script: LD_PRELOAD alone: denied" {
	hostile_denied preload script
}

# --- fail closed: what the launcher cannot classify is self-applied ---------

# sandboxed_or_refused WANT USER CMD...: through the launcher CMD prints
# WANT (it ran sandboxed), or exits 125, 126 or 127 before anything ran.
sandboxed_or_refused() {
	local want=$1 user=$2
	shift 2
	capture run_mode launcher "$user" "$@"
	if [ "$output" = "$want" ]; then
		return 0
	fi
	if [ -z "$output" ] && [[ $status =~ ^12[567]$ ]]; then
		return 0
	fi
	echo "launcher as $user: $* -> status $status" >&2
	echo "stdout: $output" >&2
	echo "stderr: $stderr" >&2
	echo "expected stdout \"$want\", or none and status 125-127" >&2
	return 1
}

# refused USER CMD...: the command cannot run, with or without the
# launcher: 125 to 127 and nothing on stdout either way.
refused() {
	local user=$1 mode
	shift
	for mode in none launcher; do
		capture run_mode "$mode" "$user" "$@"
		if [ -n "$output" ] || ! [[ $status =~ ^12[567]$ ]]; then
			echo "$mode as $user: $* -> status $status, stdout:" \
				"$output, stderr: $stderr" >&2
			return 1
		fi
	done
}

# own_loader_at PATH: hostile-ld copied to PATH, and $T/bin/prog, a copy of
# hostile-anyinterp whose PT_INTERP is PATH (relative paths: from $RUN_DIR).
own_loader_at() {
	local path=$1
	case $path in
	/*) ;;
	*) path=$RUN_DIR/$path ;;
	esac
	mkdir -p "$(dirname "$path")"
	cp "$HOSTILE/hostile-ld" "$path"
	cp "$HOSTILE/hostile-anyinterp" "$T/bin/prog"
	set_interp "$T/bin/prog" "$1"
	STAGES=(loader)
}

@test "fail closed: a PT_INTERP naming a missing loader: 125 to 127, nothing runs" {
	local user
	cp "$HOSTILE/hostile-anyinterp" "$T/bin/prog"
	set_interp "$T/bin/prog" "$T/bin/no-such-loader"
	for user in root nobody; do
		refused "$user" "$T/bin/prog"
	done
}

@test "fail closed: its own loader under the system loader's file name: sandboxed or refused" {
	local user interp
	interp=$(system_interp)
	[ -n "$interp" ]
	own_loader_at "$T/bin/loader/$(basename "$interp")"
	for user in root nobody; do
		expect_run "$(lines got)" none "$user" "$T/bin/prog"
		sandboxed_or_refused "$(lines EACCES)" "$user" "$T/bin/prog"
	done
}

@test "fail closed: a relative PT_INTERP spelling the system loader's path: sandboxed or refused" {
	local user interp
	interp=$(system_interp)
	[ -n "$interp" ]
	# The kernel opens a relative PT_INTERP from the cwd: from / it
	# would be ld.so itself, from $T/bin it is hostile-ld.
	RUN_DIR=$T/bin
	own_loader_at "${interp#/}"
	for user in root nobody; do
		expect_run "$(lines got)" none "$user" "$T/bin/prog"
		sandboxed_or_refused "$(lines EACCES)" "$user" "$T/bin/prog"
	done
}

# cut_after_segments FILE OUT: FILE up to the end of its last segment (no
# section headers, no symbols): the kernel still runs it.
cut_after_segments() {
	local end
	end=$(readelf -lW "$1" | awk '$1 == "LOAD" { print $2, $5 }' |
		while read -r off size; do echo $((off + size)); done |
		sort -n | tail -n1)
	head -c "$end" "$1" >"$2"
	chmod 0755 "$2"
}

@test "fail closed: a program cut after its segments (no section headers): sandboxed or refused" {
	local user prog
	for prog in hostile-plain hostile-static hostile-preinit; do
		cut_after_segments "$HOSTILE/$prog" "$T/bin/$prog"
		hostile_case "${prog#hostile-}"
		for user in root nobody; do
			expect_run "$(lines got)" none "$user" "$T/bin/$prog"
			sandboxed_or_refused "$(lines EACCES)" "$user" \
				"$T/bin/$prog"
		done
	done
}

@test "fail closed: a truncated ELF header: 125 to 127, nothing runs" {
	local user
	head -c 40 "$HOSTILE/hostile-plain" >"$T/bin/header"
	head -c 200 "$HOSTILE/hostile-plain" >"$T/bin/phdrs"
	chmod 0755 "$T/bin/header" "$T/bin/phdrs"
	for user in root nobody; do
		refused "$user" "$T/bin/header"
		refused "$user" "$T/bin/phdrs"
	done
}

@test "fail closed: a #! chain to a missing interpreter: 125 to 127, nothing runs" {
	local user
	printf '#!%s\n' "$T/bin/missing" >"$T/bin/first"
	printf '#!%s\n' "$T/bin/first" >"$T/bin/chain"
	printf '#!%s\n' "$T/bin" >"$T/bin/to-dir"
	chmod 0755 "$T/bin/first" "$T/bin/chain" "$T/bin/to-dir"
	for user in root nobody; do
		refused "$user" "$T/bin/first"
		refused "$user" "$T/bin/chain"
		refused "$user" "$T/bin/to-dir"
	done
}

BINFMT=/proc/sys/fs/binfmt_misc

# binfmt_register NAME MAGIC INTERPRETER: a binfmt_misc entry, removed by
# binfmt_teardown in teardown (binfmt_misc is mounted first if it is not,
# and unmounted again).
binfmt_register() {
	if [ ! -e "$BINFMT/register" ]; then
		mount -t binfmt_misc binfmt_misc "$BINFMT"
		BINFMT_MOUNTED=1
	fi
	BINFMT_ENTRY=$BINFMT/$1
	printf ':%s:M::%s::%s:' "$1" "$2" "$3" >"$BINFMT/register"
}

binfmt_teardown() {
	if [ -n "${BINFMT_ENTRY:-}" ] && [ -e "$BINFMT_ENTRY" ]; then
		echo -1 >"$BINFMT_ENTRY"
	fi
	if [ -n "${BINFMT_MOUNTED:-}" ]; then
		umount "$BINFMT" || true
	fi
}

@test "fail closed: a non-ELF file run by a binfmt_misc interpreter: sandboxed or refused" {
	local user magic=LANDSHIM$RANDOM$RANDOM
	# A non-ELF file nothing handles: the kernel refuses it (126).
	printf 'UNKNOWN\0FORMAT\n' >"$T/bin/blob"
	chmod 0755 "$T/bin/blob"
	for user in root nobody; do
		refused "$user" "$T/bin/blob"
	done
	# One a binfmt_misc entry hands to hostile-ld, which reads the file.
	cp "$HOSTILE/hostile-ld" "$T/bin/handler"
	printf '%s\n' "$magic" >"$T/bin/foreign"
	chmod 0755 "$T/bin/foreign"
	binfmt_register "landshim-test-$magic" "$magic" "$T/bin/handler"
	STAGES=(loader)
	for user in root nobody; do
		expect_run "$(lines got)" none "$user" "$T/bin/foreign"
		sandboxed_or_refused "$(lines EACCES)" "$user" "$T/bin/foreign"
	done
}

# --- decision 25: the launcher inspects and executes the same file ---------

@test "decision 25: a program renamed over the command between the launcher's check and its exec changes nothing" {
	local user
	STAGES=(main)
	for user in root nobody; do
		# The command, dynamic (the shim can be preloaded into it),
		# and what replaces it: hostile-ld, static, its own loader.
		cp "$HOSTILE/hostile-plain" "$T/bin/cmd"
		cp "$HOSTILE/hostile-ld" "$T/bin/new"
		chmod 0777 "$T/bin/cmd" "$T/bin/new"
		# Control: the swap happens at exec, and what runs then is
		# the new program (it escapes).
		capture as_user "$user" env HOSTILE_FILE="$SECRET" \
			"$HELPERS/hostile/swapexec" "$T/bin/new" "$T/bin/cmd" \
			env "$T/bin/cmd"
		[ "$output" = "loader: got $SECRET_TEXT" ] || {
			echo "control as $user: status $status, $output $stderr" >&2
			return 1
		}
		cp "$HOSTILE/hostile-plain" "$T/bin/cmd"
		cp "$HOSTILE/hostile-ld" "$T/bin/new"
		chmod 0777 "$T/bin/cmd" "$T/bin/new"
		capture as_user "$user" env HOSTILE_FILE="$SECRET" \
			"$HELPERS/hostile/swapexec" "$T/bin/new" "$T/bin/cmd" \
			"$LAUNCHER" \
			--rox "${ROX_LIST//:/,}" -- "$T/bin/cmd"
		cmp -s "$T/bin/cmd" "$HOSTILE/hostile-ld" || {
			echo "as $user: the swap did not happen" >&2
			return 1
		}
		[ "$output" = "$(lines EACCES)" ] || {
			echo "launcher as $user: status $status, stdout: $output," \
				"stderr: $stderr; expected $(lines EACCES)" >&2
			return 1
		}
	done
}
