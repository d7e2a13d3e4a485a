#!/usr/bin/env bats
# --list-profiles, profile lists, and mistakes that get their fix in the
# same line (DESIGN.md decisions 29 and 30), as root and as nobody.

load helpers

SHIPPED="agent base build git java network-client network-files node python secrets shell"

setup() {
	require_landlock
	setup_tree
	mkdir -p "$T/xdg/landshim/profiles" "$T/home"
	chmod -R a+rX "$T/xdg" "$T/home"
	export HOME=$T/home XDG_CONFIG_HOME=$T/xdg
}

teardown() {
	teardown_tree
}

# both CMD...: run CMD as root and as nobody; each must pass `check`.
both() {
	local user
	for user in root nobody; do
		run as_user "$user" "$@"
		check || {
			echo "as $user: $*: status $status, output: $output" >&2
			return 1
		}
	done
}

# refused LINE ARGS...: landshim ARGS exits 125 with exactly LINE.
refused() {
	local want=$1
	shift
	check() { [ "$status" -eq 125 ] && [ "$output" = "landshim: $want" ]; }
	both "$LAUNCHER" "$@"
}

@test "--list-profiles: every profile, where it was found, its summary" {
	local name
	printf '# landshim profile "mine": my own.\nro = "/etc/hostname";\n' \
		>"$T/xdg/landshim/profiles/mine.conf"
	printf '# my shell\nprofiles = ["base"];\n' >"$T/xdg/landshim/profiles/shell.conf"
	chmod 644 "$T/xdg/landshim/profiles/"*
	check() { [ "$status" -eq 0 ]; }
	both "$LAUNCHER" --list-profiles
	for name in $SHIPPED; do
		grep -qE "^$name +$top_srcdir/conf/profiles/$name.conf" <<<"$output"
	done
	grep -qx "mine            $T/xdg/landshim/profiles/mine.conf" <<<"$output"
	grep -qx "                my own." <<<"$output"
	grep -qx "shell           $T/xdg/landshim/profiles/shell.conf" <<<"$output"
	grep -qx "shell           $top_srcdir/conf/profiles/shell.conf, hidden by the one in $T/xdg/landshim/profiles" <<<"$output"
	grep -A1 -E "^agent " <<<"$output" | grep -qx "                an AI coding agent in the current directory: home read-only minus secrets, HTTPS out."
	refused '--list-profiles: takes no command ("true" given)' --list-profiles true
}

@test "--profile a,b and LANDSHIM_PROFILE=a:b load each profile" {
	printf 'ro = "%s";\n' "$T/tree/ro/file" >"$T/xdg/landshim/profiles/one.conf"
	printf 'rw = "%s";\n' "$T/tree/rw" >"$T/xdg/landshim/profiles/two.conf"
	chmod 644 "$T/xdg/landshim/profiles/"*
	lexpect EACCES --profile one "$PROBE" create "$T/tree/rw/new"
	lexpect OK --profile one,two "$PROBE" create "$T/tree/rw/new"
	lexpect OK --profile one,two "$PROBE" read "$T/tree/ro/file"
	lexpect EACCES --profile one,two "$PROBE" read "$T/tree/other/file"
	expect EACCES LANDSHIM_PROFILE=one -- "$PROBE" create "$T/tree/rw/new"
	expect OK LANDSHIM_PROFILE=one:two -- "$PROBE" create "$T/tree/rw/new"
	expect OK LANDSHIM_PROFILE=one:two -- "$PROBE" read "$T/tree/ro/file"
	# A profile both include is read once: no duplicate rule.
	run "$LAUNCHER" --explain --profile shell,build true
	[ "$(grep -c '^  /usr (rox' <<<"$output")" -eq 1 ]
}

@test "a misspelt option, variable, key or profile names the nearest one" {
	refused "--rwo: unknown option: did you mean --ro or --rw? (see landshim --help)" \
		--rwo /tmp true
	refused "--read-onyl: unknown option: did you mean --read-only? (see landshim --help)" \
		--read-onyl /tmp true
	refused "--zzz: unknown option (see landshim --help)" --zzz true
	check() {
		[ "$status" -eq 125 ] &&
			[[ "$output" == "landshim: --profile: profile \"bulid\": not found (looked in $T/xdg/landshim/profiles, "*"): did you mean build?" ]]
	}
	both "$LAUNCHER" --profile bulid true
	check() { [ "$status" -eq 125 ] && [ "$output" = "landshim: unknown variable LANDSHIM_DENNY: did you mean LANDSHIM_DENY?" ]; }
	both env LD_PRELOAD="$SHIM" LANDSHIM_DENNY=/tmp true
	both env LANDSHIM_DENNY=/tmp "$LAUNCHER" true
	printf 'read-onyl = "/tmp";\n' >"$T/k.conf"
	chmod 644 "$T/k.conf"
	refused "--config: $T/k.conf:1: unknown key \"read-onyl\": did you mean read_only?" \
		--config "$T/k.conf" true
}

@test "a ':' list to the launcher says commas, a ',' list in a variable says colons" {
	refused '--ro: "/usr:/lib": lists on the command line are comma-separated (--ro /usr,/lib)' \
		--ro /usr:/lib true
	refused '--profile: "shell:build": lists on the command line are comma-separated (--profile shell,build)' \
		--profile shell:build true
	check() { [ "$status" -eq 125 ] && [ "$output" = 'landshim: LANDSHIM_ROX: /a,/b: No such file or directory; variables separate paths with '"':'"' (LANDSHIM_ROX=/a:/b)' ]; }
	both env LD_PRELOAD="$SHIM" LANDSHIM_ROX=/a,/b true
	both env LANDSHIM_ROX=/a,/b "$LAUNCHER" true
	check() { [ "$status" -eq 125 ] && [ "$output" = 'landshim: profiles "shell,build": lists in variables are separated by '"':'"' (LANDSHIM_PROFILE=shell:build)' ]; }
	both env LD_PRELOAD="$SHIM" LANDSHIM_PROFILE=shell,build true
	both env LANDSHIM_PROFILE=shell,build "$LAUNCHER" true
	check() { [ "$status" -eq 125 ] && [ "$output" = 'landshim: LANDSHIM_DENY: /a,/b: No such file or directory; variables separate paths with '"':'"' (LANDSHIM_DENY=/a:/b)' ]; }
	both env LANDSHIM_RO= LANDSHIM_DENY=/a,/b "$LAUNCHER" true
	# A path that holds ",/" and exists is a path.
	mkdir -p "$T/a,/b"
	echo data >"$T/a,/b/file"
	chmod -R a+rX "$T/a,"
	expect OK LANDSHIM_RO="$T/a,/b" -- "$PROBE" read "$T/a,/b/file"
	check() { [ "$status" -eq 0 ] && [ "$output" = OK ]; }
	both env LANDSHIM_RO="$T/a,/b" "$LAUNCHER" "$PROBE" read "$T/a,/b/file"
	# What is right runs.
	check() { [ "$status" -eq 0 ] && [ "$output" = ok ]; }
	both "$LAUNCHER" --rox /usr,/lib,/lib64,/bin -- sh -c 'echo ok'
	both env LD_PRELOAD="$SHIM" LANDSHIM_ROX=/usr:/lib:/lib64:/bin sh -c 'echo ok'
}
