#!/usr/bin/env bats
# Packaging: --print-env --library and the packager's wrapper recipe (the
# README's "Wrapper scripts for packages"), --version, make install and
# uninstall into a DESTDIR, the systemd unit examples, and the manual pages
# documenting every variable and key.  The Debian package is built,
# installed and purged by .ci/deb.

# shellcheck disable=SC2154 # top_srcdir, top_builddir: set by make check
load helpers

setup() {
	require_landlock
	setup_tree
	TREE=$T/tree
}

teardown() {
	stop_listeners
	teardown_tree
}

# print_env_lines_ok SHIM OUTPUT: each line of --print-env's OUTPUT is the
# guard checking SHIM (first) or an export line: more export lines than
# today's may come, never anything else.
print_env_lines_ok() {
	local line n=0
	while IFS= read -r line; do
		n=$((n + 1))
		if [ "$n" -eq 1 ]; then
			[[ "$line" == "[ -f '$1' ] && [ -r '$1' ] || "*"exit 125; }" ]] ||
				return 1
		else
			[[ "$line" =~ ^export\ [A-Z_]+=[\'\"] ]] || return 1
		fi
	done <<<"$2"
	[ "$n" -ge 2 ]
}

@test "--print-env --library: the shim's future path, not checked until sourced" {
	local final=$T/usr/lib/landshim/liblandshim.so
	run "$LAUNCHER" --print-env --library "$final" --ro "$TREE/ro"
	[ "$status" -eq 0 ]
	print_env_lines_ok "$final" "$output"
	grep -qx "export LD_AUDIT='$final'\"\${LD_AUDIT:+:\$LD_AUDIT}\"" <<<"$output"
	grep -qx "export LD_PRELOAD=\"\${LD_PRELOAD:+\$LD_PRELOAD:}\"'$final'" <<<"$output"
	grep -qx "export LANDSHIM_RO='$TREE/ro'" <<<"$output"
	[ ! -e "$final" ]
	# Without it, the same path in LANDSHIM_LIBRARY is refused, rightly.
	run env LANDSHIM_LIBRARY="$final" "$LAUNCHER" --print-env --ro "$TREE/ro"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: LANDSHIM_LIBRARY=$final: cannot find the shim: No such file or directory" ]
	# --library wins over LANDSHIM_LIBRARY.
	run env LANDSHIM_LIBRARY=/nowhere.so "$LAUNCHER" --print-env \
		--library "$final"
	[ "$status" -eq 0 ]
	print_env_lines_ok "$final" "$output"
}

@test "--print-env --library: a path the guard could not check is refused" {
	local p
	for p in lib/liblandshim.so "/usr/\$LIB/landshim/liblandshim.so" \
		"$T/a:b/liblandshim.so" "$T/a b/liblandshim.so"; do
		run "$LAUNCHER" --print-env --library "$p"
		[ "$status" -eq 125 ]
		[ "${#lines[@]}" -eq 1 ]
		[[ "${lines[0]}" == "landshim: --library: $p: "* ]]
	done
	[[ "$(ls "$T")" == tree ]]
}

@test "--library when running: that shim, and a missing one is refused" {
	mkdir -m 755 "$T/lib"
	cp "$SHIM" "$T/lib/liblandshim.so"
	lexpect OK --library "$T/lib/liblandshim.so" --ro "$TREE/ro" \
		"$PROBE" read "$TREE/ro/file"
	lexpect EACCES --library "$T/lib/liblandshim.so" --ro "$TREE/ro" \
		"$PROBE" read "$TREE/other/file"
	run env LANDSHIM_LIBRARY=/nowhere.so "$LAUNCHER" \
		--library "$T/lib/liblandshim.so" --ro "$TREE/ro" \
		"$PROBE" read "$TREE/ro/file"
	[ "$output" = OK ]
	for user in root nobody; do
		reset_tree
		run as_user "$user" "$LAUNCHER" --library "$T/lib/none.so" \
			--rw "$TREE/rw" "$PROBE" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[[ "$output" == "landshim: --library $T/lib/none.so: cannot find the shim"* ]]
		[ ! -e "$TREE/rw/marker" ]
	done
}

# The README's recipe: at build time, with the shim not installed yet,
# write the wrapper into the staging directory; once installed, it runs
# the program sandboxed; without the shim, it refuses (125).
@test "packager recipe: a wrapper generated before the shim is installed" {
	local final=$T/root/usr/lib/landshim/liblandshim.so
	local stage=$T/stage wrapper=$T/stage/usr/bin/app user
	mkdir -p "$stage/usr/bin"
	{
		echo '#!/bin/sh'
		"$LAUNCHER" --print-env --library "$final" \
			--rox /usr,/lib,/lib64,/bin --ro "$TREE/ro" --rw "$TREE/rw"
		echo "exec '$PROBE' \"\$@\""
	} >"$wrapper"
	chmod 755 "$wrapper"
	[ ! -e "$final" ]
	print_env_lines_ok "$final" "$(sed -n '2,/^exec /p' "$wrapper" | sed '$d')"
	# Installed: the shim at its final path.
	mkdir -p "${final%/*}"
	cp "$SHIM" "$final"
	chmod -R a+rX "$T/root" "$stage"
	expect_both OK as_user "$wrapper" read "$TREE/ro/file"
	expect_both OK as_user "$PROBE" read "$TREE/other/file"
	expect_both EACCES as_user "$wrapper" read "$TREE/other/file"
	expect_both OK as_user "$wrapper" create "$TREE/rw/made"
	expect_both EACCES as_user "$wrapper" create "$TREE/other/made"
	# The shim gone (or unreadable): nothing runs.
	rm "$final"
	for user in root nobody; do
		reset_tree
		run as_user "$user" "$wrapper" create "$TREE/rw/marker"
		[ "$status" -eq 125 ]
		[ "$output" = "landshim: $final: cannot read the shim, refusing to run unsandboxed" ]
		[ ! -e "$TREE/rw/marker" ]
	done
}

@test "--version: the kernel's Landlock ABI, the shim, the profile directories" {
	run env XDG_CONFIG_HOME="$T/config" "$LAUNCHER" --version
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "landshim "[0-9]* ]]
	[ "${lines[1]}" = "Landlock ABI $("$HELPERS/abi") on Linux $(uname -r)" ]
	[ "${lines[2]}" = "shim: $SHIM" ]
	[ "${lines[3]}" = "profiles: $T/config/landshim/profiles" ]
	[ "${lines[4]}" = "profiles: $top_srcdir/conf/profiles" ]
	[[ "${lines[5]}" == "profiles: /"*"/landshim/profiles" ]]
	[ "${#lines[@]}" -eq 6 ]
	# The shim named by --library, missing.
	run "$LAUNCHER" --library "$T/none.so" --version
	[ "${lines[2]}" = "shim: $T/none.so (No such file or directory)" ]
	# A launcher outside the build tree: the installed shim and profiles.
	cp "$LAUNCHER" "$T/landshim"
	run env XDG_CONFIG_HOME="$T/config" "$T/landshim" --version
	[[ "${lines[2]}" == "shim: /"*"/landshim/liblandshim.so"* ]]
	[[ "$output" != *"$top_builddir"* && "$output" != *"$top_srcdir"* ]]
	# Without Landlock, it says so (and still exits 0).
	run "$HELPERS/nolandlock" ENOSYS "$LAUNCHER" --version
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "Landlock: not available on Linux $(uname -r): "* ]]
}

