#!/usr/bin/env bats
# landshim --why: each denial of this run, with the option that allows it;
# only this run's; the command's status kept; the audit switch restored.

load helpers
load audit

setup() {
	audit_setup
}

teardown() {
	audit_teardown
}

@test "why: cat /etc/hostname names the file and --ro /etc/hostname" {
	run "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin -- cat /etc/hostname
	[ "$status" -eq 1 ] # cat's own status
	[[ "$output" == *"Permission denied"* ]]
	grep -E '^ +read +/etc/hostname +cat +--ro /etc/hostname$' <<<"$output"
}

@test "why: read, create, connect, exec, and a read after execve" {
	listen root serve-tcp "$PORT" {AUDIT_LOCK}>&-
	# shellcheck disable=SC2046
	run "$LAUNCHER" --why --rox "$STARTUP" -- $(workload_args)
	[ "$status" -eq 1 ]
	grep -E "^ +read +$TREE/ro/file +workload +--ro $TREE/ro/file\$" <<<"$output"
	grep -E "^ +create file +in $TREE/rw +workload +--rw $TREE/rw\$" <<<"$output"
	grep -E "^ +connect +TCP port $PORT \(127.0.0.1\) +workload +--connect-tcp $PORT\$" <<<"$output"
	grep -E "^ +execute, read +$T/bin/helper +workload +--rox $T/bin/helper\$" <<<"$output"
	grep -E "^ +read +/etc/shadow +workload +--ro /etc/shadow \(exposes /etc/shadow\)\$" <<<"$output"
	grep -E "^landshim: to allow them: .*--connect-tcp $PORT" <<<"$output"
	# The secret is not in the line to copy.
	! grep -E "^landshim: to allow them: .*/etc/shadow" <<<"$output"
}

@test "why: denials after an execve in the sandbox are reported" {
	# shellcheck disable=SC2046
	run "$LAUNCHER" --why --rox "$STARTUP,$T/bin/helper" \
		--ro "$TREE/ro" --rw "$TREE/rw" -- $(workload_args)
	[[ "$output" == *"read: OK"*"create: OK"* ]]
	grep -E "^ +read +$TREE/other/after-exec +helper +--ro $TREE/other/after-exec\$" <<<"$output"
}

@test "why: a process the command leaves behind is waited for" {
	run "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" \
		--ro /dev/null -- sh -c "(sleep 0.2; '$PROBE' read '$TREE/ro/file') & exit 4"
	[ "$status" -eq 4 ] # the command's, not the orphan's
	grep -E "^ +read +$TREE/ro/file +probe +--ro $TREE/ro/file\$" <<<"$output"
}

@test "why: a sandbox nested in the command is reported as its own" {
	run "$LAUNCHER" --why \
		--rox "/usr,/lib,/lib64,/bin,/etc/ld.so.cache,$PROBE,$SHIM" \
		--ro "$TREE" -- sh -c "env LD_PRELOAD='$SHIM' \
		LANDSHIM_ROX='$SYSTEM_ROX' '$PROBE' read '$TREE/ro/file'; exit 0"
	[ "$status" -eq 0 ]
	[[ "$output" == EACCES* ]]
	grep -x "  by a sandbox inside the command:" <<<"$output"
	grep -E "^ +read +$TREE/ro/file +probe +no option: a sandbox that the command set up itself denied it\$" <<<"$output"
}

@test "why: the command's exit status is kept; nothing denied is said" {
	run "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc -- sh -c 'exit 7'
	[ "$status" -eq 7 ]
	[ "$output" = "landshim: --why: no access was denied" ]
}

