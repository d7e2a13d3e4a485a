#!/usr/bin/env bats
# The shipped profiles (conf/profiles), end to end on real Debian programs,
# as root and as nobody: what a profile is for works, and a step outside it
# is denied.  The profiles are found in the source tree, as from a fresh
# clone without make install.

load helpers

setup() {
	require_landlock
	setup_tree
	HOMEDIR=$T/home
	mkdir -p "$HOMEDIR" "$T/tmp" "$T/outside"
	echo secret >"$HOMEDIR/secret"
	chmod -R a+rwX "$HOMEDIR" "$T/tmp" "$T/outside"
}

teardown() {
	teardown_tree
}

# in_profile USER PROFILE CMD...: CMD preloaded with the shim and the
# profile, in the current directory, with $HOME and $TMPDIR under $T.
in_profile() {
	local user=$1 profile=$2
	shift 2
	as_user "$user" env LD_PRELOAD="$SHIM" HOME="$HOMEDIR" \
		TMPDIR="$T/tmp" LANDSHIM_PROFILE="$profile" "$@"
}

# A fresh project directory owned by USER (git refuses others' repos).
project() {
	local user=$1
	rm -rf "$T/project"
	mkdir "$T/project"
	printf 'int main(void) { return 0; }\n' >"$T/project/hello.c"
	printf 'hello: hello.c\n\t$(CC) -o $@ hello.c\n\t./hello && echo built\n' \
		>"$T/project/Makefile"
	printf 'import json\nprint(json.dumps({"script": "ran"}))\n' \
		>"$T/project/script.py"
	if [ "$user" = nobody ]; then
		chown -R "$NOBODY:$NOBODY" "$T/project"
	fi
	cd "$T/project"
}

@test "base: a program starts; reading, exec and network are denied" {
	local user
	for user in root nobody; do
		run in_profile "$user" base date +%Y
		[ "$status" -eq 0 ]
		[[ "$output" =~ ^[0-9]{4}$ ]]
		run in_profile "$user" base sh -c 'echo quiet >/dev/null; echo ok'
		[ "$output" = ok ]
		run in_profile "$user" base cat "$HOMEDIR/secret"
		[ "$status" -ne 0 ]
		[[ "$output" == *"Permission denied"* ]]
		run in_profile "$user" base ls /usr
		[[ "$output" == *"cannot open directory '/usr': Permission denied"* ]]
		run in_profile "$user" base sh -c '/bin/true'
		[ "$status" -eq 126 ]
		[[ "$output" == *"/bin/true: Permission denied"* ]]
		run in_profile "$user" base bash -c \
			'echo >/dev/tcp/127.0.0.1/20000'
		[[ "$output" == *"connect: Permission denied"* ]]
	done
}

@test "shell: ls /usr works, cat /etc/shadow is denied (the README's commands)" {
	run in_profile root shell sh -c 'ls /usr; cat /etc/shadow'
	[ "$status" -eq 1 ]
	[[ "${lines[*]}" == *bin*lib*share* ]]
	[ "${lines[-1]}" = "cat: /etc/shadow: Permission denied" ]
	run "$top_builddir/src/landshim" --profile shell -- \
		sh -c 'ls /usr; cat /etc/shadow'
	[ "$status" -eq 1 ]
	[[ "${lines[*]}" == *bin*lib*share* ]]
	[ "${lines[-1]}" = "cat: /etc/shadow: Permission denied" ]
}