@test "make install and uninstall (DESTDIR): everything in, nothing left" {
	local dest=$T/dest bindir path
	make -s -C "$top_builddir" install DESTDIR="$dest" >"$T/log" 2>&1 ||
		{ cat "$T/log"; return 1; }
	find "$dest" | sort >&2
	bindir=$(find "$dest" -path '*/bin/landshim')
	bindir=${bindir%/landshim}
	[ -x "$bindir/landshim" ]
	[ -f "$(find "$dest" -path '*/lib*/landshim/liblandshim.so')" ]
	[ -f "$(find "$dest" -path '*/landshim/profiles/base.conf')" ]
	[ -f "$(find "$dest" -path '*/man1/landshim.1')" ]
	[ -f "$(find "$dest" -path '*/man5/landshim.conf.5')" ]
	[ -f "$(find "$dest" -path '*/man7/landshim-env.7')" ]
	[ -f "$(find "$dest" -path '*/bash-completion/completions/landshim')" ]
	[ -z "$(find "$dest" -name '*.la')" ]
	make -s -C "$top_builddir" uninstall DESTDIR="$dest" >"$T/log" 2>&1 ||
		{ cat "$T/log"; return 1; }
	find "$dest" | sort >&2
	[ -z "$(find "$dest" ! -type d)" ]
	# (The prefix itself may be named landshim-VERSION: make distcheck.)
	while IFS= read -r path; do
		[[ "$bindir" == "$path"/* ]] || { echo "left: $path" >&2; return 1; }
	done < <(find "$dest" -name '*landshim*')
	[ -z "$(find "$dest" -name 'man[157]' -o -name bash-completion)" ]
	# A file of someone else's in a shared directory stays, and so does
	# the directory.
	make -s -C "$top_builddir" install DESTDIR="$dest" >/dev/null 2>&1
	touch "$(dirname "$(find "$dest" -path '*/man1/landshim.1')")/other.1"
	make -s -C "$top_builddir" uninstall DESTDIR="$dest" >/dev/null 2>&1
	[ "$(find "$dest" ! -type d)" = "$(find "$dest" -name other.1)" ]
}

# unit_value FILE KEY: the values of KEY= in a unit file, one a line,
# continuation lines joined.
unit_value() {
	awk -v key="$2" '
		/\\$/ { line = line substr($0, 1, length($0) - 1); next }
		{ line = line $0 }
		index(line, key "=") == 1 { print substr(line, length(key) + 2) }
		{ line = "" }' "$1"
}

# unit_here FILE: the example unit with this build's paths, a directory of
# this test as /srv/www, and a free port.
unit_here() {
	sed -e "s|/usr/bin/landshim|$LAUNCHER|g" \
		-e "s|/usr/lib/x86_64-linux-gnu/landshim/liblandshim.so|$SHIM|g" \
		-e "s|/srv/www|$T/www|g" -e "s|8080|$PORT|g" \
		"$top_srcdir/conf/systemd/$1"
}

# serve USER CMD...: CMD in the background as USER ($! is CMD itself, so
# that stop_listeners ends it), then wait until it answers on $PORT.
serve() {
	local user=$1
	shift
	if [ "$user" = nobody ]; then
		setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups \
			--inh-caps=-all -- "$@" </dev/null >"$T/serve.log" 2>&1 3>&- &
	else
		"$@" </dev/null >"$T/serve.log" 2>&1 3>&- &
	fi
	LISTENERS+=($!)
	for _ in $(seq 100); do
		curl -s "http://127.0.0.1:$PORT/" >/dev/null && return 0
		sleep 0.1
	done
	echo "$*: not answering on port $PORT:" >&2
	cat "$T/serve.log" >&2
	return 1
}

# serve_unit UNIT USER: its ExecStartPre, then its ExecStart with its
# Environment=, as USER, with HOME=/ (what DynamicUser= gives them).
serve_unit() {
	local unit=$1 user=$2 pre
	local -a argv vars=()
	while IFS= read -r pre; do
		read -ra argv <<<"$pre"
		as_user "$user" env HOME=/ "${argv[@]}" || return 1
	done < <(unit_value "$unit" ExecStartPre)
	mapfile -t vars < <(unit_value "$unit" Environment)
	read -ra argv <<<"$(unit_value "$unit" ExecStart)"
	serve "$user" env HOME=/ "${vars[@]}" "${argv[@]}"
}

@test "systemd unit examples: systemd-analyze verify, and the sandbox they start" {
	local unit user
	mkdir -p "$T/www" "$T/outside"
	echo served >"$T/www/index.html"
	echo secret >"$T/outside/secret"
	ln -s "$T/outside/secret" "$T/www/leak"
	chmod -R a+rX "$T/www" "$T/outside"
	for unit in landshim-launcher-example.service \
		landshim-env-example.service; do
		unit_here "$unit" >"$T/$unit"
		systemd-analyze verify "$T/$unit"
		for user in root nobody; do
			PORT=$(random_port)
			unit_here "$unit" >"$T/$unit"
			# Control: the same server unsandboxed follows the link.
			serve "$user" /usr/bin/python3 -m http.server \
				--bind 127.0.0.1 --directory "$T/www" "$PORT"
			[ "$(curl -s "http://127.0.0.1:$PORT/leak")" = secret ]
			stop_listeners
			LISTENERS=()
			PORT=$(random_port)
			unit_here "$unit" >"$T/$unit"
			serve_unit "$T/$unit" "$user"
			[ "$(curl -s "http://127.0.0.1:$PORT/index.html")" = served ]
			run curl -s -o /dev/null -w '%{http_code}' \
				"http://127.0.0.1:$PORT/leak"
			[ "$output" = 404 ]
			stop_listeners
			LISTENERS=()
		done
	done
}

@test "the env unit's ExecStartPre guard: an unreadable shim starts nothing" {
	mkdir -m 755 "$T/lib" "$T/www" "$T/outside"
	echo secret >"$T/outside/secret"
	ln -s "$T/outside/secret" "$T/www/leak"
	chmod -R a+rX "$T/www" "$T/outside"
	cp "$SHIM" "$T/lib/liblandshim.so"
	chmod 600 "$T/lib/liblandshim.so"
	PORT=$(random_port)
	unit_here landshim-env-example.service |
		sed "s|$SHIM|$T/lib/liblandshim.so|g" >"$T/env.service"
	run serve_unit "$T/env.service" nobody
	[ "$status" -ne 0 ]
	run curl -s "http://127.0.0.1:$PORT/"
	[ "$status" -ne 0 ]
	# Control: without the guard, the loader only warns, and the server
	# runs unsandboxed.
	grep -v '^ExecStartPre=' "$T/env.service" >"$T/unguarded.service"
	serve_unit "$T/unguarded.service" nobody
	[ "$(curl -s "http://127.0.0.1:$PORT/leak")" = secret ]
}

# Every name of the environment table (src/core/policy_env.c) and every
# key of the config file table (src/core/policy_file.c), and where each
# must be documented.
@test "every variable is in landshim-env(7), every key in landshim.conf(5) and the README" {
	local name key missing=
	local -a vars keys
	mapfile -t vars < <(grep -oE '^	\{ "(LANDSHIM|LL|LANDRUN)_[A-Z_]+"' \
		"$top_srcdir/src/core/policy_env.c" | tr -d '\t{" ')
	mapfile -t keys < <(grep -oE '^	\{ "[a-z_]+", item_' \
		"$top_srcdir/src/core/policy_file.c" | cut -d'"' -f2)
	[ "${#vars[@]}" -gt 20 ]
	[ "${#keys[@]}" -gt 15 ]
	for name in "${vars[@]}"; do
		grep -A1 '^\.TP' "$top_srcdir/man/landshim-env.7" |
			grep -qE "^\.BR? .*\b$name\b" || missing+=" env:$name"
	done
	for key in "${keys[@]}"; do
		grep -q "^\\\\fB$key\\\\fR = " "$top_srcdir/man/landshim.conf.5" ||
			missing+=" conf:$key"
		sed -n '/^| key | value | variable |$/,/^$/p' \
			"$top_srcdir/README.md" | grep -q "\`$key\`" ||
			missing+=" README:$key"
	done
	echo "undocumented:$missing" >&2
	[ -z "$missing" ]
	# The installed pages send nobody to the README (not installed).
	run grep -il readme "$top_srcdir"/man/*.[1-9]
	[ "$status" -eq 1 ]
}

# GitHub's anchor of a heading: lower case, punctuation dropped, spaces
# as dashes.
anchor() {
	tr 'A-Z ' 'a-z-' <<<"$1" | tr -cd 'a-z0-9_-'
}

@test "README: the table of contents lists every section, each link lands" {
	local readme=$top_srcdir/README.md heading link missing=
	local toc
	toc=$(sed -n '/^## Contents$/,/^## /p' "$readme")
	[ -n "$toc" ]
	while IFS= read -r heading; do
		heading=${heading#* }
		[ "$heading" = Contents ] && continue
		grep -qF "](#$(anchor "$heading"))" <<<"$toc" ||
			missing+=" [$heading]"
	done < <(grep -E '^###? ' "$readme")
	while IFS= read -r link; do
		grep -E '^#{2,3} ' "$readme" | while IFS= read -r heading; do
			[ "$(anchor "${heading#* }")" = "$link" ] && echo found
		done | grep -q found || missing+=" (#$link)"
	done < <(grep -oE '\]\(#[^)]+\)' <<<"$toc" | sed 's/](#//; s/)$//')
	echo "not in the contents, or not a heading:$missing" >&2
	[ -z "$missing" ]
}
