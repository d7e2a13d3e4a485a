# The hostile programs of hostile.bats (tests/helpers/hostile), the ways
# into the sandbox they are run through, and what they must print.
# shellcheck shell=bash

HOSTILE=$HELPERS/hostile
SECRET_TEXT=hostile-secret

hostile_setup() {
	require_landlock
	setup_tree
	SECRET=$T/secret
	echo "$SECRET_TEXT" >"$SECRET"
	chmod 0644 "$SECRET"
	# Copies, scripts and loaders made by the tests; nobody renames here.
	mkdir -m 0777 "$T/bin"
	HOSTILE=$(cd "$HELPERS/hostile" && pwd -P)
	# Everything a program needs to start, the fixtures and $T/bin; not
	# $T, where the secret is.
	ROX_LIST=$SYSTEM_ROX:$HOSTILE:$T/bin
	CALLER_PRELOAD=
	RUN_DIR=$T
}

# run_mode MODE USER CMD...: CMD as USER with HOSTILE_FILE=$SECRET, through
# MODE: none (the control), launcher, audit (the lines of landshim
# --print-env sourced by a shell, which then execs CMD) or preload (the shim
# in LD_PRELOAD alone); the policy: read and execute $ROX_LIST.
# $CALLER_PRELOAD is the caller's own LD_PRELOAD for the command (after the
# shim, where the launcher and --print-env put it); the command starts in
# $RUN_DIR.
run_mode() {
	local mode=$1 user=$2
	shift 2
	local base=(env -C "$RUN_DIR" HOSTILE_FILE="$SECRET")
	case $mode in
	none)
		# bash's exec, not env's execvp(): a file the kernel refuses
		# (ENOEXEC) is not then run by /bin/sh as a script.
		as_user "$user" env -C "$RUN_DIR" HOSTILE_FILE="$SECRET" \
			CP="$CALLER_PRELOAD" /bin/bash -c \
			'[ -z "$CP" ] || export LD_PRELOAD="$CP"; unset CP
			 exec "$@"' bash "$@"
		;;
	launcher)
		as_user "$user" "${base[@]}" "$LAUNCHER" \
			--rox "${ROX_LIST//:/,}" \
			${CALLER_PRELOAD:+--env LD_PRELOAD="$CALLER_PRELOAD"} \
			-- "$@"
		;;
	audit)
		# The caller's LD_PRELOAD is set in the shell that sources
		# the lines, not in its own environment (it would run there).
		"$LAUNCHER" --print-env --rox "${ROX_LIST//:/,}" >"$T/env.sh"
		chmod 0644 "$T/env.sh"
		as_user "$user" "${base[@]}" CP="$CALLER_PRELOAD" /bin/sh -c \
			'[ -z "$CP" ] || export LD_PRELOAD="$CP"; unset CP
			 . "$1" && shift && exec "$@"' sh "$T/env.sh" "$@"
		;;
	preload)
		as_user "$user" "${base[@]}" \
			LD_PRELOAD="$SHIM${CALLER_PRELOAD:+:$CALLER_PRELOAD}" \
			LANDSHIM_ROX="$ROX_LIST" "$@"
		;;
	*)
		echo "run_mode: unknown mode $mode" >&2
		return 2
		;;
	esac
}

# hostile_case NAME: CMD, the fixture's command line, and STAGES, the
# stages that make an attempt, in the order they print.
hostile_case() {
	CALLER_PRELOAD=
	case $1 in
	preinit) CMD=("$HOSTILE/hostile-preinit") STAGES=(preinit main) ;;
	ifunc) CMD=("$HOSTILE/hostile-ifunc") STAGES=(ifunc main) ;;
	origin) CMD=("$HOSTILE/hostile-origin") STAGES=(library main) ;;
	fakesys) CMD=("$HOSTILE/hostile-fakesys") STAGES=(main) ;;
	interp) CMD=("$HOSTILE/hostile-interp") STAGES=(loader) ;;
	interp-script)
		printf '#!%s\n' "$HOSTILE/hostile-interp" >"$T/bin/interp-script"
		chmod 0755 "$T/bin/interp-script"
		CMD=("$T/bin/interp-script") STAGES=(loader)
		;;
	preload)
		CALLER_PRELOAD=$HOSTILE/.libs/libhostile-preload.so
		CMD=("$HOSTILE/hostile-plain") STAGES=(preload main)
		;;
	plain) CMD=("$HOSTILE/hostile-plain") STAGES=(main) ;;
	static) CMD=("$HOSTILE/hostile-static") STAGES=(main) ;;
	setuid)
		install -m 4755 -o root "$HOSTILE/hostile-plain" "$T/bin/suid"
		CMD=("$T/bin/suid") STAGES=(main)
		;;
	musl) CMD=("$HOSTILE/hostile-musl") STAGES=(main) ;;
	script)
		hostile_script "$T/bin/script"
		CMD=("$T/bin/script") STAGES=(script)
		;;
	*)
		echo "hostile_case: unknown case $1" >&2
		return 2
		;;
	esac
}

