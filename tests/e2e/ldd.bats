#!/usr/bin/env bats
# --ldd end to end: the launcher grants read+execute on what the ELF
# resolver (src/core/elfdeps.c) finds, and on nothing else.  It does so
# without --ldd too (the sandbox exists before ld.so loads anything), but
# then a library it cannot find is not an error.  The fixtures of
# tests/helpers/elfdeps print "edfix N", then OK or the errno name for each
# file they are asked to open.

load helpers

EDFIX=$top_builddir/tests/helpers/elfdeps
LIBS=$EDFIX/.libs

setup() {
	require_landlock
	setup_tree
}

teardown() {
	teardown_tree
}

# rules ARGS...: the filesystem rules `landshim --explain ARGS` lists.
rules() {
	"$LAUNCHER" --explain "$@" | sed -n '/^filesystem/,/^tcp bind/p' |
		grep '^  '
}

# copy_fixture NAME DIR: the fixture NAME as DIR/NAME, with both libraries
# in DIR/.libs, all readable by nobody.
copy_fixture() {
	mkdir -p "$2/.libs"
	cp "$EDFIX/$1" "$2/"
	cp "$LIBS/libedfix_a.so" "$LIBS/libedfix_b.so" "$2/.libs/"
	chmod -R a+rX "$T"
}

@test "--ldd --add-exec /usr/bin/true: runs true, with nothing else allowed" {
	local r
	lexpect "" --ldd --add-exec /usr/bin/true
	r=$(rules --ldd --add-exec /usr/bin/true)
	[ "$(echo "$r" | wc -l)" -eq 4 ]
	[[ "$r" == *"/usr/bin/true (rox, the command)"* ]]
	[[ "$r" == *"/ld-linux"*" (rox, ldd)"* ]]
	[[ "$r" == *"/libc.so.6 (rox, ldd)"* ]]
	[[ "$r" == *"/etc/ld.so.cache (ro, ldd)"* ]]
	r=$(rules /usr/bin/true)
	[ "$(echo "$r" | wc -l)" -eq 4 ]
	[[ "$r" == *"/libc.so.6 (rox, what the command loads)"* ]]
	run "$LAUNCHER" --ldd --add-exec /usr/bin/cat /etc/hostname
	[ "$status" -eq 1 ]
	[[ "$output" == *"/etc/hostname: Permission denied" ]]
	lexpect "edfix 1
/etc/hostname: EACCES" --ldd --add-exec "$EDFIX/edfix-runpath" /etc/hostname
}

@test "--ldd: a library found through DT_RUNPATH \$ORIGIN is granted" {
	lexpect "edfix 1
$LIBS/libedfix_a.so: OK" --ldd "$EDFIX/edfix-runpath" "$LIBS/libedfix_a.so"
	# Without --ldd too: the program cannot start without it.
	lexpect "edfix 1
$LIBS/libedfix_a.so: OK" "$EDFIX/edfix-runpath" "$LIBS/libedfix_a.so"
	lexpect "edfix 1
$LIBS/libedfix_b.so: EACCES" "$EDFIX/edfix-runpath" "$LIBS/libedfix_b.so"
	# Copied elsewhere: the copy's library, not the build tree's.
	copy_fixture edfix-runpath "$T/bin"
	lexpect "edfix 1
$T/bin/.libs/libedfix_a.so: OK
$LIBS/libedfix_a.so: EACCES" --ldd "$T/bin/edfix-runpath" \
		"$T/bin/.libs/libedfix_a.so" "$LIBS/libedfix_a.so"
}

@test "--ldd: DT_RPATH is also searched for the libraries' own needs" {
	lexpect "edfix 2
$LIBS/libedfix_a.so: OK
$LIBS/libedfix_b.so: OK" --ldd "$EDFIX/edfix-rpath" \
		"$LIBS/libedfix_a.so" "$LIBS/libedfix_b.so"
	# DT_RUNPATH is not: A, needed by B, is not found, nothing runs.
	run "$LAUNCHER" --ldd "$EDFIX/edfix-runpath-chain"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: ldd: libedfix_a.so: not found (needed by $LIBS/libedfix_b.so)" ]
}