@test "why: a concurrent unrelated sandbox's denials never appear" {
	local other=$T/unrelated
	mkdir -p "$other" && echo x >"$other/file"
	# The unrelated sandbox is denied while the run is under way: it starts
	# once the command has, and the command ends once it is done.
	(
		while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
		for file in "$other/file" "$TREE/ro/file"; do
			env LD_PRELOAD="$SHIM" LANDSHIM_ROX="$SYSTEM_ROX" \
				"$PROBE" read "$file" >>"$other/results" || :
		done
		touch "$TREE/rw/done"
	) 3>&- {AUDIT_LOCK}>&- &
	LISTENERS+=($!)
	run "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" \
		--rw "$TREE/rw" -- sh -c "touch '$TREE/rw/started'; n=0
		while [ ! -e '$TREE/rw/done' ] && [ \$((n += 1)) -lt 600 ]; do
			sleep 0.05
		done
		'$PROBE' read '$TREE/ro/file'"
	[ "$(cat "$other/results")" = "$(printf 'EACCES\nEACCES')" ]
	grep -E "^ +read +$TREE/ro/file +probe +--ro $TREE/ro/file\$" <<<"$output"
	[[ "$output" != *"$other"* ]]
	[ "$(grep -c "^ .*$TREE/ro/file" <<<"$output")" -eq 1 ]
}

@test "why: the audit switch is as before, off or on" {
	local state
	for state in 0 1; do
		"$AUDITSTATE" "$state"
		run "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin -- cat /etc/hostname
		[[ "$output" == *"--ro /etc/hostname"* ]]
		[ "$("$AUDITSTATE")" = "$state" ]
	done
}

# why_waiting NAME FILE: a --why run in the background whose command touches
# $TREE/rw/NAME.started, waits for $TREE/rw/NAME.go, then reads FILE.
why_waiting() {
	"$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin --rw "$TREE/rw" -- \
		sh -c "touch '$TREE/rw/$1.started'; n=0
		while [ ! -e '$TREE/rw/$1.go' ] && [ \$((n += 1)) -lt 600 ]; do
			sleep 0.05
		done
		cat '$2'" 2>"$T/$1.err" 3>&- {AUDIT_LOCK}>&- &
	while [ ! -e "$TREE/rw/$1.started" ]; do sleep 0.05; done
}

@test "why: concurrent runs share the switch: the last one out restores it" {
	local first second
	why_waiting first /etc/hostname
	first=$!
	why_waiting second /etc/passwd
	second=$!
	# The first run switched auditing on; it ends before the second.
	touch "$TREE/rw/first.go"
	wait "$first" || :
	[ "$("$AUDITSTATE")" != 0 ]
	touch "$TREE/rw/second.go"
	wait "$second" || :
	grep -E "^ +read +/etc/hostname +cat +--ro /etc/hostname\$" "$T/first.err"
	# Denied after the first run ended: still reported.
	grep -E "^ +read +/etc/passwd +cat +--ro /etc/passwd\$" "$T/second.err"
	! grep -q /etc/passwd "$T/first.err"
	! grep -q /etc/hostname "$T/second.err"
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}

@test "why: after SIGINT to landshim, the switch is restored" {
	env --default-signal=INT "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin \
		--rw "$TREE/rw" -- sh -c "touch '$TREE/rw/started'; exec sleep 600" \
		2>"$T/err" 3>&- {AUDIT_LOCK}>&- &
	local pid=$! status=0
	while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
	[ "$("$AUDITSTATE")" != 0 ] # on during the run
	kill -INT "$pid"
	wait "$pid" || status=$?
	[ "$status" -eq 130 ] # sleep's death by SIGINT
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
	grep -q "^landshim: --why: " "$T/err" # the report, still
}

@test "why: as nobody, a one-line refusal (125) and nothing runs" {
	run as_user nobody "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin \
		--rw "$TREE/rw" -- "$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "landshim: --why: "*"needs CAP_AUDIT_READ and CAP_AUDIT_CONTROL"* ]]
	[ ! -e "$TREE/rw/marker" ]
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}

@test "why: needs a command; is an option, not a subcommand" {
	run "$LAUNCHER" --why
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: "*"no command"* ]]
	mkdir -p "$T/path" && cp "$PROBE" "$T/path/why"
	PATH=$T/path:$PATH run "$LAUNCHER" --ro "$TREE/ro" why read "$TREE/ro/file"
	[ "$output" = OK ]
}
