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
	local source
	for source in audit ptrace; do
		run "$LAUNCHER" --why --why-source $source \
			--rox /usr,/lib,/lib64,/bin,/etc -- sh -c 'exit 7'
		[ "$status" -eq 7 ]
		[[ "$output" == "landshim: --why: no access was denied ("* ]]
		run "$LAUNCHER" --why --why-source $source \
			--rox /usr,/lib,/lib64,/bin,/etc -- sh -c 'kill -USR2 $$'
		[ "$status" -eq $((128 + 12)) ] # killed by SIGUSR2
	done
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

@test "why: --why-source audit as nobody: a one-line refusal (125), nothing runs" {
	run as_user nobody "$LAUNCHER" --why --why-source audit \
		--rox /usr,/lib,/lib64,/bin --rw "$TREE/rw" -- \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "landshim: --why: "*"needs CAP_AUDIT_READ and CAP_AUDIT_CONTROL"*"--why-source ptrace"* ]]
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

# ---- Tracing the command (the ptrace source) ----

# why_rows OUTPUT: the report's rows, the source's words taken out.
why_rows() {
	grep -E '^ +|^landshim: to allow them' <<<"$1"
}

@test "why: as nobody, the command is traced: each denial, the same rows as audit's" {
	listen root serve-tcp "$PORT" {AUDIT_LOCK}>&-
	# shellcheck disable=SC2046
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP" -- $(workload_args)
	[ "$status" -eq 1 ]
	[[ "${lines[*]}" == *"landshim: --why: reading the kernel's audit records needs root: tracing the command instead"* ]]
	grep -E "^landshim: --why: 4 denied accesses \(seen by tracing the command's system calls\):\$" <<<"$output"
	grep -E "^ +read +$TREE/ro/file +workload +--ro $TREE/ro/file\$" <<<"$output"
	grep -E "^ +create file +in $TREE/rw +workload +--rw $TREE/rw\$" <<<"$output"
	grep -E "^ +connect +TCP port $PORT \(127.0.0.1\) +workload +--connect-tcp $PORT\$" <<<"$output"
	grep -E "^ +execute, read +$T/bin/helper +workload +--rox $T/bin/helper\$" <<<"$output"
	# /etc/shadow: nobody may not read it anyway (its mode): not the sandbox's.
	! grep -q shadow <<<"$output"
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
	# As root, tracing reports what the audit records do, shadow included.
	# shellcheck disable=SC2046
	run "$LAUNCHER" --why --why-source ptrace --rox "$STARTUP" -- $(workload_args)
	local traced=$output
	# shellcheck disable=SC2046
	run "$LAUNCHER" --why --why-source audit --rox "$STARTUP" -- $(workload_args)
	[ "$(why_rows "$traced")" = "$(why_rows "$output")" ]
	grep -qE "read +/etc/shadow" <<<"$output"
}

@test "why: tracing sees denials after an execve, in children, in threads" {
	# shellcheck disable=SC2046
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$T/bin/helper" \
		--ro "$TREE/ro" --rw "$TREE/rw" -- $(workload_args)
	grep -E "^ +read +$TREE/other/after-exec +helper +--ro $TREE/other/after-exec\$" <<<"$output"
	run as_user nobody "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" \
		--ro /dev/null -- sh -c "(sh -c '\"$PROBE\" read \"$TREE/ro/file\"') & wait"
	grep -E "^ +read +$TREE/ro/file +probe +--ro $TREE/ro/file\$" <<<"$output"
	run as_user nobody "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache \
		-- python3 -c "import threading; t = threading.Thread(target=lambda: open('$TREE/ro/file')); t.start(); t.join()"
	grep -E "^ +read +$TREE/ro/file +python3.* +--ro $TREE/ro/file\$" <<<"$output"
}

