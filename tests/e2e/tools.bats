#!/usr/bin/env bats
# The profiles for the tools users sandbox (DESIGN.md decision 29), each
# with the real program, as root and as nobody, in a fake home and a
# project directory owned by the user: what the profile is for works, and
# a step outside it is denied under the same profile.

load helpers

setup() {
	require_landlock
	T=$(mktemp -d /tmp/landshim-test.XXXXXX)
	chmod 0755 "$T"
	H=$T/home
	mkdir -p "$H/.ssh" "$H/.cache" "$T/outside"
	mkdir -m 0777 "$T/tmp"
	echo key >"$H/.ssh/id_ed25519"
	echo rc >"$H/.bashrc"
	echo notes >"$H/notes.txt"
	chmod -R a+rwX "$H" "$T/outside"
	export HOME=$H TMPDIR=$T/tmp
	# The test environment's CA variables name files outside the profiles.
	unset NODE_EXTRA_CA_CERTS MAKEFLAGS MFLAGS MAKELEVEL
}

teardown() {
	teardown_tree
}

# project USER: a fresh $H/proj owned by USER (git refuses others' repos).
project() {
	P=$H/proj
	rm -rf "$P" "$H/.cache/x"
	mkdir "$P"
	if [ "$1" = nobody ]; then
		chown "$NOBODY:$NOBODY" "$P"
	fi
}

# in_proj USER PROFILE CMD...: `landshim --profile PROFILE -- CMD` as USER,
# started in the project.
in_proj() {
	local user=$1 profile=$2
	shift 2
	(cd "$P" && as_user "$user" "$LAUNCHER" --profile "$profile" -- "$@")
}

