#!/usr/bin/env bats
# landshim --learn: rounds until nothing new, the narrowest rules, no
# secret without --allow-secrets, nothing a person did not review (writes
# outside the work space, ports, terminals, scopes), and a config file
# that --config and LANDSHIM_CONFIG accept, written where the command
# cannot touch it.

load helpers
load audit

setup() {
	audit_setup
	# The command's work space, apart from the file being written.
	mkdir -p "$T/work" "$T/tmp" "$T/conf"
	chmod 0777 "$T/work" "$T/tmp" "$T/conf"
	export TMPDIR=$T/tmp
	cd "$T/work"
	CONF=$T/conf/learned.conf
	listen root serve-tcp "$PORT" {AUDIT_LOCK}>&-
}

teardown() {
	cd /
	audit_teardown
}

# The rules of a learned file: its lines that are not comments.
rules_of() {
	grep -v '^#' "$1" | sed 's/  #.*//'
}

@test "learn: the workload fails, learns in rounds, then works; the secret stays denied" {
	cd "$TREE/rw" # the command's work space: where it creates its output
	# shellcheck disable=SC2046
	run $(workload_args)
	[ "$status" -eq 0 ] # unsandboxed it works ...
	# shellcheck disable=SC2046
	run "$LAUNCHER" --rox "$STARTUP" -- $(workload_args)
	[ "$status" -eq 1 ] # ... sandboxed it does not
	# shellcheck disable=SC2046
	run "$LAUNCHER" --learn "$CONF" --learn-network --rox "$STARTUP" -- \
		$(workload_args)
	[ "$status" -eq 0 ] # the workload's: all but the secret worked
	[[ "${lines[0]}" == "landshim: --learn: runs the command up to 5 times, from the kernel's audit records"* ]]
	grep -x "landshim: --learn: round 1: added --ro $TREE/ro/file (read $TREE/ro/file by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --rwx $TREE/rw (create file in $TREE/rw by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --connect-tcp $PORT (connect TCP port $PORT (127.0.0.1) by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --rox $T/bin/helper (execute, read $T/bin/helper by workload)" <<<"$output"
	grep -x "landshim: --learn: round 1: not allowed: read /etc/shadow by workload: --ro /etc/shadow exposes /etc/shadow (--allow-secrets to learn it)" <<<"$output"
	[ "$(grep -c "not allowed" <<<"$output")" -eq 1 ] # said once
	# Only once the helper may run does its own denial show.
	grep -x "landshim: --learn: round 2: added --ro $TREE/other/after-exec (read $TREE/other/after-exec by helper)" <<<"$output"
	grep -x "landshim: --learn: round 3: nothing new could be learned" <<<"$output"
	[ "${lines[-2]}" = "landshim: --learn: wrote $CONF: 5 rules learned; use it with --config $CONF" ]
	[ "${lines[-1]}" = "landshim: --learn: the last run's exit status: 0" ]
	# The file: starting policy and learned rules, each with its origin.
	grep -E "^[[:space:]]+\"/usr\",  # --rox\$" "$CONF"
	grep -E "^[[:space:]]+\"\\\$PWD\",?  # --learn round 1: create file in $TREE/rw by workload; the command's work space\$" "$CONF"
	grep -E "^[[:space:]]+\"$PORT\"  # --learn round 1: connect TCP port $PORT \(127.0.0.1\) by workload\$" "$CONF"
	! rules_of "$CONF" | grep shadow
	# With it, the same program works, and the secret stays denied.
	# shellcheck disable=SC2046
	run "$LAUNCHER" --config "$CONF" -- $(workload_args)
	[ "$output" = "$(printf '%s\n' 'read: OK' 'create: OK' 'connect: OK' 'secret: EACCES' OK)" ]
	# As the shim's LANDSHIM_CONFIG too.
	# shellcheck disable=SC2046
	run env LD_PRELOAD="$SHIM" LANDSHIM_CONFIG="$CONF" $(workload_args)
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

@test "learn: ports are to review, not learned, without --learn-network" {
	# shellcheck disable=SC2046
	run "$LAUNCHER" --learn "$CONF" --rox "$STARTUP" -- $(workload_args)
	grep -x "landshim: --learn: round 1: to review: --connect-tcp $PORT (connect TCP port $PORT (127.0.0.1) by workload): network access (--learn-network learns ports)" <<<"$output"
	[ "$(grep -c "to review: --connect-tcp" <<<"$output")" -eq 1 ] # said once
	! rules_of "$CONF" | grep -q connect_tcp
	grep -x "#   --connect-tcp $PORT  (connect TCP port $PORT (127.0.0.1) by workload: network access (--learn-network learns ports))" "$CONF"
	# shellcheck disable=SC2046
	run "$LAUNCHER" --config "$CONF" -- $(workload_args)
	[[ "$output" == *"connect: EACCES"* ]]
}

@test "learn: --rounds caps the runs" {
	# shellcheck disable=SC2046
	run "$LAUNCHER" --learn "$CONF" --rounds 1 --rox "$STARTUP" -- \
		$(workload_args)
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "landshim: --learn: runs the command up to 1 time, "* ]]
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
	grep -x "landshim: --learn: round 1: to review: --unrestricted-scope (signal pid 1 (.*) by probe): lifting a whole class is yours to decide" <<<"$output"
	grep -x "landshim: --learn: round 1: nothing new could be learned" <<<"$output"
	! rules_of "$CONF" | grep -q unrestricted
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
	run "$LAUNCHER" --learn-network -- true
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: --learn-network: only with --learn" ]]
	run "$LAUNCHER" --learn "$CONF"
	[ "$status" -eq 125 ]
	[ ! -e "$CONF" ]
	run "$LAUNCHER" --learn "$T/no/such/dir/f.conf" --rox "$STARTUP" -- true
	[ "$status" -eq 125 ]
	[[ "$output" == "landshim: --learn: $T/no/such/dir/f.conf: cannot write"* ]]
}