@test "why: every kind of file and network denial, traced as audit sees it" {
	local op rows
	for op in "list $TREE/ro" "write $TREE/ro/file" "mkdir $TREE/ro/new" \
		"remove $TREE/ro/file" "rmdir $TREE/ro/sub" \
		"rename $TREE/ro/file $TREE/other/moved" \
		"link $TREE/ro/file $TREE/other/linked" \
		"symlink $TREE/ro/file $TREE/other/sym" "truncate $TREE/ro/file" \
		"bind $PORT" "signal 1 0"; do
		reset_tree
		# shellcheck disable=SC2086
		run "$LAUNCHER" --why --why-source audit \
			--rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" -- \
			"$PROBE" $op
		rows=$(why_rows "$output")
		[ -n "$rows" ]
		reset_tree
		# shellcheck disable=SC2086
		run "$LAUNCHER" --why --why-source ptrace \
			--rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" -- \
			"$PROBE" $op
		if [ "$(why_rows "$output")" != "$rows" ]; then
			echo "$op: audit: $rows; traced: $output" >&2
			return 1
		fi
	done
}

@test "why: a failure the sandbox does not explain is not reported" {
	chmod 600 "$TREE/ro/file" # nobody may not read it, sandbox or not
	run as_user nobody "$PROBE" read "$TREE/ro/file"
	[ "$output" = EACCES ]
	run as_user nobody "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" \
		--ro "$TREE" -- "$PROBE" read "$TREE/ro/file"
	[ "${lines[0]}" = EACCES ]
	[[ "$output" == *"no access was denied (seen by tracing"* ]]
}

@test "why: a traced command behaves the same: signals, stops, exit codes" {
	local source start
	for source in audit ptrace; do
		# A signal to landshim reaches the command, which decides.
		reset_tree
		env --default-signal=USR1 "$LAUNCHER" --why --why-source $source \
			--rox /usr,/lib,/lib64,/bin --rw "$TREE/rw" -- sh -c \
			"trap 'exit 3' USR1; touch '$TREE/rw/started'; while :; do sleep 0.1; done" \
			2>/dev/null 3>&- {AUDIT_LOCK}>&- &
		local pid=$! status=0
		while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
		kill -USR1 "$pid"
		wait "$pid" || status=$?
		[ "$status" -eq 3 ]
		# A group stop stays a stop until SIGCONT.
		run "$LAUNCHER" --why --why-source $source \
			--rox /usr,/lib,/lib64,/bin --rw "$TREE/rw" -- sh -c \
			"echo \$\$ > '$TREE/rw/pid'; kill -STOP \$\$; touch '$TREE/rw/resumed'" &
		while [ ! -s "$TREE/rw/pid" ]; do sleep 0.05; done
		sleep 0.5
		[ ! -e "$TREE/rw/resumed" ]
		grep -q '^State:.*[Tt]' "/proc/$(cat "$TREE/rw/pid")/status"
		kill -CONT "$(cat "$TREE/rw/pid")"
		wait
		[ -e "$TREE/rw/resumed" ]
	done
}

@test "why: a setuid program runs in the traced sandbox as in the sandbox" {
	run as_user nobody passwd -S nobody
	local outside=$output
	run as_user nobody "$LAUNCHER" --rox /usr,/lib,/lib64,/bin,/etc --ro /proc \
		-- passwd -S nobody
	local sandboxed=$output
	[ "$sandboxed" != "$outside" ] # no_new_privs: not setuid in the sandbox
	run as_user nobody "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc \
		--ro /proc -- passwd -S nobody
	[ "${lines[0]}" = "$sandboxed" ]
}

@test "why: the command cannot detach the tracer; killing landshim kills the tree" {
	run as_user nobody "$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache,"$PROBE" \
		-- "$PROBE" ptrace-seize 1
	[ "${lines[0]}" = EPERM ]
	setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups --inh-caps=-all -- \
		"$LAUNCHER" --why --rox /usr,/lib,/lib64,/bin --ro /dev/null \
		--rw "$TREE/rw" -- sh -c "s=31.25; sleep \$s & touch '$TREE/rw/started'; wait" \
		2>/dev/null 3>&- {AUDIT_LOCK}>&- &
	local pid=$! n=0
	while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
	pgrep -f '^sleep 31.25$'
	kill -KILL "$pid" # setpriv execs landshim: the same process
	wait "$pid" || :
	while pgrep -f '^sleep 31.25$' && [ $((n += 1)) -lt 50 ]; do sleep 0.1; done
	! pgrep -f '^sleep 31.25$'
}