@test "--ldd: a library found only through LD_LIBRARY_PATH" {
	local user
	for user in root nobody; do
		run as_user "$user" env LD_LIBRARY_PATH="$LIBS" \
			"$LAUNCHER" --ldd "$EDFIX/edfix-plain" \
			"$LIBS/libedfix_a.so"
		[ "$output" = "edfix 1
$LIBS/libedfix_a.so: OK" ]
		# Without --ldd: the library it loads, not its neighbour.
		run as_user "$user" env LD_LIBRARY_PATH="$LIBS" \
			"$LAUNCHER" "$EDFIX/edfix-plain" "$LIBS/libedfix_a.so"
		[ "$output" = "edfix 1
$LIBS/libedfix_a.so: OK" ]
		run as_user "$user" env LD_LIBRARY_PATH="$LIBS" \
			"$LAUNCHER" "$EDFIX/edfix-plain" "$LIBS/libedfix_b.so"
		[ "$output" = "edfix 1
$LIBS/libedfix_b.so: EACCES" ]
	done
	# The command's environment counts, --env included.
	lexpect "edfix 1
$LIBS/libedfix_a.so: OK" --env LD_LIBRARY_PATH="$LIBS" --ldd \
		"$EDFIX/edfix-plain" "$LIBS/libedfix_a.so"
	run env -u LD_LIBRARY_PATH "$LAUNCHER" --ldd "$EDFIX/edfix-plain"
	[ "$status" -eq 125 ]
	[ "$output" = "landshim: ldd: libedfix_a.so: not found (needed by $EDFIX/edfix-plain)" ]
}

@test "--ldd on a static binary: no dependency, still sandboxed" {
	lexpect "edfix 0
/etc/hostname: EACCES" --ldd --add-exec "$EDFIX/edfix-static" /etc/hostname
	run rules --ldd --add-exec "$EDFIX/edfix-static"
	[ "$status" -eq 0 ]
	[[ "$output" != *"(rox, ldd)"* ]]
	[[ "$output" != *"interpreter"* ]]
	[[ "$output" == *"$EDFIX/edfix-static (rox, the command)"* ]]
}

@test "--ldd never runs the target to resolve it" {
	local marker=$T/marker
	# The fixture leaves a marker when it runs with the right to.
	EDFIX_MARKER=$marker run "$LAUNCHER" --ldd --rw "$T" \
		"$EDFIX/edfix-runpath"
	[ "$output" = "edfix 1" ]
	[ -e "$marker" ]
	rm "$marker"
	EDFIX_MARKER=$marker run "$LAUNCHER" --ldd --explain \
		"$EDFIX/edfix-runpath"
	[ "$status" -eq 0 ]
	[ ! -e "$marker" ]
	# Run in the sandbox, which denies the marker: had the resolver run
	# it outside, the marker would be there.
	EDFIX_MARKER=$marker run "$LAUNCHER" --ldd "$EDFIX/edfix-runpath"
	[ "$output" = "edfix 1" ]
	[ ! -e "$marker" ]
	EDFIX_MARKER=$marker run "$LAUNCHER" --ldd --rw "$T" \
		"$EDFIX/edfix-runpath-chain"
	[ "$status" -eq 125 ]
	[ ! -e "$marker" ]
}

@test "setuid copies, sandboxed by the launcher before exec: ld.so loads what was found" {
	copy_fixture edfix-runpath "$T/runpath"
	copy_fixture edfix-rpath "$T/rpath"
	chmod 4755 "$T/runpath/edfix-runpath" "$T/rpath/edfix-rpath"
	lexpect "edfix 1
/etc/hostname: EACCES" "$T/runpath/edfix-runpath" /etc/hostname
	lexpect "edfix 2
$T/rpath/.libs/libedfix_a.so: OK" "$T/rpath/edfix-rpath" \
		"$T/rpath/.libs/libedfix_a.so"
	run rules "$T/rpath/edfix-rpath"
	[[ "$output" == *"$T/rpath/.libs/libedfix_b.so (rox, what the command loads)"* ]]
}