@test "learn: FILE must be named: --learn -- true, --learn alone: 125, no file" {
	run "$LAUNCHER" --learn -- true
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --learn: \"--\": expected the FILE to write first (--learn FILE -- COMMAND)" ]
	[ ! -e ./-- ]
	run "$LAUNCHER" --rox /usr --learn
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --learn: missing value" ]
	[ -z "$(ls -A "$T/work")" ]
}

@test "learn: is an option; \`landshim learn\` runs a program called learn" {
	mkdir -p "$T/path" && cp "$PROBE" "$T/path/learn"
	PATH=$T/path:$PATH run "$LAUNCHER" --ro "$TREE/ro" learn read "$TREE/ro/file"
	[ "$output" = OK ]
}

# ---- Never turned against the user ----

@test "learn: a write outside the work space is never granted (/etc/profile.d)" {
	local script=/etc/profile.d/landshim-test-$$.sh
	# As root, unsandboxed, the command could write there.
	run "$LAUNCHER" --learn "$CONF" --profile shell -- \
		sh -c "echo 'echo pwned' > $script"
	[ ! -e "$script" ]
	grep -x "landshim: --learn: round 1: to add by hand: --rw /etc/profile.d (create file in /etc/profile.d by dash): write access outside \$PWD, \$TMPDIR and the trees the policy grants for writing" <<<"$output"
	grep -x "landshim: --learn: round 1: nothing new could be learned" <<<"$output"
	! grep -q "round 2" <<<"$output" # no run with it
	# The summary: the failure first, the last run's status last.
	[ "${lines[-3]}" = "landshim: --learn: the command still fails: its last run exited with status 2 (what it was refused is above: \"to review\", \"to add by hand\")" ]
	[ "${lines[-1]}" = "landshim: --learn: the last run's exit status: 2" ]
	! rules_of "$CONF" | grep -q profile.d
	grep -q "^#   --rw /etc/profile.d  (create file in /etc/profile.d by dash" "$CONF"
	# Traced as nobody the same: the round does not get it.
	HOME=$T run as_user nobody "$LAUNCHER" --learn "$T/conf/nobody.conf" \
		--profile shell --rw "$TREE/rw" -- sh -c "echo x > '$TREE/other/x'"
	grep -q "to add by hand: --rw $TREE/other " <<<"$output"
	[ ! -e "$TREE/other/x" ]
}

@test "learn: run from a system directory, no write is learned there" {
	cd /usr/share # no secret beneath, but the system's
	run "$LAUNCHER" --learn "$CONF" --profile shell -- \
		sh -c "echo x > /usr/share/landshim-test-$$"
	[ ! -e "/usr/share/landshim-test-$$" ]
	grep -q "to add by hand: --rw /usr/share (create file in /usr/share by dash)" <<<"$output"
	! rules_of "$CONF" | grep -q '"\$PWD"'
}

