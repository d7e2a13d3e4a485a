# conf/profiles/secrets.conf -> the C initializers of src/why/secrets.c, so
# that the profile is the one list of secrets (--learn and --why read it
# compiled in).  One quoted path per line inside "deny = [ ... ];" and
# "read_only = [ ... ];"; anything else in a list is an error, so that the
# two cannot drift apart.
BEGIN {
	kind = ""
	print "/* Generated from conf/profiles/secrets.conf by conf/secrets-list.awk. */"
}
/^[ \t]*#/ || /^[ \t]*$/ { next }
/^(deny|read_only) = \[$/ {
	kind = $1 == "deny" ? "SECRET_DENY" : "SECRET_READ_ONLY"
	next
}
/^\];$/ && kind != "" { kind = ""; next }
kind != "" && /^[ \t]*"[~\/][^"]*\?",?[ \t]*(#.*)?$/ {
	match($0, /"[^"]*"/)
	path = substr($0, RSTART + 1, RLENGTH - 3)
	printf "\t{ %s, \"%s\" },\n", kind, path
	n++
	next
}
{
	printf "%s:%d: not one optional path per line: %s\n", FILENAME, FNR, $0 > "/dev/stderr"
	failed = 1
	exit 1
}
END {
	if (!failed && n == 0) {
		print FILENAME ": no secrets found" > "/dev/stderr"
		exit 1
	}
}
