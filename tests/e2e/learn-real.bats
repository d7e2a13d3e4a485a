#!/usr/bin/env bats
# landshim --learn on the real programs installed here: each converges from
# the base profile within the default rounds, from the audit records (root)
# and, for git, make, npm and java, traced (nobody); the learned file is minimal
# (profiles named, not inlined; directories, not versioned names) and
# portable, and the program then works with it.

load helpers
load audit

setup() {
	audit_setup
	mkdir -p "$T/work" "$T/tmp" "$T/conf" "$T/home"
	printf '[user]\n\tname = Test\n\temail = test@example.org\n' \
		>"$T/home/.gitconfig"
	chmod -R a+rwX "$T/work" "$T/tmp" "$T/conf" "$T/home"
	export TMPDIR=$T/tmp HOME=$T/home
	CONF=$T/conf/learned.conf
	cd "$T/work"
}

teardown() {
	cd /
	audit_teardown
}

# converges USER COMMAND...: --learn from the base profile as USER, in a
# copy of the work directory; the last round needed nothing new and its
# run succeeded, within 5 rounds.
converges() {
	local user=$1
	shift
	CONF=$T/conf/$user.conf
	rm -rf "$T/w-$user" && cp -a "$T/work" "$T/w-$user"
	chmod -R a+rwX "$T/w-$user"
	cd "$T/w-$user"
	run as_user "$user" "$LAUNCHER" --learn "$CONF" --profile base -- "$@"
	echo "$output" >"$T/learn.out"
	if [ "${lines[-1]}" != "landshim: --learn: the last run's exit status: 0" ] ||
		grep -q "stopped after 5 rounds" <<<"$output"; then
		cat "$T/learn.out" >&2
		return 1
	fi
	# Minimal: the profile named, not its rules; no versioned library.
	grep -qx 'profiles = \["base"\];' "$CONF"
	! grep -q 'profiles/base.conf' "$CONF"
	! grep -v '^#' "$CONF" | sed 's/  #.*//' | grep -E '\.so(\.[0-9]+)+"'
	# Portable: nothing of this test's directories but as variables.
	! grep -v '^#' "$CONF" | sed 's/  #.*//' | grep -q "$T"
	# And it works with it, from another copy of the work directory.
	rm -rf "$T/w2-$user" && cp -a "$T/work" "$T/w2-$user"
	chmod -R a+rwX "$T/w2-$user"
	cd "$T/w2-$user"
	run as_user "$user" "$LAUNCHER" --config "$CONF" -- "$@"
	[ "$status" -eq 0 ]
	grep -o "round [0-9]*" "$T/learn.out" | tail -1 >&3
}

@test "learn-real: git init, add, commit, log" {
	converges root sh -c 'rm -rf r && mkdir r && cd r && git init -q &&
		echo a >a && git add a && git commit -qm first && git log --oneline'
	converges nobody sh -c 'rm -rf r && mkdir r && cd r && git init -q &&
		echo a >a && git add a && git commit -qm first && git log --oneline'
}

@test "learn-real: make, compiling with cc" {
	printf 'all: hello\nhello: hello.c\n\t$(CC) -O2 -o $@ $<\n\t./hello\n' >Makefile
	echo 'int main(void) { return 0; }' >hello.c
	chmod a+rw Makefile hello.c
	converges root sh -c 'rm -f hello; make'
	converges nobody sh -c 'rm -f hello; make'
}

@test "learn-real: cmake configure and build" {
	printf 'cmake_minimum_required(VERSION 3.10)\nproject(h C)\nadd_executable(h h.c)\n' >CMakeLists.txt
	echo 'int main(void) { return 0; }' >h.c
	chmod a+rw CMakeLists.txt h.c
	converges root sh -c 'rm -rf build && cmake -S . -B build >/dev/null &&
		cmake --build build >/dev/null && ./build/h'
}

@test "learn-real: an autoconf configure script, then make" {
	cat >configure.ac <<'EOF'
AC_INIT([hello], [1.0])
AC_PROG_CC
AC_CHECK_HEADERS([stdio.h unistd.h])
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
EOF
	printf 'all: hello\nhello: hello.c\n\t$(CC) -o $@ hello.c\n' >Makefile.in
	echo 'int main(void) { return 0; }' >hello.c
	autoconf && rm -rf autom4te.cache
	chmod -R a+rwX .
	converges root sh -c './configure >/dev/null && make >/dev/null && ./hello'
}

@test "learn-real: npm --version and npm init -y" {
	local user
	for user in root nobody; do
		converges $user sh -c 'npm --version >/dev/null &&
			rm -f package.json && npm init -y >/dev/null &&
			test -s package.json'
		# npm phoning home is for a person to decide.
		grep -q "to review: --connect-tcp" "$T/learn.out" ||
			! grep -q connect "$T/learn.out"
		! grep -v '^#' "$CONF" | grep -q connect_tcp
	done
}

@test "learn-real: javac and java (17)" {
	printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' >Hello.java
	chmod a+rw Hello.java
	converges root sh -c 'rm -f Hello.class && javac Hello.java && java Hello'
	converges nobody sh -c 'rm -f Hello.class && javac Hello.java && java Hello'
}