@test "learn: a symbolic link swapped in gets nothing: secrets are checked on the resolved path" {
	# The command may write $TREE/rw; it asks to run a file there (rw
	# lacks execute), then makes the file a link to /etc and reads through
	# it, in every round.
	local cmd="if [ ! -L '$TREE/rw/f' ]; then '$TREE/rw/f'; rm -f '$TREE/rw/f'
		ln -s /etc '$TREE/rw/f'; fi; cat '$TREE/rw/f/shadow'"
	cp "$PROBE" "$TREE/rw/f"
	local source
	for source in audit ptrace; do
		rm -rf "$TREE/rw/f" && cp "$PROBE" "$TREE/rw/f"
		rm -f "$CONF"
		run "$LAUNCHER" --learn "$CONF" --why-source $source \
			--rox /usr,/lib,/lib64,/bin,/etc/ld.so.cache --rw "$TREE/rw" \
			-- sh -c "$cmd"
		! grep -q '^root:' <<<"$output" # /etc/shadow's content
		! rules_of "$CONF" | grep -E '"/etc"|"/etc/shadow"'
		grep -q "exposes /etc/shadow" <<<"$output"
	done
	# The link, followed by a rule, would have exposed it.
	[ -L "$TREE/rw/f" ]
}

@test "learn: the output file cannot be substituted" {
	local status_
	# Where the command may write: refused before anything runs.
	for file in "$T/work/x.conf" "$T/tmp/x.conf" "$TREE/rw/x.conf"; do
		run "$LAUNCHER" --learn "$file" --rw "$TREE/rw" \
			--rox /usr,/lib,/lib64,/bin -- touch "$TREE/rw/ran"
		[ "$status" -eq 125 ]
		[[ "$output" == "landshim: --learn: $file: the command could write there"* ]]
		[ ! -e "$TREE/rw/ran" ] && [ ! -e "$file" ]
	done
	# A link in its place: refused.
	ln -s /etc/passwd "$CONF"
	run "$LAUNCHER" --learn "$CONF" --rox /usr,/lib,/lib64,/bin -- true
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --learn: $CONF: is a symbolic link: name the file itself" ]
	rm "$CONF"
	# The sandboxed command cannot write it, and is not taught to.
	run "$LAUNCHER" --learn "$CONF" --rox /usr,/lib,/lib64,/bin \
		-- sh -c "echo planted > '$CONF'"
	grep -q "to add by hand: --rw $T/conf " <<<"$output"
	! grep -q planted "$CONF"
	rm "$CONF"
	# Made by another process during the run: not replaced, nothing lost.
	(
		while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
		echo planted >"$CONF"
		touch "$TREE/rw/go"
	) 3>&- {AUDIT_LOCK}>&- &
	run "$LAUNCHER" --learn "$CONF" --rox /usr,/lib,/lib64,/bin \
		--rw "$TREE/rw" -- sh -c "touch '$TREE/rw/started'
		while [ ! -e '$TREE/rw/go' ]; do sleep 0.05; done; cat /etc/hostname"
	[ "$status" -eq 125 ]
	[ "$(cat "$CONF")" = planted ]
	grep -x "landshim: --learn: $CONF: created by another during the run: not replaced; what was learned is on standard output" <<<"$output"
	grep -q '^	"/etc/hostname"' <<<"$output"
}

@test "learn: an existing FILE is extended, its rules and comments kept" {
	run "$LAUNCHER" --learn "$CONF" --rox /usr,/lib,/lib64,/bin -- cat /etc/hostname
	[ "$status" -eq 0 ]
	grep -q '"/etc/hostname",\?  # --learn round 1: read /etc/hostname by cat$' "$CONF"
	echo "# mine" >>"$CONF"
	run "$LAUNCHER" --learn "$CONF" -- sh -c "cat /etc/hostname '$TREE/ro/file'"
	[ "$status" -eq 0 ]
	grep -x "landshim: --learn: wrote $CONF: [0-9]* rules\? learned (its own rules kept); use it with --config $CONF" <<<"$output"
	grep -q '"/bin"  # --rox$' "$CONF" # the last of a list too
	grep -q '"/etc/hostname",\?  # --learn round 1: read /etc/hostname by cat$' "$CONF"
	grep -q "\"$TREE/ro/file\",\\?  # --learn round 1: read $TREE/ro/file by cat\$" "$CONF"
	grep -q '"/usr",\?  # --rox$' "$CONF"
	run "$LAUNCHER" --config "$CONF" -- sh -c "cat /etc/hostname '$TREE/ro/file'"
	[ "$status" -eq 0 ]
	# Replaced by another process during the run: not replaced again.
	(
		while [ ! -e "$TREE/rw/started" ]; do sleep 0.05; done
		echo 'ro = ["/"];' >"$CONF.new" && mv "$CONF.new" "$CONF"
		touch "$TREE/rw/go"
	) 3>&- {AUDIT_LOCK}>&- &
	run "$LAUNCHER" --learn "$CONF" --rw "$TREE/rw" -- sh -c "touch '$TREE/rw/started'
		while [ ! -e '$TREE/rw/go' ]; do sleep 0.05; done; cat /etc/passwd"
	[ "$status" -eq 125 ]
	[[ "$output" == *"landshim: --learn: $CONF: changed during the run: not replaced"* ]]
	[ "$(cat "$CONF")" = 'ro = ["/"];' ]
}

