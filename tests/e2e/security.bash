# Shared by escape.bats, gaps.bats and faults.bats: running a command in
# the sandbox through the shim or through the launcher, and processes that
# live outside the sandbox.
# shellcheck shell=bash

PROBE_STATIC="$HELPERS/probe-static"
# The ways into the sandbox that every escape attempt is made through.
MODES=(shim launcher)

security_setup() {
	require_landlock
	setup_tree
	TREE=$T/tree
	PORT=$(random_port)
	PIDS=()
	ABI=$("$HELPERS/abi")
	# An abstract unix socket outside, by default: the filter refuses
	# socket(AF_UNIX) below ABI 9 (decision 18), Landlock's scope from 9.
	ABSTRACT_REFUSED=EACCES
	[ "$ABI" -lt 9 ] || ABSTRACT_REFUSED=EPERM
}

security_teardown() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	teardown_tree
}

# outside USER CMD...: start CMD as USER outside any sandbox, in the
# background, and wait for its first line (READY ...), kept in READY_LINE.
# Its pid is OUTSIDE_PID; teardown kills it.
outside() {
	local user=$1 fifo=$T/ready.$RANDOM
	shift
	local cmd=("$@")
	if [ "$user" = nobody ]; then
		cmd=(setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups
			--inh-caps=-all -- "$@")
	fi
	mkfifo "$fifo"
	# A simple command, so that $! is the process itself.
	"${cmd[@]}" >"$fifo" 3>&- &
	OUTSIDE_PID=$!
	PIDS+=("$OUTSIDE_PID")
	read -r READY_LINE <"$fifo"
	rm -f "$fifo"
}

# split_policy VAR=VALUE...: the launcher's options for the policy
# variables in OPTS (a colon list becomes repeated options), every other
# assignment in ENVS, for env.
split_policy() {
	local var name value item items
	OPTS=()
	ENVS=()
	for var in "$@"; do
		name=${var%%=*}
		value=${var#*=}
		case $name in
		LANDSHIM_RO | LANDSHIM_ROX | LANDSHIM_RW | LANDSHIM_RWX)
			name=${name#LANDSHIM_}
			IFS=: read -ra items <<<"$value"
			for item in "${items[@]}"; do
				OPTS+=("--${name,,}" "$item")
			done
			;;
		LANDSHIM_BIND_TCP) OPTS+=(--bind-tcp "$value") ;;
		LANDSHIM_CONNECT_TCP) OPTS+=(--connect-tcp "$value") ;;
		LANDSHIM_BIND_UDP) OPTS+=(--bind-udp "$value") ;;
		LANDSHIM_CONNECT_UDP) OPTS+=(--connect-udp "$value") ;;
		LANDSHIM_UNRESTRICTED)
			IFS=, read -ra items <<<"$value"
			for item in "${items[@]}"; do
				OPTS+=("--unrestricted-$item")
			done
			;;
		*) ENVS+=("$var") ;;
		esac
	done
}

# sandbox_prefix MODE VAR=VALUE...: PREFIX, the words that run a command
# in the sandbox entered through the shim (MODE shim) or the launcher (MODE
# launcher; the policy variables become its options, others stay in the
# environment).
sandbox_prefix() {
	local mode=$1
	shift
	if [ "$mode" = shim ]; then
		PREFIX=(env LD_PRELOAD="$SHIM" "$@")
		return
	fi
	split_policy "$@"
	PREFIX=(env "${ENVS[@]}" "$LAUNCHER" "${OPTS[@]}" --)
}

# sandboxed MODE USER VAR=VALUE... -- CMD...: CMD in the sandbox, as USER.
sandboxed() {
	local mode=$1 user=$2
	shift 2
	local vars=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		vars+=("$1")
		shift
	done
	shift
	sandbox_prefix "$mode" "${vars[@]}"
	as_user "$user" "${PREFIX[@]}" "$@"
}

# attempt WANT MODE VAR=VALUE... -- CMD...: as root and as nobody, CMD run
# in the sandbox through MODE prints WANT (OK, EACCES, EPERM, ...).
attempt() {
	local want=$1 user
	shift
	for user in root nobody; do
		attempt_as "$user" "$want" "$@" || return 1
	done
}

# attempt_as USER WANT MODE VAR=VALUE... -- CMD...: attempt for one user.
attempt_as() {
	local user=$1 want=$2
	shift 2
	run sandboxed "$1" "$user" "${@:2}"
	if [ "$output" != "$want" ]; then
		echo "$1 as $user: ${*:2} -> status $status, output:" >&2
		echo "$output" >&2
		echo "expected: $want" >&2
		return 1
	fi
}
