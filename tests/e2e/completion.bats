#!/usr/bin/env bats
# The bash completion (completion/landshim), loaded as bash-completion
# loads it: `complete -p`, then scripted completions (COMP_WORDS,
# COMP_CWORD, the function, COMPREPLY) of options, profile names, paths
# and the command, for the build tree's landshim.

# shellcheck disable=SC2154 # top_srcdir: set by make check
load helpers

setup() {
	require_landlock
	setup_tree
	TREE=$T/tree
	mkdir -p "$T/config/landshim/profiles" "$T/bin"
	echo 'ro = "/etc";' >"$T/config/landshim/profiles/mine.conf"
	printf '#!/bin/sh\n' >"$T/bin/zz-landshim-cmd"
	chmod 755 "$T/bin/zz-landshim-cmd"
}

teardown() {
	teardown_tree
}

# complete_words WORD...: the completions bash offers for the last WORD
# (being typed) after the others, one a line, sorted.  COMP_WORDS is split
# as bash splits a command line: "=" is a word of its own.
complete_words() {
	# shellcheck disable=SC2016 # for that bash
	run env XDG_CONFIG_HOME="$T/config" PATH="$T/bin:$PATH" bash -c '
		. /usr/share/bash-completion/bash_completion
		. "$0"
		COMP_LINE=
		for w; do
			if [ "$w" = = ] || [ "${p-}" = = ]; then
				COMP_LINE+=$w
			else
				COMP_LINE+=${COMP_LINE:+ }$w
			fi
			p=$w
		done
		COMP_POINT=${#COMP_LINE}
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_landshim landshim 2>/dev/null
		printf "%s\n" "${COMPREPLY[@]}" | sort -u' \
		"$top_srcdir/completion/landshim" "$@"
	[ "$status" -eq 0 ]
}

@test "complete -p: the function is registered for landshim" {
	run bash -c '. /usr/share/bash-completion/bash_completion
		. "$1"; complete -p landshim' _ "$top_srcdir/completion/landshim"
	[ "$status" -eq 0 ]
	[ "$output" = "complete -F _landshim landshim" ]
}

@test "options: every option of --help, by prefix" {
	local opt
	complete_words "$LAUNCHER" --pro
	[ "$output" = --profile ]
	complete_words "$LAUNCHER" --unrestricted-sc
	[ "$output" = $'--unrestricted-scope\n--unrestricted-scoped' ]
	complete_words "$LAUNCHER" --
	for opt in $("$LAUNCHER" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		grep -qx -- "$opt" <<<"$output"
	done
	# After a switch and after an option's value, options again.
	complete_words "$LAUNCHER" --strict --ro /usr --ld
	[ "$output" = --ldd ]
}

@test "profile names: from the profile directories, lists after a comma" {
	local f
	complete_words "$LAUNCHER" --profile ""
	for f in "$top_srcdir"/conf/profiles/*.conf; do
		f=${f##*/}
		grep -qx "${f%.conf}" <<<"$output"
	done
	grep -qx mine <<<"$output"
	complete_words "$LAUNCHER" --profile sh
	[ "$output" = shell ]
	complete_words "$LAUNCHER" --profile mi
	[ "$output" = mine ]
	complete_words "$LAUNCHER" --profile base,sh
	[ "$output" = base,shell ]
	complete_words "$LAUNCHER" --profile = sh
	[ "$output" = shell ]
	complete_words "$LAUNCHER" -profile sh
	[ "$output" = shell ]
}

@test "paths: for the path options, after a comma too; nothing for ports" {
	local opt
	for opt in --ro --rox --rw --rwx --unix --config --learn --library; do
		complete_words "$LAUNCHER" "$opt" "$TREE/r"
		[ "$output" = "$TREE/ro"$'\n'"$TREE/rw" ]
	done
	complete_words "$LAUNCHER" --ro "$TREE/ro,$TREE/o"
	[ "$output" = "$TREE/ro,$TREE/other/" ]
	complete_words "$LAUNCHER" --ro "$TREE/ro/f"
	[ "$output" = "$TREE/ro/file" ]
	complete_words "$LAUNCHER" --ro = "$TREE/ot"
	[ "$output" = "$TREE/other" ]
	complete_words "$LAUNCHER" --bind-tcp ""
	[ -z "$output" ]
	complete_words "$LAUNCHER" --log-level i
	[ "$output" = info ]
}

@test "the command: after the options, after --, then its own arguments" {
	complete_words "$LAUNCHER" --ro /usr zz-landshim-c
	[ "$output" = zz-landshim-cmd ]
	complete_words "$LAUNCHER" --strict -- zz-landshim-c
	[ "$output" = zz-landshim-cmd ]
	# The command's arguments are not landshim's options.
	complete_words "$LAUNCHER" --ro /usr zz-landshim-cmd --pro
	[[ "$output" != *--profile* ]]
	complete_words "$LAUNCHER" --ro /usr zz-landshim-cmd "$TREE/ot"
	[ "$output" = "$TREE/other" ]
}
