#!/usr/bin/env bats
# The profile "secrets" (DESIGN.md decision 27) carved out of rules on a
# home directory and on /, the warning of decision 28, and --learn sharing
# its list; as root and as nobody, in a fake home (never the real one).

load helpers

setup() {
	require_landlock
	T=$(mktemp -d /tmp/landshim-test.XXXXXX)
	chmod 0755 "$T"
	H=$T/home
	mkdir -m 0777 "$T/tmp"
	export HOME=$H TMPDIR=$T/tmp
	make_home
}

teardown() {
	teardown_tree
}

# A home with credentials, startup files and a project in a subdirectory.
make_home() {
	rm -rf "${H:?}"
	mkdir -p "$H/.ssh" "$H/.aws" "$H/.gnupg" "$H/.config/gh" \
		"$H/.config/git" "$H/proj"
	echo key >"$H/.ssh/id_ed25519"
	echo key >"$H/.aws/credentials"
	echo key >"$H/.gnupg/secring.gpg"
	echo token >"$H/.config/gh/hosts.yml"
	echo token >"$H/.config/git/credentials"
	printf '[user]\n\tname = t\n' >"$H/.config/git/config"
	echo "machine example.org password x" >"$H/.netrc"
	echo "//registry.npmjs.org/:_authToken=x" >"$H/.npmrc"
	echo rc >"$H/.bashrc"
	echo profile >"$H/.profile"
	echo notes >"$H/notes.txt"
	printf 'int main(void) { return 0; }\n' >"$H/proj/hello.c"
	printf 'hello: hello.c\n\t$(CC) -o $@ hello.c\n\t./hello && echo built\n' \
		>"$H/proj/Makefile"
	chmod -R a+rwX "$H"
}

# in_home USER ARGS...: `landshim ARGS` as USER, started in the home.
in_home() {
	local user=$1
	shift
	(cd "$H" && as_user "$user" "$LAUNCHER" "$@")
}

