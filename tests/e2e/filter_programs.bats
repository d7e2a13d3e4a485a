#!/usr/bin/env bats
# Real programs keep working under the seccomp filter and without root's
# other capabilities: python3 TCP server and client, curl, node, git, make
# and a configure script, through the shim and the launcher, as root and
# as nobody.  Each also meets a denial, so the sandbox is shown in force.

load helpers
load security

SYS_ROX=/usr:/lib:/lib64:/bin:/etc

setup() {
	security_setup
	WORK=$T/work
	mkdir -p "$WORK"
	chmod 0777 "$WORK"
}

teardown() {
	security_teardown
}

# in_sandbox MODE USER VARS... -- CMD...: sandboxed, with a private HOME
# and TMPDIR in $WORK, and none of make check's own make variables (its
# jobserver's descriptors are closed in the sandbox).
in_sandbox() {
	local mode=$1 user=$2
	shift 2
	local vars=()
	while [ "$1" != -- ]; do
		vars+=("$1")
		shift
	done
	shift
	sandboxed "$mode" "$user" "${vars[@]}" -- \
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL HOME="$WORK" TMPDIR="$WORK" \
		"$@"
}

@test "python3: a TCP server and a client, each in a sandbox" {
	local mode user server
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			# shellcheck disable=SC2016
			server='import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen()
print("READY", flush=True)
c, _ = s.accept()
c.sendall(c.recv(64).upper())'
			outside root sandboxed "$mode" "$user" \
				LANDSHIM_ROX="$SYS_ROX" LANDSHIM_BIND_TCP="$PORT" -- \
				/usr/bin/python3 -c "$server" "$PORT"
			[ "$READY_LINE" = READY ]
			run in_sandbox "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_CONNECT_TCP="$PORT" -- /usr/bin/python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"hello")
print(s.recv(64).decode())
try:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
except OSError as e:
    print(e.strerror)' "$PORT"
			[ "${lines[0]}" = HELLO ]
			[ "${lines[1]}" = "Permission denied" ]
			wait "$OUTSIDE_PID"
		done
	done
}

@test "curl: HTTP from a server outside; another port refused" {
	local mode user
	echo hello >"$WORK/hello.txt"
	chmod 644 "$WORK/hello.txt"
	# A simple command, so that its pid is the server's.
	/usr/bin/python3 -m http.server "$PORT" --bind 127.0.0.1 \
		--directory "$WORK" >/dev/null 2>&1 3>&- &
	PIDS+=($!)
	for _ in $(seq 100); do
		curl -s "http://127.0.0.1:$PORT/" >/dev/null && break
		sleep 0.1
	done
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			run in_sandbox "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_CONNECT_TCP="$PORT" -- \
				curl -sS "http://127.0.0.1:$PORT/hello.txt"
			[ "$status" -eq 0 ]
			[ "$output" = hello ]
			run in_sandbox "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_CONNECT_TCP="$((PORT + 1))" -- \
				curl -sS "http://127.0.0.1:$PORT/hello.txt"
			[ "$status" -eq 7 ]
		done
	done
}

@test "node: an HTTP server and fetch() in one sandboxed process" {
	local mode user
	command -v node >/dev/null
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			run in_sandbox "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_BIND_TCP="$PORT" LANDSHIM_CONNECT_TCP="$PORT" -- \
				node --no-warnings -e '
const http = require("http");
const port = Number(process.argv[1]);
const srv = http.createServer((q, r) => r.end("from node"));
srv.listen(port, "127.0.0.1", async () => {
	console.log(await (await fetch(`http://127.0.0.1:${port}/`)).text());
	require("dgram").createSocket("udp4").on("error", (e) => {
		console.log(e.code);
		srv.close();
	}).send("x", port, "127.0.0.1");
});' "$PORT"
			[ "${lines[0]}" = "from node" ]
			[ "${lines[1]}" = EACCES ]
		done
	done
}

# project USER: a fresh C project in $WORK/project, owned by USER.
project() {
	rm -rf "$WORK/project"
	mkdir "$WORK/project"
	printf 'int main(void) { return 0; }\n' >"$WORK/project/hello.c"
	printf 'hello: hello.c\n\t$(CC) -o $@ hello.c\n\t./hello && echo built\n' \
		>"$WORK/project/Makefile"
	cat >"$WORK/project/configure.ac" <<-'EOF'
		AC_INIT([hello], [1.0])
		AC_PROG_CC
		AC_CHECK_HEADERS([stdio.h unistd.h])
		AC_CONFIG_FILES([out.txt])
		AC_OUTPUT
	EOF
	echo 'configured with @CC@' >"$WORK/project/out.txt.in"
	(cd "$WORK/project" && autoconf)
	[ "$1" = nobody ] && chown -R "$NOBODY:$NOBODY" "$WORK/project"
	return 0
}

@test "git, make and a configure script in an rw project" {
	local mode user
	for mode in "${MODES[@]}"; do
		for user in root nobody; do
			project "$user"
			run in_sandbox "$mode" "$user" LANDSHIM_ROX="$SYS_ROX" \
				LANDSHIM_RWX="$WORK" LANDSHIM_RW=/dev/null:/dev/urandom -- sh -c '
cd "$1" &&
git init -q && git add . &&
git -c user.name=t -c user.email=t@t commit -qm one && git log --oneline | wc -l &&
make -s && ./configure -q && cat out.txt && chmod u+s hello' sh "$WORK/project"
			[ "${lines[0]}" = 1 ]
			[ "${lines[1]}" = built ]
			[[ "${lines[2]}" == "configured with "* ]]
			[[ "$output" == *"Operation not permitted"* ]]
			[ "$(stat -c %a "$WORK/project/hello")" = 755 ]
		done
	done
}

@test "network-client profile: UDP to port 53 (DNS) works, raw sockets do not" {
	local user want=OK
	[ "$ABI" -lt 10 ] || want=EACCES
	for user in root nobody; do
		run as_user "$user" env LD_PRELOAD="$SHIM" HOME="$WORK" \
			LANDSHIM_PROFILE=network-client "$PROBE" udp 53
		[ "$output" = OK ]
		# Below ABI 10 the UDP rule reaches every port.
		run as_user "$user" env LD_PRELOAD="$SHIM" HOME="$WORK" \
			LANDSHIM_PROFILE=network-client "$PROBE" udp "$PORT"
		[ "$output" = "$want" ]
		run as_user "$user" env LD_PRELOAD="$SHIM" HOME="$WORK" \
			LANDSHIM_PROFILE=network-client "$PROBE" mptcp-connect 80
		[ "$output" = EPROTONOSUPPORT ]
		run as_user "$user" env HOME="$WORK" "$LAUNCHER" --profile network-client \
			"$PROBE" raw
		[ "$output" = EACCES ]
	done
}