@test "node: a script, npm --version, npm init -y offline; secrets, outside and the network denied" {
	local user
	for user in root nobody; do
		project "$user"
		cat >"$P/script.js" <<'EOF'
const fs = require("fs");
fs.writeFileSync("out.json", JSON.stringify({ hash: require("crypto")
	.createHash("sha256").update("x").digest("hex").slice(0, 8) }));
console.log(JSON.parse(fs.readFileSync("out.json")).hash);
EOF
		[ "$user" = root ] || chown "$NOBODY" "$P/script.js"
		run in_proj "$user" node node script.js
		[ "$status" -eq 0 ]
		[ "$output" = 2d711642 ]
		run in_proj "$user" node npm --version
		[ "$status" -eq 0 ]
		[[ "$output" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]
		run in_proj "$user" node npm init -y
		[ "$status" -eq 0 ]
		grep -q '"name": "proj"' "$P/package.json"
		run in_proj "$user" node node -e \
			'require("fs").readFileSync(process.env.HOME + "/.ssh/id_ed25519")'
		[[ "$output" == *"EACCES: permission denied, open '$H/.ssh/id_ed25519'"* ]]
		run in_proj "$user" node node -e \
			'require("fs").writeFileSync(process.argv[1] + "/x", "x")' \
			"$T/outside"
		[[ "$output" == *"EACCES: permission denied, open '$T/outside/x'"* ]]
		run in_proj "$user" node node -e '
			require("net").connect(443, "127.0.0.1")
				.on("error", e => console.log(e.code))'
		[ "$output" = EACCES ]
	done
}

@test "java: javac and java in the project; secrets and outside denied" {
	local user
	for user in root nobody; do
		project "$user"
		cat >"$P/Hello.java" <<'EOF'
import java.nio.file.*;
public class Hello {
	public static void main(String[] a) throws Exception {
		if (a.length > 0) {
			try {
				System.out.println(Files.readString(Path.of(a[0])));
			} catch (java.io.IOException e) {
				System.out.println("denied: " + e.getClass().getSimpleName());
			}
			return;
		}
		Files.writeString(Path.of("out.txt"), "x");
		System.out.println("hello " + System.getProperty("java.version"));
	}
}
EOF
		[ "$user" = root ] || chown "$NOBODY" "$P/Hello.java"
		run in_proj "$user" java javac Hello.java
		[ "$status" -eq 0 ]
		[ -f "$P/Hello.class" ]
		run in_proj "$user" java java Hello
		[ "$status" -eq 0 ]
		[[ "$output" == "hello "* ]]
		[ -f "$P/out.txt" ]
		run in_proj "$user" java java Hello "$H/.ssh/id_ed25519"
		[ "$output" = "denied: AccessDeniedException" ]
		run in_proj "$user" java java Hello "$H/notes.txt"
		[ "$output" = "denied: AccessDeniedException" ]
	done
}

@test "git: init, add, commit in the project; HTTPS out, other ports and outside denied" {
	local user
	for user in root nobody; do
		project "$user"
		echo hello >"$P/README"
		[ "$user" = root ] || chown "$NOBODY" "$P/README"
		run in_proj "$user" git sh -c 'git init -q . && git add . &&
			git -c user.name=t -c user.email=t@example.org \
				commit -q -m init && git log --format=%s'
		[ "$status" -eq 0 ]
		[ "$output" = init ]
		# Port 443 is allowed (nothing listens: refused by the kernel's
		# TCP, not by Landlock); port 80 is not.
		run in_proj "$user" git "$PROBE" connect 443
		[ "$output" = ECONNREFUSED ]
		run in_proj "$user" git "$PROBE" connect 80
		[ "$output" = EACCES ]
		run in_proj "$user" git "$PROBE" create "$T/outside/x"
		[ "$output" = EACCES ]
		run in_proj "$user" git "$PROBE" read "$H/.ssh/id_ed25519"
		[ "$output" = EACCES ]
	done
}

@test "build: an autoconf configure script and make; outside and the network denied" {
	local user
	(cd "$T" && mkdir conf && cd conf &&
		printf '%s\n' 'AC_INIT([hello], [1.0])' 'AC_PROG_CC' \
			'AC_CHECK_HEADERS([stdio.h])' 'AC_CONFIG_FILES([Makefile])' \
			'AC_OUTPUT' >configure.ac &&
		printf 'hello: hello.c\n\t$(CC) -o $@ hello.c\n\t./hello && echo built @PACKAGE_VERSION@\n' \
			>Makefile.in &&
		printf 'int main(void) { return 0; }\n' >hello.c &&
		autoconf) || skip_is_a_failure "autoconf failed"
	for user in root nobody; do
		project "$user"
		cp "$T/conf/configure" "$T/conf/Makefile.in" "$T/conf/hello.c" "$P/"
		[ "$user" = root ] || chown -R "$NOBODY" "$P"
		run in_proj "$user" build ./configure
		[ "$status" -eq 0 ]
		[[ "$output" == *"config.status: creating Makefile"* ]]
		run in_proj "$user" build make
		[ "$status" -eq 0 ]
		[[ "$output" == *"built 1.0" ]]
		run in_proj "$user" build sh -c 'echo x >"$1/x"' sh "$T/outside"
		[[ "$output" == *"Permission denied"* ]]
		run in_proj "$user" build "$PROBE" connect 443
		[ "$output" = EACCES ]
	done
}

skip_is_a_failure() {
	echo "$*" >&2
	return 1
}

@test "agent: the project and caches writable, home read-only minus secrets, HTTPS out" {
	local user
	for user in root nobody; do
		project "$user"
		run in_proj "$user" agent sh -c 'cat ~/notes.txt &&
			echo edit >file.txt && cat file.txt &&
			echo cached >~/.cache/x && cat ~/.cache/x &&
			git init -q . && git add file.txt &&
			git -c user.name=a -c user.email=a@example.org \
				commit -q -m edit && git log --format=%s &&
			node -e "console.log(1 + 1)" &&
			python3 -c "print(3)"'
		[ "$status" -eq 0 ]
		[ "$output" = "notes
edit
cached
edit
2
3" ]
		# The home is read-only, its secrets unreadable, startup files
		# unwritable.
		run in_proj "$user" agent "$PROBE" write "$H/notes.txt"
		[ "$output" = EACCES ]
		run in_proj "$user" agent "$PROBE" create "$H/new"
		[ "$output" = EACCES ]
		run in_proj "$user" agent "$PROBE" read "$H/.ssh/id_ed25519"
		[ "$output" = EACCES ]
		run in_proj "$user" agent "$PROBE" write "$H/.bashrc"
		[ "$output" = EACCES ]
		run in_proj "$user" agent "$PROBE" create "$T/outside/x"
		[ "$output" = EACCES ]
		# HTTPS out; no other port, no listening.
		run in_proj "$user" agent "$PROBE" connect 443
		[ "$output" = ECONNREFUSED ]
		run in_proj "$user" agent "$PROBE" connect 80
		[ "$output" = EACCES ]
		run in_proj "$user" agent "$PROBE" connect 22
		[ "$output" = EACCES ]
		run in_proj "$user" agent "$PROBE" bind "$(random_port)"
		[ "$output" = EACCES ]
	done
}