@test "build started in the home: no ~/.ssh, no writing ~/.bashrc, a build in a subdirectory works" {
	local user secret
	unset MAKEFLAGS MFLAGS MAKELEVEL
	for user in root nobody; do
		make_home
		# Control: the same rules without the secrets read and write them.
		run in_home "$user" --profile shell --rwx "$H" -- \
			sh -c 'cat ~/.ssh/id_ed25519 && echo pwn >>~/.bashrc'
		[ "$status" -eq 0 ]
		[ "${lines[-1]}" = key ] # after the warning (see below)
		make_home
		for secret in .ssh/id_ed25519 .aws/credentials .gnupg/secring.gpg \
			.config/gh/hosts.yml .config/git/credentials .netrc .npmrc; do
			run in_home "$user" --profile build -- cat "$H/$secret"
			[ "$status" -eq 1 ]
			[ "$output" = "cat: $H/$secret: Permission denied" ]
		done
		run in_home "$user" --profile build -- sh -c 'echo pwn >>~/.bashrc'
		[ "$output" = "sh: 1: cannot create $H/.bashrc: Permission denied" ]
		[ "$(cat "$H/.bashrc")" = rc ]
		run in_home "$user" --profile build -- cat "$H/.bashrc" "$H/notes.txt"
		[ "$output" = "rc
notes" ]
		# Nothing is created directly in the home, nor a missing secret.
		run in_home "$user" --profile build -- mkdir "$H/.kube"
		[[ "$output" == *"Permission denied"* ]]
		run in_home "$user" --profile build -- touch "$H/new"
		[[ "$output" == *"Permission denied"* ]]
		# The build, in a subdirectory.
		run as_user "$user" sh -c 'cd "$1" && "$2" --profile build -- make' \
			sh "$H/proj" "$LAUNCHER"
		[ "$status" -eq 0 ]
		[[ "$output" == *built ]]
		rm -f "$H/proj/hello"
		run as_user "$user" sh -c 'cd "$1" && LD_PRELOAD="$2" \
			LANDSHIM_PROFILE=build make' sh "$H/proj" "$SHIM"
		[ "$status" -eq 0 ]
		[[ "$output" == *built ]]
	done
}

@test "a rule on /: the system's secrets and the home's are carved out" {
	run "$LAUNCHER" --rox / -- cat /etc/shadow
	[ "$status" -eq 0 ] # root reads it without the carving
	run "$LAUNCHER" --rox / --profile secrets -- cat /etc/shadow
	[ "$output" = "cat: /etc/shadow: Permission denied" ]
	run "$LAUNCHER" --rox / --profile secrets -- cat /etc/hostname
	[ "$status" -eq 0 ]
	local user
	for user in root nobody; do
		run as_user "$user" "$LAUNCHER" --rox / -- cat "$H/.ssh/id_ed25519"
		[ "${lines[-1]}" = key ]
		run as_user "$user" "$LAUNCHER" --rox / --profile secrets -- \
			cat "$H/.ssh/id_ed25519" "$H/notes.txt"
		[ "${lines[0]}" = "cat: $H/.ssh/id_ed25519: Permission denied" ]
		[ "${lines[1]}" = notes ]
	done
}

@test "the profile secrets allows nothing by itself" {
	lexpect OK --ro /etc/hostname "$PROBE" read /etc/hostname
	lexpect EACCES --profile secrets "$PROBE" read /etc/hostname
	lexpect EACCES --profile secrets "$PROBE" read "$H/notes.txt"
}

@test "warning: a rule on the home or on / with nothing carving the secrets out" {
	local user
	for user in root nobody; do
		run as_user "$user" "$LAUNCHER" --rw "$H" -- /bin/echo ran
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -eq 2 ]
		[ "${lines[0]}" = "landshim: --rw: $H covers the home directory, and nothing carves the secrets out of it ($H/.ssh): add --profile secrets, or --deny them" ]
		[ "${lines[1]}" = ran ]
		# One carving is not all of them.
		run as_user "$user" "$LAUNCHER" --rw "$H" --deny "$H/.ssh" -- /bin/true
		[[ "$output" == *"nothing carves the secrets out of it ($H/.gnupg)"* ]]
		run as_user "$user" "$LAUNCHER" --rox / -- /bin/true
		[[ "$output" == "landshim: --rox: / covers the whole filesystem, and nothing carves"* ]]
		run as_user "$user" "$LAUNCHER" --ro "$T" -- /bin/true
		[[ "$output" == *"--ro: $T covers the home directory"* ]]
		# Carved out: no warning.
		for args in "--rw $H --profile secrets" "--rox / --profile secrets" \
			"--profile build" "--profile agent" "--rw $H/proj"; do
			# shellcheck disable=SC2086
			run in_home "$user" $args -- /bin/echo ran
			[ "$status" -eq 0 ]
			[ "$output" = ran ]
		done
	done
	# --explain and --print-env warn too.
	run "$LAUNCHER" --explain --rw "$H" -- true
	[[ "$output" == *"nothing carves the secrets out of it"* ]]
	run "$LAUNCHER" --print-env --rw "$H"
	[[ "$output" == *"nothing carves the secrets out of it"* ]]
}

@test "HOME unset: the profiles' optional home paths are skipped, not errors" {
	local user profile
	for user in root nobody; do
		for profile in build python node java git agent; do
			run as_user "$user" env -u HOME "$LAUNCHER" --profile "$profile" \
				-- /bin/echo ran
			[ "$status" -eq 0 ]
			[ "$output" = ran ]
			run as_user "$user" env -u HOME LD_PRELOAD="$SHIM" \
				LANDSHIM_PROFILE="$profile" /bin/echo ran
			[ "$status" -eq 0 ]
			[ "$output" = ran ]
		done
		# A path that is not optional still needs it.
		printf 'ro = ["~/x"];\n' >"$T/need-home.conf"
		chmod 644 "$T/need-home.conf"
		run as_user "$user" env -u HOME "$LAUNCHER" --config "$T/need-home.conf" \
			-- /bin/true
		[ "$status" -eq 125 ]
		[ "$output" = "landshim: --config: $T/need-home.conf:1: ro: undefined variable \$HOME" ]
	done
}