@test "shell: scripts and coreutils run; home and writes are denied" {
	local user
	for user in root nobody; do
		run in_profile "$user" shell sh -c 'seq 3 | sort -r | head -n 1'
		[ "$status" -eq 0 ]
		[ "$output" = 3 ]
		run in_profile "$user" shell bash -c \
			'seq 4 | sort -r | head -n 1; ls /usr | grep -c "^bin$"'
		[ "$status" -eq 0 ]
		[ "$output" = "4
1" ]
		run in_profile "$user" shell sh -c 'printf x >/dev/null && echo ok'
		[ "$output" = ok ]
		run in_profile "$user" shell cat "$HOMEDIR/secret"
		[[ "$output" == *"Permission denied"* ]]
		run in_profile "$user" shell touch "$T/outside/new"
		[[ "$output" == *"Permission denied"* ]]
		[ ! -e "$T/outside/new" ]
		run in_profile "$user" shell sh -c 'echo x >"$TMPDIR/new"'
		[[ "$output" == *"Permission denied"* ]]
	done
}

@test "build: make and git work in the project; outside it is denied" {
	local user
	# A make of its own, not a sub-make of make check.
	unset MAKEFLAGS MFLAGS MAKELEVEL
	for user in root nobody; do
		project "$user"
		run in_profile "$user" build make
		[ "$status" -eq 0 ]
		[[ "$output" == *built ]]
		rm -f hello
		run as_user "$user" env HOME="$HOMEDIR" TMPDIR="$T/tmp" \
			"$top_builddir/src/landshim" --profile build -- make
		[ "$status" -eq 0 ]
		[[ "$output" == *built ]]
		run in_profile "$user" build sh -c 'git init -q . && git add . &&
			git -c user.name=t -c user.email=t@example.org \
				commit -q -m init && git log --format=%s'
		[ "$status" -eq 0 ]
		[ "$output" = init ]
		run in_profile "$user" build sh -c 'mktemp >/dev/null && echo ok'
		[ "$output" = ok ]
		run in_profile "$user" build sh -c 'echo x >"$1/new"' sh \
			"$T/outside"
		[[ "$output" == *"Permission denied"* ]]
		[ ! -e "$T/outside/new" ]
		run in_profile "$user" build cat "$HOMEDIR/secret"
		[[ "$output" == *"Permission denied"* ]]
		run in_profile "$user" build curl -sS -v http://127.0.0.1:20000/
		[[ "$output" == *"connect fail for 127.0.0.1: Permission denied"* ]]
	done
}

@test "python: python3 runs and writes the project; home, exec and outside are denied" {
	local user
	for user in root nobody; do
		project "$user"
		run in_profile "$user" python /usr/bin/python3 -c \
			'import sqlite3; open("out.txt", "w").write("x"); print("ran")'
		[ "$status" -eq 0 ]
		[ "$output" = ran ]
		[ -e out.txt ]
		run in_profile "$user" python /usr/bin/python3 script.py
		[ "$output" = '{"script": "ran"}' ]
		run in_profile "$user" python /usr/bin/python3 -c \
			'import os; open(os.path.expanduser("~/secret"))'
		[[ "$output" == *"PermissionError: [Errno 13] Permission denied: '$HOMEDIR/secret'"* ]]
		run in_profile "$user" python /usr/bin/python3 -c \
			"open('$T/outside/new', 'w')"
		[[ "$output" == *"PermissionError"* ]]
		[ ! -e "$T/outside/new" ]
		run in_profile "$user" python /usr/bin/python3 -c \
			'import subprocess; subprocess.run(["/bin/ls"])'
		[[ "$output" == *"PermissionError: [Errno 13] Permission denied: '/bin/ls'"* ]]
		run in_profile "$user" python /usr/bin/python3 -c \
			'import subprocess; subprocess.run(["/usr/bin/python3", "-c", "print(2)"])'
		[ "$output" = 2 ]
	done
}

@test "network-client: HTTP on port 80 works, another port is denied" {
	local port=$((20000 + RANDOM % 20000)) user
	mkdir -p "$T/www"
	echo hello >"$T/www/hello.txt"
	chmod -R a+rX "$T/www"
	# In a network namespace of its own: port 80 is ours, nothing leaves.
	cat >"$T/scenario.sh" <<-EOF
		set -u
		ip link set lo up
		for p in 80 $port; do
			/usr/bin/python3 -m http.server "\$p" --bind 127.0.0.1 \
				--directory "$T/www" >/dev/null 2>&1 &
		done
		trap 'kill \$(jobs -p)' EXIT
		for i in \$(seq 100); do
			curl -s http://127.0.0.1/ >/dev/null &&
				curl -s http://127.0.0.1:$port/ >/dev/null && break
			sleep 0.1
		done
		"\$@"
	EOF
	export -f as_user in_profile
	export SHIM HOMEDIR T NOBODY
	for user in root nobody; do
		run unshare --net bash "$T/scenario.sh" \
			in_profile "$user" network-client \
			curl -sS http://127.0.0.1/hello.txt 3>&-
		[ "$status" -eq 0 ]
		[ "$output" = hello ]
		run unshare --net bash "$T/scenario.sh" \
			in_profile "$user" network-client \
			curl -sS -v "http://127.0.0.1:$port/hello.txt" 3>&-
		[ "$status" -eq 7 ]
		[[ "$output" == *"connect fail for 127.0.0.1: Permission denied"* ]]
		run in_profile "$user" network-client getent hosts localhost
		[ "$status" -eq 0 ]
		[[ "$output" == *127.0.0.1*localhost* ]]
		run in_profile "$user" network-client cat "$HOMEDIR/secret"
		[[ "$output" == *"Permission denied"* ]]
	done
}
