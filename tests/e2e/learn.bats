#!/usr/bin/env bats
# landshim --learn: rounds until nothing new, the narrowest rules, no
# secret without --allow-secrets, scopes reported only, and a config file
# that --config and LANDSHIM_CONFIG accept.

load helpers
load audit

setup() {
	audit_setup
	CONF=$T/learned.conf
	listen root serve-tcp "$PORT" {AUDIT_LOCK}>&-
}

teardown() {
	audit_teardown
}

@test "learn: the workload fails, learns in rounds, then works; the secret stays denied" {
	# shellcheck disable=SC2046
	run $(workload_args)
	[ "$status" -eq 0 ] # unsandboxed it works ...
	# shellcheck disable=SC2046
	run "$LAUNCHER" --rox "$STARTUP" -- $(workload_args)
	[ "$status" -eq 1 ] # ... sandboxed it does not
	# shellcheck disable=SC2046
	run "$LAUNCHER" --learn "$CONF" --rox "$STARTUP" -- $(workload_args)
	[ "$status" -eq 0 ] # the last round's run
	[[ "${lines[0]}" == "landshim: --learn: runs the command up to 5 times"* ]]
	grep -x "landshim: --learn: round 1: added --ro $TREE/ro/file (read $TREE/ro/file by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --rw $TREE/rw (create file in $TREE/rw by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --connect-tcp $PORT (connect TCP port $PORT (127.0.0.1) by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --rox $T/bin/helper (execute, read $T/bin/helper by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: not allowed: read /etc/shadow by workload: --ro /etc/shadow exposes /etc/shadow (--allow-secrets to learn it)" <<<"$output"
	[ "$(grep -c "not allowed" <<<"$output")" -eq 1 ] # said once
	# Only once the helper may run does its own denial show.
	grep -x "landshim: --learn: round 2: added --ro $TREE/other/after-exec (read $TREE/other/after-exec by helper)" <<<"$output"
	grep -x "landshim: --learn: round 3: nothing new to allow" <<<"$output"
	grep -x "landshim: --learn: wrote $CONF: 5 rules learned; use it with --config $CONF" <<<"$output"
	# The file: starting policy and learned rules, each with its origin.
	grep -E "^[[:space:]]+\"/usr\",  # --rox\$" "$CONF"
	grep -E "^[[:space:]]+\"$TREE/rw\"  # --learn round 1: create file by workload\$" "$CONF"
	grep -E "^[[:space:]]+\"$PORT\"  # --learn round 1: connect by workload\$" "$CONF"
	! grep shadow "$CONF"
	# With it, the same program works, and the secret stays denied.
	# shellcheck disable=SC2046
	run "$LAUNCHER" --config "$CONF" -- $(workload_args)
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' 'read: OK' 'create: OK' 'connect: OK' 'secret: EACCES' OK)" ]
	# As the shim's LANDSHIM_CONFIG too.
	# shellcheck disable=SC2046
	run env LD_PRELOAD="$SHIM" LANDSHIM_CONFIG="$CONF" $(workload_args)
	[ "$status" -eq 0 ]
	[[ "$output" == *"secret: EACCES"* ]]
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}

@test "learn: --allow-secrets learns the secret too" {
	# shellcheck disable=SC2046
	run "$LAUNCHER" --learn "$CONF" --allow-secrets --rox "$STARTUP" -- \
		$(workload_args)
	grep -x "landshim: --learn: round 1: added --ro /etc/shadow (read /etc/shadow by workload)" <<<"$output"
	# shellcheck disable=SC2046
	run "$LAUNCHER" --config "$CONF" -- $(workload_args)
	[[ "$output" == *"secret: OK"* ]]
}

@test "learn: --rounds caps the runs" {
	# shellcheck disable=SC2046
	run "$LAUNCHER" --learn "$CONF" --rounds 1 --rox "$STARTUP" -- \
		$(workload_args)
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "landshim: --learn: runs the command up to 1 time:"* ]]
	grep -x "landshim: --learn: stopped after 1 round (--rounds): the last run still needed more" <<<"$output"
	! grep -q "round 2" <<<"$output"
	grep -q "$T/bin/helper" "$CONF"
	! grep -q "\"$TREE/other/after-exec\"" "$CONF"
}

@test "learn: after SIGINT, the switch is restored and the file written" {
	env --default-signal=INT "$LAUNCHER" --learn "$CONF" \
		--rox /usr,/lib,/lib64,/bin --rw "$TREE/rw" -- sh -c \
		"cat /etc/hostname; touch '$TREE/rw/started'; exec sleep 600" \
		2>"$T/err" 3>&- {AUDIT_LOCK}>&- &
	local pid=$! status=0
	while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
	kill -INT "$pid"
	wait "$pid" || status=$?
	[ "$status" -eq 130 ]
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
	grep -x "landshim: --learn: interrupted in round 1: what was learned so far is kept" "$T/err"
	grep -q '"/etc/hostname"' "$CONF"
}

@test "learn: a scope denial is reported, not allowed" {
	run "$LAUNCHER" --learn "$CONF" --rox "/usr,/lib,/lib64,/bin,$PROBE" -- \
		"$PROBE" signal 1 0
	grep -x "landshim: --learn: round 1: not allowed: signal pid 1 (.*) by probe: a scope: lift it by hand with --unrestricted-scope if it must be" <<<"$output"
	grep -x "landshim: --learn: round 1: nothing new to allow" <<<"$output"
	! grep -q unrestricted "$CONF"
}

@test "learn: bad --rounds, --rounds without --learn, no command: 125" {
	local bad
	for bad in 0 101 x -1 1x; do
		run "$LAUNCHER" --learn "$CONF" --rounds "$bad" -- true
		[ "$status" -eq 125 ]
		[[ "$output" == "landshim: --rounds: "* ]]
	done
	run "$LAUNCHER" --rounds 2 -- true
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: --rounds: only with --learn" ]]
	run "$LAUNCHER" --allow-secrets -- true
	[ "$status" -eq 125 ]
	run "$LAUNCHER" --learn "$CONF"
	[ "$status" -eq 125 ]
	[ ! -e "$CONF" ]
	run "$LAUNCHER" --learn "$T/no/such/dir/f.conf" --rox "$STARTUP" -- true
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: --learn: $T/no/such/dir/f.conf: cannot write"* ]]
}

@test "learn: is an option; \`landshim learn\` runs a program called learn" {
	mkdir -p "$T/path" && cp "$PROBE" "$T/path/learn"
	PATH=$T/path:$PATH run "$LAUNCHER" --ro "$TREE/ro" learn read "$TREE/ro/file"
	[ "$output" = OK ]
}

@test "learn: as nobody, a one-line refusal (125), nothing runs, no file" {
	run as_user nobody "$LAUNCHER" --learn "$T/tree/rw/l.conf" \
		--rox /usr,/lib,/lib64,/bin --rw "$TREE/rw" -- \
		"$PROBE" create "$TREE/rw/marker"
	[ "$status" -eq 125 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "landshim: --learn: "*"needs CAP_AUDIT_READ and CAP_AUDIT_CONTROL"* ]]
	[ ! -e "$TREE/rw/marker" ]
	[ -z "$(find "$TREE/rw" -name 'l.conf*')" ]
}