@test "learn: profiles are kept as given; \$PWD, \$HOME, \$TMPDIR written as variables" {
	mkdir -p "$T/home" && echo data >"$T/home/.config-file"
	echo data >"$T/work/input" && echo data >"$TMPDIR/input"
	HOME=$T/home run "$LAUNCHER" --learn "$CONF" --profile shell -- \
		sh -c "cat '$T/home/.config-file' '$T/work/input' '$TMPDIR/input' && touch '$T/work/out'"
	[ "$status" -eq 0 ]
	grep -x 'profiles = \["shell"\];' "$CONF"
	# Not inlined: neither shell's rules nor base's.
	! grep -q 'profiles/shell.conf\|profiles/base.conf' "$CONF"
	! rules_of "$CONF" | grep -q '"/etc/profile?"\|"/etc/ld.so.cache"'
	rules_of "$CONF" | grep -qx '	"\$HOME/.config-file",\?'
	rules_of "$CONF" | grep -qx '	"\$PWD",\?'
	rules_of "$CONF" | grep -qx '	"\$TMPDIR/input",\?'
	! rules_of "$CONF" | grep -q "$T"
	# So it works elsewhere: another home, work space and temporary dir.
	local t2
	t2=$(mktemp -d /tmp/landshim-test.XXXXXX)
	mkdir -p "$t2/home" "$t2/work" "$t2/tmp"
	echo data >"$t2/home/.config-file"
	echo data >"$t2/work/input" && echo data >"$t2/tmp/input"
	cd "$t2/work"
	HOME=$t2/home TMPDIR=$t2/tmp run "$LAUNCHER" --config "$CONF" -- \
		sh -c "cat '$t2/home/.config-file' '$t2/work/input' '$t2/tmp/input' && touch '$t2/work/out'"
	cd "$T/work"
	rm -rf "$t2"
	[ "$status" -eq 0 ]
}

@test "learn: a terminal is to review, never learned" {
	run "$LAUNCHER" --learn "$CONF" --rox /usr,/lib,/lib64,/bin,"$PROBE" -- \
		"$PROBE" read /dev/tty
	grep -x "landshim: --learn: round 1: to review: --ro /dev/tty (read /dev/tty by probe): a terminal: it would let the command read and write your terminal" <<<"$output"
	! rules_of "$CONF" | grep -q /dev/tty
}

@test "learn: as nobody on a real program (make), traced" {
	printf 'all: out\nout: in\n\tcat in > out\n' >"$T/work/Makefile"
	echo data >"$T/work/in"
	chmod -R a+rwX "$T/work"
	HOME=$T run as_user nobody "$LAUNCHER" --learn "$CONF" --profile base -- \
		sh -c 'rm -f out; make'
	[ "$status" -eq 0 ]
	grep -x "landshim: --learn: reading the kernel's audit records needs root: tracing the command instead (--why-source audit as root is exact)" <<<"$output"
	[[ "$output" == *"runs the command up to 5 times, seen by tracing the command's system calls"* ]]
	[ "${lines[-1]}" = "landshim: --learn: the last run's exit status: 0" ]
	rules_of "$CONF" | grep -qx '	"/usr",\?'
	rules_of "$CONF" | grep -qx '	"\$PWD",\?'
	HOME=$T run as_user nobody "$LAUNCHER" --config "$CONF" -- sh -c 'rm -f out; make'
	[ "$status" -eq 0 ]
	[ "$(cat "$T/work/out")" = data ]
}
