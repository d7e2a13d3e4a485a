#!/usr/bin/env bats
# landrun's README examples (0.1 and 0.1.18) with landshim in place of
# landrun: each gives landrun's allow/deny result.  Hosts become 127.0.0.1
# and random ports, /path/to/dir and /var/www become temporary directories.

load helpers

LAUNCHER=$top_builddir/src/landshim

setup() {
	require_landlock
	setup_tree
	DIR=$T/tree/rw
	OTHER=$T/tree/other
	PORT=$(random_port)
}

teardown() {
	stop_listeners
	teardown_tree
}

# as_both CMD...: CMD must succeed as root and as nobody.
as_both() {
	local user
	for user in root nobody; do
		reset_tree
		run as_user "$user" "$@"
		if [ "$status" -ne 0 ]; then
			echo "as $user: $* -> $status: $output" >&2
			return 1
		fi
	done
}

# denied_both CMD...: CMD must fail with "Permission denied" as both.
denied_both() {
	local user
	for user in root nobody; do
		reset_tree
		run as_user "$user" "$@"
		if [ "$status" -eq 0 ] || [ "$status" -eq 125 ] ||
			[[ "$output" != *"Permission denied"* ]]; then
			echo "as $user: $* -> $status: $output" >&2
			return 1
		fi
	done
}

# landrun 0.1 (the README in shared/seeds)

@test "0.1: --ro /usr/bin --ro /lib --ro /lib64 --ro DIR ls DIR" {
	as_both "$LAUNCHER" --ro /usr/bin --ro /lib --ro /lib64 --ro "$DIR" \
		ls "$DIR"
	[[ "$output" == *victim* ]]
	denied_both "$LAUNCHER" --ro /usr/bin --ro /lib --ro /lib64 \
		--ro "$DIR" ls "$OTHER"
}

@test "0.1: --rw DIR touch DIR/newfile" {
	as_both "$LAUNCHER" --ro /usr/bin --ro /lib --ro /lib64 --rw "$DIR" \
		touch "$DIR/newfile"
	[ -e "$DIR/newfile" ]
	denied_both "$LAUNCHER" --ro /usr/bin --ro /lib --ro /lib64 \
		--rw "$DIR" touch "$OTHER/newfile"
	denied_both "$LAUNCHER" --ro /usr/bin --ro /lib --ro /lib64 \
		--ro "$DIR" touch "$DIR/newfile"
}

@test "0.1: --exec /usr/bin/bash: bash may execute from the --ro paths" {
	run bash -c 'echo /usr/bin/true \&\& echo ran | "$@"' sh "$LAUNCHER" \
		--ro /usr/bin --ro /lib --ro /lib64 --exec /usr/bin/bash
	[ "$status" -eq 0 ]
	[ "$output" = ran ]
	run bash -c 'echo /usr/bin/true | "$@"' sh "$LAUNCHER" \
		--ro /usr/bin --ro /lib --ro /lib64 /usr/bin/bash
	[ "$status" -eq 126 ]
	[[ "$output" == *"Permission denied"* ]]
	run bash -c 'echo "read x </etc/hostname" | "$@"' sh "$LAUNCHER" \
		--ro /usr/bin --ro /lib --ro /lib64 --exec /usr/bin/bash
	[[ "$output" == *"Permission denied"* ]]
}

@test "0.1: --log-level debug ... --ro DIR ls" {
	cd "$T/tree"
	run "$LAUNCHER" --log-level debug --ro /usr/bin --ro /lib \
		--ro /lib64 --ro "$T/tree" ls
	[ "$status" -eq 0 ]
	[[ "$output" == *rw* ]]
	run "$LAUNCHER" --log-level debug --ro /usr/bin --ro /lib \
		--ro /lib64 --ro "$DIR" ls
	[ "$status" -ne 0 ]
	[[ "$output" == *"Permission denied"* ]]
}

@test "0.1: --bind-tcp 8080 --connect-tcp 53 my-server (random ports)" {
	local opts=(--ro /usr/bin --ro /lib --ro /lib64 --bind-tcp "$PORT"
		--connect-tcp "$((PORT + 1))")
	listen root serve-tcp "$((PORT + 1))"
	listen root serve-tcp "$((PORT + 2))"
	lexpect OK "${opts[@]}" "$PROBE" bind "$PORT"
	lexpect OK "${opts[@]}" "$PROBE" connect "$((PORT + 1))"
	lexpect EACCES "${opts[@]}" "$PROBE" bind "$((PORT + 3))"
	lexpect EACCES "${opts[@]}" "$PROBE" connect "$((PORT + 2))"
}

