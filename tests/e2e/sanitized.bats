#!/usr/bin/env bats
# The launcher where it never preloads the shim: a static target, which
# the launcher sandboxes itself, and the modes that run nothing.  `make
# check-unit` runs this file in the --enable-sanitizers build too, so that
# this code runs under ASan, UBSan and LeakSanitizer (a sanitized shim
# cannot be preloaded into an unsanitized program: see README).

load helpers
load security

setup() {
	security_setup
}

teardown() {
	security_teardown
}

@test "self-applied policy: a static target, with and without kept fds" {
	run "$LAUNCHER" --ro "$TREE/ro" -- "$PROBE_STATIC" read "$TREE/ro/file"
	[ "$output" = OK ]
	run "$LAUNCHER" --ro "$TREE/ro" -- "$PROBE_STATIC" read "$TREE/other/file"
	[ "$output" = EACCES ]
	run "$LAUNCHER" --keep-fd 5 --keep-fd 4 --ro "$TREE/ro" -- \
		"$PROBE_STATIC" fd-read 5 4</dev/null 5<"$TREE/other/file"
	[ "$output" = OK ]
	run "$LAUNCHER" --bind-tcp "$PORT" -- "$PROBE_STATIC" bind "$PORT"
	[ "$output" = OK ]
	run "$LAUNCHER" --bind-tcp "$PORT" -- "$PROBE_STATIC" bind "$((PORT + 1))"
	[ "$output" = EACCES ]
}

@test "the modes that run nothing exit 0, leaving nothing allocated" {
	local mode
	for mode in --help --version --check; do
		run "$LAUNCHER" "$mode"
		[ "$status" -eq 0 ]
	done
	run "$LAUNCHER" --explain --ro "$TREE/ro" --connect-tcp 80,443 \
		--keep-fd 4 --env X=1 -- "$PROBE"
	[ "$status" -eq 0 ]
	run "$LAUNCHER" --print-env --ro "$TREE/ro" --rw "$TREE/rw"
	[ "$status" -eq 0 ]
	[[ $output == *"LANDSHIM_RW='$TREE/rw'"* ]]
}
