#!/usr/bin/env bats
# --learn uses the list of the profile "secrets" (one list, one place):
# what it denies is never learned, a home is a home like any other (root's
# too: only its secrets are refused), and a startup file may be learned for
# reading, never for writing.  --learn needs root (audit records).

load helpers
load audit

setup() {
	audit_setup
	H=$T/home
	mkdir -p "$H/.ssh" "$H/.config/gh"
	echo key >"$H/.ssh/config"
	echo token >"$H/.config/gh/hosts.yml"
	printf '[user]\n\tname = t\n' >"$H/.gitconfig"
	echo profile >"$H/.profile"
	echo rc >"$H/.bashrc"
	export HOME=$H
	CONF=$T/learned.conf
}

teardown() {
	audit_teardown
}

@test "learn: a home's files are learned, its secrets and startup-file writes are not" {
	run "$LAUNCHER" --learn "$CONF" --rox "$STARTUP" -- sh -c \
		'cat ~/.gitconfig ~/.profile ~/.ssh/config ~/.config/gh/hosts.yml
		 echo x >>~/.bashrc; true'
	[ "$status" -eq 0 ]
	grep -x "landshim: --learn: round 1: added --ro $H/.gitconfig (read $H/.gitconfig by cat)" <<<"$output"
	grep -x "landshim: --learn: round 1: added --ro $H/.profile (read $H/.profile by cat)" <<<"$output"
	grep -x "landshim: --learn: round 1: not allowed: read $H/.ssh/config by cat: --ro $H/.ssh/config exposes ~/.ssh (--allow-secrets to learn it)" <<<"$output"
	grep -x "landshim: --learn: round 1: not allowed: read $H/.config/gh/hosts.yml by cat: --ro $H/.config/gh/hosts.yml exposes ~/.config/gh (--allow-secrets to learn it)" <<<"$output"
	grep -E "^landshim: --learn: round 1: not allowed: .*$H/.bashrc.* exposes ~/.bashrc \(--allow-secrets to learn it\)\$" <<<"$output"
	grep -F "\"$H/.gitconfig\"" "$CONF"
	! grep -F -e "$H/.ssh" -e "$H/.bashrc" -e "$H/.config/gh" "$CONF"
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}

@test "learn: the starting policy's carvings are written with it" {
	run "$LAUNCHER" --learn "$CONF" --rox "$STARTUP" --rw "$H" \
		--profile secrets -- sh -c 'cat ~/.profile; true'
	[ "$status" -eq 0 ]
	grep -x "deny = \[" "$CONF"
	grep -x "read_only = \[" "$CONF"
	grep -E "^[[:space:]]+\"$H/.ssh\?\",  # .*/secrets.conf:[0-9]+\$" "$CONF"
	grep -E "^[[:space:]]+\"$H/.bashrc\?\",  # .*/secrets.conf:[0-9]+\$" "$CONF"
	# With it, the secrets stay carved out of the rule on the home.
	run "$LAUNCHER" --config "$CONF" -- cat "$H/.ssh/config" "$H/.profile"
	[ "${lines[0]}" = "cat: $H/.ssh/config: Permission denied" ]
	[ "${lines[1]}" = profile ]
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}