@test "0.1: --ro /etc/resolv.conf --connect-tcp 53 dig (a temp file, a local port)" {
	local conf=$T/resolv.conf
	echo "nameserver 127.0.0.1" >"$conf"
	chmod 644 "$conf"
	local opts=(--ro /usr/bin --ro /lib --ro /lib64 --ro "$conf"
		--connect-tcp "$PORT")
	listen root serve-tcp "$PORT"
	lexpect OK "${opts[@]}" "$PROBE" read "$conf"
	lexpect OK "${opts[@]}" "$PROBE" connect "$PORT"
	lexpect EACCES "${opts[@]}" "$PROBE" read "$OTHER/file"
	lexpect EACCES "${opts[@]}" "$PROBE" bind "$PORT"
}

@test "0.1: web server: --ro /var/www --rw /var/log --bind-tcp 80 --bind-tcp 443" {
	local www=$T/tree/ro log=$T/tree/rw
	local opts=(--ro /usr/bin --ro /lib --ro /lib64 --ro "$www" --rw "$log"
		--bind-tcp "$PORT" --bind-tcp "$((PORT + 1))")
	lexpect OK "${opts[@]}" "$PROBE" read "$www/file"
	lexpect OK "${opts[@]}" "$PROBE" create "$log/access.log"
	lexpect OK "${opts[@]}" "$PROBE" bind "$((PORT + 1))"
	lexpect EACCES "${opts[@]}" "$PROBE" write "$www/file"
	lexpect EACCES "${opts[@]}" "$PROBE" read "$OTHER/file"
	lexpect EACCES "${opts[@]}" "$PROBE" bind "$((PORT + 2))"
}

# landrun 0.1.18

@test "0.1.18: --rox /usr/bin/ls --rox /usr/lib --ro /home ls /home" {
	as_both "$LAUNCHER" --rox /usr/bin/ls --rox /usr/lib --ro /home ls /home
	denied_both "$LAUNCHER" --rox /usr/bin/ls --rox /usr/lib --ro /home \
		ls "$OTHER"
}

@test "0.1.18: --rox /usr/ --ro DIR ls DIR" {
	as_both "$LAUNCHER" --rox /usr/ --ro "$DIR" ls "$DIR"
	[[ "$output" == *victim* ]]
	denied_both "$LAUNCHER" --rox /usr/ --ro "$DIR" ls "$OTHER"
}

@test "0.1.18: --rox /usr/bin --ro /lib --rw DIR touch DIR/newfile" {
	as_both "$LAUNCHER" --rox /usr/bin --ro /lib --rw "$DIR" \
		touch "$DIR/newfile"
	denied_both "$LAUNCHER" --rox /usr/bin --ro /lib --rw "$DIR" \
		touch "$OTHER/newfile"
}

@test "0.1.18: --rw DIR/newfile touch DIR/newfile (a file rule)" {
	local user
	for user in root nobody; do
		reset_tree
		touch "$DIR/newfile"
		chmod 666 "$DIR/newfile"
		run as_user "$user" "$LAUNCHER" --rox /usr/bin --ro /lib \
			--rw "$DIR/newfile" touch "$DIR/newfile"
		[ "$status" -eq 0 ]
		run as_user "$user" "$LAUNCHER" --rox /usr/bin --ro /lib \
			--rw "$DIR/newfile" touch "$DIR/other-newfile"
		[ "$status" -ne 0 ]
		[[ "$output" == *"Permission denied"* ]]
	done
}

@test "0.1.18: --rox /usr/ --ro /lib,/lib64 /usr/bin/bash" {
	run bash -c 'echo "/usr/bin/true && echo ran" | "$@"' sh "$LAUNCHER" \
		--rox /usr/ --ro /lib,/lib64 /usr/bin/bash
	[ "$output" = ran ]
	run bash -c 'echo "read x </etc/hostname" | "$@"' sh "$LAUNCHER" \
		--rox /usr/ --ro /lib,/lib64 /usr/bin/bash
	[[ "$output" == *"Permission denied"* ]]
}