# ---- The end of a run ----

@test "why: what the command leaves running is ended after the grace period" {
	local source start
	for source in audit ptrace; do
		start=$SECONDS
		run "$LAUNCHER" --why --why-source $source --ro /dev/null \
			--rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache -- \
			sh -c 'setsid sleep 25.5 &'
		[ "$status" -eq 0 ]
		[ $((SECONDS - start)) -lt 10 ]
		grep -x "landshim: --why: 1 process the command left running was ended after 2 s (--wait N gives them longer)" <<<"$output"
		! pgrep -f '^sleep 25.5$'
	done
	start=$SECONDS
	run "$LAUNCHER" --why --wait 0 --ro /dev/null \
		--rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache -- sh -c 'setsid sleep 25.5 &'
	[ $((SECONDS - start)) -lt 2 ]
	grep -q "ended after 0 s" <<<"$output"
	# Within it, a leftover's denials are still reported (the test above).
}

@test "why: a second INT or TERM kills the whole tree; the switch is restored" {
	local source sig
	for source in audit ptrace; do
		for sig in INT TERM; do
			reset_tree
			env --default-signal=INT,TERM "$LAUNCHER" --why --why-source $source \
				--ro /dev/null --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache \
				--rw "$TREE/rw" -- sh -c "trap '' INT TERM; setsid sleep 26.5 &
				touch '$TREE/rw/started'; sleep 27.5" \
				2>"$T/err" 3>&- {AUDIT_LOCK}>&- &
			local pid=$! status=0
			while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
			kill -$sig "$pid"
			sleep 0.3
			pgrep -f '^sleep 27.5$' # the command ignores the first
			kill -$sig "$pid"
			wait "$pid" || status=$?
			[ "$status" -eq 137 ] # the command, killed
			grep -x "landshim: --why: a second SIG$sig: the command and what it started were killed" "$T/err"
			grep -q "^landshim: --why: " "$T/err" # the report, still
			! pgrep -f '^sleep 2[67].5$'
			[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
		done
	done
}

@test "why: a run killed by SIGKILL leaves auditing on; the next one says so and repairs it" {
	"$AUDITSTATE" 0
	"$LAUNCHER" --why --why-source audit --rox /usr,/lib,/lib64,/bin \
		--rw "$TREE/rw" -- sh -c "touch '$TREE/rw/started'; exec sleep 28.5" \
		2>/dev/null 3>&- {AUDIT_LOCK}>&- &
	local pid=$!
	while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
	[ "$("$AUDITSTATE")" = 1 ]
	kill -KILL "$pid"
	wait "$pid" || :
	pkill -f 'sleep 28.5' || :
	[ "$("$AUDITSTATE")" = 1 ] # left on
	run "$LAUNCHER" --why --why-source audit --rox /usr,/lib,/lib64,/bin -- true
	grep -x "landshim: --why: auditing was left on by a run that was killed (SIGKILL) before it could switch it back off: this run switches it off at its end" <<<"$output"
	[ "$("$AUDITSTATE")" = 0 ]
	"$AUDITSTATE" "$STATE_BEFORE"
}

# ---- Suggestions ----

# allowed_by OUTPUT: the options of the "to allow them" line.
allowed_by() {
	sed -n 's/^landshim: to allow them: //p' <<<"$1" |
		sed 's/ (paths exposing secrets left out)$//'
}

@test "why: every suggestion runs as printed, and gets past the denial" {
	local user opts all round rows
	# The command reads /proc of its processes, lists a directory, copies
	# a program, runs it, then removes it: each denial leads to the next.
	local cmd=(sh -c "ls /proc/self/ >'$TREE/rw/o1'; cat /proc/\$\$/status >'$TREE/rw/o2'
		ls '$TREE/ro' >'$TREE/rw/o3'; cp '$PROBE' '$TREE/rw/build/tmp.x'
		'$TREE/rw/build/tmp.x' read '$TREE/ro/file'; s=\$?; rm -rf '$TREE/rw/build'; exit \$s")
	for user in root nobody; do
		all=""
		for round in 1 2 3; do
			reset_tree
			mkdir -p "$TREE/rw/build" && chmod -R a+rwX "$TREE"
			# shellcheck disable=SC2086
			eval "run as_user $user \"\$LAUNCHER\" --why --rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache \
				--rw \"\$TREE/rw\" $all -- \"\${cmd[@]}\""
			[ "$status" -ne 125 ] # every option printed is valid
			# What the last round allowed is not denied again.
			if [ -n "${rows:-}" ]; then
				! grep -Fxf <(echo "$rows") <<<"$(why_rows "$output")"
			fi
			[ "$status" -eq 0 ] && break
			opts=$(allowed_by "$output")
			[ -n "$opts" ]
			if [ "$round" = 1 ]; then
				# One --ro /proc for every process's entries.
				[ "$(grep -o -- '--ro /proc' <<<"$opts" | wc -l)" -eq 1 ]
				! grep -q -- '/proc/[0-9s]' <<<"$opts"
				grep -x "landshim: note: --ro /proc also lets it read other processes' command lines and their entries that need no ptrace access" <<<"$output"
			fi
			if [ "$round" = 2 ]; then
				# The program gone: its nearest existing directory.
				grep -q -- "--rox $TREE/rw/build" <<<"$opts" ||
					grep -q -- "--rox $TREE/rw" <<<"$opts"
				! grep -q -- "tmp.x" <<<"$opts"
			fi
			rows=$(why_rows "$output" | grep -v '^landshim')
			all="$all $opts"
		done
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = OK ]
		rows=""
	done
}

# ---- The seccomp filter's refusals ----

# Calls the sandbox's own filter refuses (src/filter), whatever the policy:
# a UDP socket (no UDP rule), a setuid chmod, TIOCSTI.
refused_calls() {
	echo "'$PROBE' udp $PORT; '$PROBE' chmod '$TREE/rw/file' 4755; '$PROBE' tiocsti x; true"
}

@test "why: the filter's refusals, traced: the call and the option that lifts it" {
	local user
	# Controls (TIOCSTI's needs a terminal: filter.bats has it).
	for user in root nobody; do
		control "$user" OK "$PROBE" udp "$PORT"
		chown "$user" "$TREE/rw/file"
		control "$user" OK "$PROBE" chmod "$TREE/rw/file" 4755
		chmod 0666 "$TREE/rw/file"
		# Without the tracer, the filter's trap ends the process: fail
		# closed.
		run as_user "$user" "$HELPERS/filtertrap" "$PROBE" udp "$PORT"
		[ "$status" -eq $((128 + 31)) ] # SIGSYS
	done
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$PROBE" \
		--rw "$TREE/rw" -- sh -c "$(refused_calls)"
	[ "$status" -eq 0 ]
	# The command sees the filter's errnos.
	[ "$(grep -cx 'EACCES\|EPERM' <<<"$output")" -eq 3 ]
	grep -x "  refused by the system-call filter:" <<<"$output"
	grep -E "^ +create socket +UDP socket +probe +--connect-udp PORTS \(to send\), --bind-udp PORTS \(to receive\): the ports are yours to choose\$" <<<"$output"
	grep -E "^ +chmod +setuid or setgid bit +probe +no option: a sandbox may never make a file setuid or setgid\$" <<<"$output"
	grep -E "^ +ioctl +TIOCSTI or TIOCLINUX on a terminal +probe +no option: a sandbox may never type into a terminal\$" <<<"$output"
	! grep -q "^landshim: to allow them" <<<"$output"
	[ "$(stat -c %a "$TREE/rw/file")" != 4755 ]
}

@test "why: the filter's refusals, from AUDIT_SECCOMP records" {
	run "$LAUNCHER" --why --why-source audit --rox "$STARTUP,$PROBE" \
		--rw "$TREE/rw" -- sh -c "$(refused_calls)"
	[ "$status" -eq 0 ]
	[ "$(grep -cx 'EACCES\|EPERM' <<<"$output")" -eq 3 ]
	grep -x "  refused by the system-call filter:" <<<"$output"
	grep -E "^ +create socket +socket \(kind unseen\) +probe +--connect-udp PORTS \(UDP\), --unrestricted-unix \(unix\) or --unrestricted-network \(others\)\$" <<<"$output"
	grep -E "^ +chmod +setuid or setgid bit +probe +no option" <<<"$output"
	grep -E "^ +ioctl +TIOCSTI or TIOCLINUX on a terminal +probe +no option" <<<"$output"
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}

@test "why: the filter's refusals as the run's policy has it: UDP rules, --unrestricted-unix" {
	local user
	for user in root nobody; do
		control "$user" OK "$PROBE" socket 2 1 262 # MPTCP
	done
	# Traced: the arguments tell an MPTCP socket.
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$PROBE" \
		--connect-udp "$PORT" -- "$PROBE" socket 2 1 262
	[ "${lines[0]}" = EPROTONOSUPPORT ]
	grep -E "^ +create socket +MPTCP or SCTP socket +probe +--unrestricted-network\$" <<<"$output"
	grep -x "landshim: to allow them: --unrestricted-network" <<<"$output"
	# An audit record does not: with UDP rules and unix sockets
	# unrestricted, what is left is lifted by --unrestricted-network alone,
	# not --connect-udp again.
	run "$LAUNCHER" --why --why-source audit --rox "$STARTUP,$PROBE" \
		--connect-udp "$PORT" --unrestricted-unix -- "$PROBE" socket 2 1 262
	[ "${lines[0]}" = EPROTONOSUPPORT ]
	grep -E "^ +create socket +socket \(kind unseen\) +probe +--unrestricted-network\$" <<<"$output"
	grep -x "landshim: to allow them: --unrestricted-network" <<<"$output"
	! grep -q -- "PORTS" <<<"$output"
	# And the option runs as printed, past the refusal.
	lexpect OK --rox "$STARTUP,$PROBE" --connect-udp "$PORT" \
		--unrestricted-unix --unrestricted-network -- "$PROBE" socket 2 1 262
}

@test "why: an i386 system call, traced: the same rules, its own registers" {
	local user
	if ! i386_entry; then
		run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$PROBE" \
			--rw "$TREE/rw" -- "$PROBE" i386-chmod "$TREE/rw/file" 4755
		[ "${lines[0]}" = NO-I386-ENTRY ]
		! grep -q "system-call filter" <<<"$output"
		return 0
	fi
	for user in root nobody; do
		reset_tree
		chmod a+rw "$TREE/rw/file"
		[ "$user" = root ] || chown "$NOBODY" "$TREE/rw/file"
		control "$user" OK "$PROBE" i386-chmod "$TREE/rw/file" 4755
	done
	reset_tree
	chown "$NOBODY" "$TREE/rw/file"
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$PROBE" \
		--rw "$TREE/rw" -- "$PROBE" i386-chmod "$TREE/rw/file" 4755
	[ "${lines[0]}" = EPERM ]
	grep -E "^ +chmod +setuid or setgid bit +probe +no option: a sandbox may never make a file setuid or setgid\$" <<<"$output"
	# A mode without the bits is not the filter's: nothing refused.
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$PROBE" \
		--rw "$TREE/rw" -- "$PROBE" i386-chmod "$TREE/rw/file" 755
	[ "${lines[0]}" = OK ]
	! grep -q "system-call filter" <<<"$output"
	# socket(2) by its i386 number: a UDP socket, as on x86_64.
	for user in root nobody; do
		control "$user" OK "$PROBE" i386-socket 2 2 0
	done
	run as_user nobody "$LAUNCHER" --why --rox "$STARTUP,$PROBE" \
		-- "$PROBE" i386-socket 2 2 0
	[ "${lines[0]}" = EACCES ]
	grep -E "^ +create socket +UDP socket +probe +--connect-udp PORTS" <<<"$output"
}

@test "why: --wait, --why-source: checked, and only with --why or --learn" {
	run "$LAUNCHER" --wait 3 -- true
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --wait: only with --why or --learn" ]
	run "$LAUNCHER" --why --wait x -- true
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: --wait: \"x\": expected a number of seconds"* ]]
	run "$LAUNCHER" --why --why-source strace -- true
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: --why-source: \"strace\": expected audit"* ]]
}
