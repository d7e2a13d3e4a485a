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
	# $HOME is written as the variable (issue 15), or as the path.
	grep -E "\"(\\\$HOME|$H)/\.gitconfig\"" "$CONF"
	! grep -E "/\.ssh|/\.bashrc|/\.config/gh" "$CONF"
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}

@test "learn: the starting policy's carvings are kept with it" {
	run "$LAUNCHER" --learn "$CONF" --rox "$STARTUP" --rw "$H" \
		--profile secrets -- sh -c 'cat ~/.profile; true'
	[ "$status" -eq 0 ]
	# The profile that carves is named, as given, not inlined.
	grep -x 'profiles = \["secrets"\];' "$CONF"
	run "$LAUNCHER" --learn "$CONF.2" --rox "$STARTUP" --rw "$H" \
		--deny "$H/.ssh" --read-only "$H/.profile" -- \
		sh -c 'cat ~/.profile; true'
	[ "$status" -eq 0 ]
	grep -x "deny = \[" "$CONF.2"
	grep -x "read_only = \[" "$CONF.2"
	# With either, the secrets stay carved out of the rule on the home.
	local conf
	for conf in "$CONF" "$CONF.2"; do
		run "$LAUNCHER" --config "$conf" -- cat "$H/.ssh/config" \
			"$H/.profile"
		# (the second also gets decision 28's warning: ~/.gnupg)
		echo "$output" | grep -qx "cat: $H/.ssh/config: Permission denied"
		[ "${lines[-1]}" = profile ]
	done
	[ "$("$AUDITSTATE")" = "$STATE_BEFORE" ]
}