# hostile_script FILE: a shell script that reads $HOSTILE_FILE, printing
# what the C fixtures print.
hostile_script() {
	cat >"$1" <<'SCRIPT'
#!/bin/sh
if out=$({ read -r line <"$HOSTILE_FILE" && echo "$line"; } 2>&1); then
	echo "script: got $out"
else
	case $out in
	*"Permission denied"*) echo "script: EACCES" ;;
	*) echo "script: $out" ;;
	esac
fi
SCRIPT
	chmod 0755 "$1"
}

# lines RESULT...: the output when every stage of $STAGES gets its RESULT
# in turn (got or an errno name); one RESULT is used for all stages.
lines() {
	local i result out=''
	for i in "${!STAGES[@]}"; do
		result=${*:$((i + 1)):1}
		result=${result:-${*: -1}}
		[ "$result" = got ] && result="got $SECRET_TEXT"
		out+="${STAGES[$i]}: $result"$'\n'
	done
	printf '%s' "${out%$'\n'}"
}

# capture CMD...: output (stdout), stderr and status of CMD, as bats's
# run --separate-stderr sets them, for commands that may end in 126 or 127
# (run would warn that the command was not found).
capture() {
	if output=$("$@" 2>"$T/stderr"); then
		status=0
	else
		status=$?
	fi
	stderr=$(cat "$T/stderr")
}

# expect_run WANT MODE USER CMD...: run_mode prints exactly WANT on stdout.
expect_run() {
	local want=$1 mode=$2 user=$3
	shift 3
	capture run_mode "$mode" "$user" "$@"
	if [ "$output" != "$want" ]; then
		echo "$mode as $user: ${*} -> status $status" >&2
		echo "stdout:" >&2
		echo "$output" >&2
		echo "stderr:" >&2
		echo "$stderr" >&2
		echo "expected stdout:" >&2
		echo "$want" >&2
		return 1
	fi
}

# hostile_control CASE [USER...]: without a sandbox every stage of CASE
# reads the denied file (as root and nobody unless USERs are given).
hostile_control() {
	local case=$1 users=("${@:2}") user
	[ "${#users[@]}" -gt 0 ] || users=(root nobody)
	hostile_case "$case"
	for user in "${users[@]}"; do
		expect_run "$(lines got)" none "$user" "${CMD[@]}" || {
			echo "control failed: $case escapes nothing without a" \
				"sandbox, so its test proves nothing" >&2
			return 1
		}
	done
}

# hostile_expect MODE CASE USER RESULT...: the control for USER, then
# through MODE the stages get RESULT... (see lines).
hostile_expect() {
	local mode=$1 case=$2 user=$3
	shift 3
	hostile_control "$case" "$user"
	expect_run "$(lines "$@")" "$mode" "$user" "${CMD[@]}"
}

# hostile_denied MODE CASE: as root and as nobody, CASE escapes without a
# sandbox and every stage gets EACCES through MODE.
hostile_denied() {
	local user
	for user in root nobody; do
		hostile_expect "$1" "$2" "$user" EACCES || return 1
	done
}

# hostile_pinned MODE CASE RESULT...: as hostile_denied, with the results
# the stages get today (a case MODE cannot protect: see README).
hostile_pinned() {
	local user
	for user in root nobody; do
		hostile_expect "$1" "$2" "$user" "${@:3}" || return 1
	done
}

# set_interp FILE PATH: FILE's PT_INTERP (a slot of hostile-anyinterp)
# now names PATH.
set_interp() {
	local file=$1 path=$2 off size
	read -r off size < <(readelf -lW "$file" |
		awk '$1 == "INTERP" { print $2, $5 }')
	[ -n "$off" ] && [ "${#path}" -lt "$((size))" ] || {
		echo "set_interp: $file: no PT_INTERP of more than ${#path} bytes" >&2
		return 1
	}
	printf '%s\0' "$path" | dd of="$file" bs=1 seek="$((off))" conv=notrunc \
		status=none
}

# system_interp: the dynamic loader's path in /bin/true's PT_INTERP.
system_interp() {
	readelf -lW /bin/true |
		sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p'
}
