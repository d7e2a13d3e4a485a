# Shared by why.bats and learn.bats: the workload and its tree, and one
# audit test at a time across files (the audit switch is system-wide: a
# test asserting it must not see another file's run switch it).  Whatever
# a test starts in the background must not inherit the lock: {AUDIT_LOCK}>&-
# shellcheck shell=bash

WORKLOAD=$HELPERS/workload
AUDITSTATE=$HELPERS/auditstate
# What the workload needs to start (comma lists for the launcher).
STARTUP=/usr,/lib,/lib64,/bin,/etc/ld.so.cache,$WORKLOAD

audit_setup() {
	require_landlock
	exec {AUDIT_LOCK}>"${TMPDIR:-/tmp}/landshim-audit-tests.lock"
	flock "$AUDIT_LOCK"
	STATE_BEFORE=$("$AUDITSTATE")
	setup_tree
	TREE=$T/tree
	PORT=$(random_port)
	# The helper the workload runs: outside every allowed path.
	mkdir -p "$T/bin"
	cp "$PROBE" "$T/bin/helper"
	echo secret >"$T/tree/other/after-exec"
}

audit_teardown() {
	stop_listeners
	teardown_tree
	# A failed test must not leave the switch to the next one.
	if [ "$("$AUDITSTATE")" != "$STATE_BEFORE" ]; then
		"$AUDITSTATE" "$STATE_BEFORE"
	fi
	exec {AUDIT_LOCK}>&-
}

# The workload: read, create, connect, read a secret, run the helper,
# which reads a file after its execve.
workload_args() {
	echo "$WORKLOAD" "$TREE/ro/file" "$TREE/rw" "$PORT" /etc/shadow \
		"$T/bin/helper" read "$TREE/other/after-exec"
}