@test "0.1.18: --rox /usr/ --ro /lib,/lib64 --bind-tcp 8080 --connect-tcp 80 my-server" {
	local opts=(--rox /usr/ --ro /lib,/lib64 --bind-tcp "$PORT"
		--connect-tcp "$((PORT + 1))")
	listen root serve-tcp "$((PORT + 1))"
	listen root serve-tcp "$((PORT + 2))"
	lexpect OK "${opts[@]}" "$PROBE" bind "$PORT"
	lexpect OK "${opts[@]}" "$PROBE" connect "$((PORT + 1))"
	lexpect EACCES "${opts[@]}" "$PROBE" connect "$((PORT + 2))"
	lexpect EACCES "${opts[@]}" "$PROBE" bind "$((PORT + 1))"
}

@test "0.1.18: --rox /usr/bin --ro /lib,/lib64,/var/www --rwx /var/log --bind-tcp 80,443 nginx" {
	local www=$T/www log=$T/log
	mkdir -m 777 "$www" "$log"
	echo data >"$www/index.html"
	install -m 666 /dev/null "$log/access.log"
	# Static tools: a dynamic one would need execute on ld.so (in /lib).
	install -m 755 "$HELPERS/probe-static" "$log/tool"
	install -m 755 "$HELPERS/probe-static" "$www/tool"
	local opts=(--rox /usr/bin --ro "/lib,/lib64,$www" --rwx "$log"
		--bind-tcp "$PORT,$((PORT + 1))")
	lexpect OK "${opts[@]}" "$PROBE" read "$www/index.html"
	lexpect OK "${opts[@]}" "$PROBE" write "$log/access.log"
	lexpect OK "${opts[@]}" "$PROBE" bind "$PORT"
	lexpect OK "${opts[@]}" "$PROBE" exec "$log/tool" read "$www/index.html"
	lexpect EACCES "${opts[@]}" "$PROBE" write "$www/index.html"
	lexpect EACCES "${opts[@]}" "$PROBE" bind "$((PORT + 2))"
	lexpect EACCES "${opts[@]}" "$PROBE" exec "$www/tool" read "$www/index.html"
}

@test "0.1.18: landshim ls is the maximum jail" {
	cd "$T/tree/ro"
	run "$LAUNCHER" ls
	[ "$status" -ne 0 ]
	[[ "$output" == *"cannot open directory '.': Permission denied"* ]]
	run "$LAUNCHER" "$PROBE" bind "$PORT"
	[ "$output" = EACCES ]
	run "$LAUNCHER" --ro . ls
	[ "$status" -eq 0 ]
	[[ "$output" == *file* ]]
}

@test "0.1.18: --rox /usr --ro /etc --env HOME --env PATH --env CUSTOM_VAR=my_value -- env" {
	run env FOO=bar "$LAUNCHER" --rox /usr --ro /etc --env HOME --env PATH \
		--env CUSTOM_VAR=my_value -- env
	[ "$status" -eq 0 ]
	echo "$output" | grep -qx CUSTOM_VAR=my_value
	echo "$output" | grep -qx "PATH=$PATH"
	# landshim keeps the environment; --clear-env gives landrun's.
	echo "$output" | grep -qx FOO=bar
	run env FOO=bar "$LAUNCHER" --clear-env --rox /usr --ro /etc \
		--env HOME --env PATH --env CUSTOM_VAR=my_value -- env
	[ "$(echo "$output" | sort | tr '\n' ' ')" = "CUSTOM_VAR=my_value HOME=$HOME PATH=$PATH " ]
	run "$LAUNCHER" --rox /usr --ro /etc --env CUSTOM_VAR=my_value -- \
		cat "$OTHER/file"
	[[ "$output" == *"Permission denied"* ]]
}

@test "0.1.18: --rox libc.so.6 --rox ld-linux-x86-64.so.2 --rox /usr/bin/true /usr/bin/true" {
	local opts=(--rox /usr/lib/x86_64-linux-gnu/libc.so.6
		--rox /lib64/ld-linux-x86-64.so.2 --rox /usr/bin/true)
	as_both "$LAUNCHER" "${opts[@]}" /usr/bin/true
	denied_both "$LAUNCHER" "${opts[@]}" /usr/bin/cat /etc/hostname
}

@test "0.1.18: --rox /usr/lib/ --add-exec /usr/bin/true" {
	as_both "$LAUNCHER" --rox /usr/lib/ --add-exec /usr/bin/true
	denied_both "$LAUNCHER" --rox /usr/lib/ --add-exec /usr/bin/cat \
		/etc/hostname
}

@test "0.1.18: --ldd --add-exec /usr/bin/true runs true with nothing else allowed" {
	as_both "$LAUNCHER" --ldd --add-exec /usr/bin/true
	denied_both "$LAUNCHER" --ldd --add-exec /usr/bin/cat /etc/hostname
	denied_both "$LAUNCHER" --ldd --add-exec /usr/bin/ls /usr/lib
	run "$LAUNCHER" --ldd --add-exec --explain /usr/bin/true
	[ "$(echo "$output" | grep -cE ' \(rox, (the command|ldd)\)')" -eq \
		"$(($(ldd /usr/bin/true | grep -c '/') + 1))" ]
	[[ "$output" == *"/etc/ld.so.cache (ro, ldd): file, read_file"* ]]
	[[ "$output" == *"tcp bind: none (all denied)"* ]]
}

@test "0.1.18: --best-effort --ignore-missing --rox /usr --ro /etc,/opt/optional-config -- prog" {
	local opts=(--best-effort --ignore-missing --rox /usr
		--ro "/etc,$T/optional-config")
	as_both "$LAUNCHER" "${opts[@]}" -- cat /etc/hostname
	denied_both "$LAUNCHER" "${opts[@]}" -- cat "$OTHER/file"
	run "$LAUNCHER" --best-effort --rox /usr --ro "/etc,$T/optional-config" \
		-- cat /etc/hostname
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: --ro: $T/optional-config: No such file or directory" ]
}

@test "0.1.18: --best-effort --unrestricted-scoped --rox /usr --ro /etc -- prog" {
	background sleep 60
	run "$LAUNCHER" --best-effort --rox /usr --ro /etc -- \
		"$PROBE" signal $!
	[ "$output" = EPERM ]
	lexpect EACCES --best-effort --unrestricted-scoped --rox /usr \
		--ro /etc -- "$PROBE" read "$OTHER/file"
	run "$LAUNCHER" --best-effort --unrestricted-scoped --rox /usr \
		--ro /etc -- "$PROBE" signal $!
	[ "$output" = OK ]
}

@test "README: landrun's systemd unit, launcher in ExecStart and Environment= alone" {
	local conf=$T/tree/ro log=$T/tree/rw cache=$T/tree/other
	# ExecStart=/usr/bin/landshim --best-effort --rox /usr/bin,/usr/lib
	#   --ro /etc/nginx,... --rwx /var/log/nginx --rwx /var/cache/nginx
	#   --bind-tcp 80,443 /usr/bin/nginx ...
	local opts=(--best-effort --rox /usr/bin,/usr/lib
		--ro "$conf,/etc/passwd,/etc/group,/etc/nsswitch.conf"
		--rwx "$log" --rwx "$cache" --bind-tcp "$PORT,$((PORT + 1))")
	lexpect OK "${opts[@]}" "$PROBE" create "$log/access.log"
	lexpect OK "${opts[@]}" "$PROBE" bind "$PORT"
	lexpect EACCES "${opts[@]}" "$PROBE" write "$conf/file"
	lexpect EACCES "${opts[@]}" "$PROBE" read /etc/hostname
	# Environment=LD_PRELOAD=... LANDSHIM_ROX=... and no launcher.
	local vars=(LANDSHIM_ROX=/usr/bin:/usr/lib
		LANDSHIM_RO="$conf:/etc/passwd:/etc/group:/etc/nsswitch.conf"
		LANDSHIM_RWX="$log:$cache"
		LANDSHIM_BIND_TCP="$PORT,$((PORT + 1))")
	expect OK "${vars[@]}" -- "$PROBE" create "$log/access.log"
	expect OK "${vars[@]}" -- "$PROBE" bind "$((PORT + 1))"
	expect EACCES "${vars[@]}" -- "$PROBE" write "$conf/file"
	expect EACCES "${vars[@]}" -- "$PROBE" read /etc/hostname
}
