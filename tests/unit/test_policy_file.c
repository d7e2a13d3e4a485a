// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Config files: the schema, variables, optional paths, @include, profiles,
 * precedence, and every error with its FILE:LINE.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "policy.h"
#include "policy_file.h"
#include "tap.h"

static struct policy p;
static char dir[64]; /* a fresh temporary directory, also $HOME */

static const char *path_of(const char *name)
{
	static char buf[4][256];
	static int next;
	char *out = buf[next++ % 4];

	snprintf(out, sizeof(buf[0]), "%s/%s", dir, name);
	return out;
}

/* Write @name (under dir) and return its path. */
static const char *write_file(const char *name, const char *text)
{
	const char *path = path_of(name);
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	return path;
}

static void make_dir(const char *name)
{
	if (mkdir(path_of(name), 0755) < 0) {
		perror(name);
		exit(1);
	}
}

static int load_text(const char *text)
{
	policy_free(&p);
	return policy_file_load(&p, write_file("t.conf", text), NULL);
}

static int load_profile(const char *name)
{
	policy_free(&p);
	return policy_file_load(&p, NULL, name);
}

/* The error of @text is "DIR/t.conf:LINE: MESSAGE". */
static void expect_error(const char *text, unsigned line, const char *message)
{
	char want[600];

	snprintf(want, sizeof(want), "%s:%u: %s", path_of("t.conf"), line,
		 message);
	is_int(load_text(text), -1, message);
	is_str(p.err, want, "  with its file and line");
}

/* The error of @text starts with "DIR/t.conf:LINE: " and has @part. */
static void expect_error_with(const char *text, unsigned line,
			      const char *part)
{
	char prefix[300];

	snprintf(prefix, sizeof(prefix), "%s:%u: ", path_of("t.conf"), line);
	is_int(load_text(text), -1, part);
	ok(strncmp(p.err, prefix, strlen(prefix)) == 0 &&
		   strstr(p.err, part) != NULL,
	   "  with its file and line");
	if (strncmp(p.err, prefix, strlen(prefix)) != 0)
		printf("#   got \"%s\"\n", p.err);
}

/* The first path of the policy, after loading @text. */
static const char *first_path(const char *text)
{
	if (load_text(text) < 0 || p.npaths < 1) {
		printf("# %s\n", p.err);
		return "(error)";
	}
	return p.paths[0].path;
}

static void test_schema(void)
{
	is_int(load_text("# a comment\n"
			 "ro = [\"/a\", \"/b\"];  // another\n"
			 "rox = \"/c\";\n"
			 "rw = [\"/d\"];\n"
			 "/* and a block\n comment */\n"
			 "rwx = (\"/e\");\n"
			 "unix = [\"/f\"];\n"
			 "bind_tcp = [80, 443];\n"
			 "connect_tcp = (53, \"8000-8002\");\n"
			 "unrestricted = [\"scope\", \"network\"];\n"
			 "log_flags = \"disable-subdomains\";\n"
			 "ignore_missing = true;\n"
			 "allow_unsandboxed = true;\n"),
	       0, "every list key");
	is_int(p.npaths, 6, "six paths");
	is_str(p.paths[0].path, "/a", "ro path");
	is_int(p.paths[0].set, LL_SET_RO, "ro set");
	is_int(p.paths[1].set, LL_SET_RO, "second ro path");
	is_int(p.paths[2].set, LL_SET_ROX, "rox as a single string");
	is_int(p.paths[3].set, LL_SET_RW, "rw set");
	is_int(p.paths[4].set, LL_SET_RWX, "rwx as a list");
	is_int(p.paths[5].set, LL_SET_UNIX, "unix set");
	is_str(p.paths[5].origin, path_of("t.conf:8"), "origin is FILE:LINE");
	ok(port_set_has(&p.bind, 80) && port_set_has(&p.bind, 443) &&
		   p.bind.count == 2 && !port_set_has(&p.connect, 80),
	   "bind ports");
	ok(port_set_has(&p.connect, 53) && port_set_has(&p.connect, 8002) &&
		   p.connect.count == 4,
	   "connect ports: a number and a range");
	is_int(p.unrestricted, UNRESTRICTED_SCOPE | UNRESTRICTED_NET,
	       "unrestricted classes");
	is_hex(p.restrict_flags, LL_RESTRICT_LOG_SUBDOMAINS_OFF, "log flags");
	ok(p.ignore_missing && p.allow_unsandboxed && !p.strict, "booleans");
	ok(p.has_policy, "a file is a policy");

	is_int(load_text("bind_udp = 5353;\nconnect_udp = (53, \"123\");\n"
			 "unrestricted = [\"unix\", \"capabilities\"];\n"),
	       0, "UDP keys, unix and capabilities");
	ok(port_set_has(&p.bind_udp, 5353) && p.bind_udp.count == 1 &&
		   !p.bind.count,
	   "bind_udp ports");
	ok(port_set_has(&p.connect_udp, 53) &&
		   port_set_has(&p.connect_udp, 123) && !p.connect.count,
	   "connect_udp ports");
	is_int(p.unrestricted, UNRESTRICTED_UNIX | UNRESTRICTED_CAPS,
	       "unrestricted unix and capabilities");

	is_int(load_text("strict = true;\n"), 0, "strict = true");
	ok(p.strict, "strict");
	is_int(load_text("best_effort = false;\n"), 0, "best_effort = false");
	ok(p.strict, "best effort off is strict");
	is_int(load_text("best_effort = true;\nstrict = false;\n"), 0,
	       "best_effort = true");
	ok(!p.strict, "best effort on is the default");

	is_int(load_text("log_level = \"debug\";\n"), 0, "log_level");
	is_int(log_threshold, LOG_DEBUG, "log level set");
	log_threshold = LOG_WARN;

	is_int(load_text("bind-tcp = 22;\nallow-unsandboxed = false;\n"), 0,
	       "dashes for underscores");
	ok(port_set_has(&p.bind, 22), "bind-tcp is bind_tcp");

	is_int(load_text(""), 0, "empty file");
	ok(p.npaths == 0, "empty file: no rule");
	is_int(load_text("ro = [];\nbind_tcp = ();\n"), 0, "empty lists");
	is_int(load_text("bind_tcp = 0x50;\n"), 0, "hexadecimal port");
	ok(port_set_has(&p.bind, 80), "0x50 is port 80");
	is_int(load_text("ro = [\"/a?\"];\n"), 0, "optional path");
	ok(p.paths[0].optional && strcmp(p.paths[0].path, "/a") == 0,
	   "trailing ? marks it optional");
}

/*
 * Each element of a list is placed on its own line, the last one too
 * (libconfig gives it the line of the token after it: the bracket's).
 */
static void test_lines(void)
{
	is_int(load_text("rox = [\n"
			 "\t\"/usr\",\n"
			 "\t\"/bin\"\n"
			 "];\n"
			 "ro = [\n"
			 "\t\"/etc\"  # a comment\n"
			 "\t// another\n"
			 "\n"
			 "\t/* a block */\n"
			 "];\n"
			 "rw = [\"/tmp\", \"/dev/null\"];\n"),
	       0, "multi-line lists");
	is_str(p.paths[0].origin, path_of("t.conf:2"), "first element");
	is_str(p.paths[1].origin, path_of("t.conf:3"),
	       "last element: its own line, not the bracket's");
	is_str(p.paths[2].origin, path_of("t.conf:6"),
	       "last element before comments and a blank line");
	is_str(p.paths[4].origin, path_of("t.conf:11"),
	       "last element on the bracket's line");
	expect_error("ro = [\n  \"/a\",\n  \"\"\n];\n", 3, "ro: empty path");
	expect_error("bind_tcp = (\n  80,\n  \"70000\"\n);\n", 3,
		     "bind_tcp: port 70000 out of range 0-65535");
}

static void test_errors(void)
{
	expect_error("ro = [\"/a\"];\nfoo = 1;\n", 2, "unknown key \"foo\"");
	expect_error("\n\n\nrox_ = [\"/a\"];\n", 4,
		     "unknown key \"rox_\": did you mean rox?");
	expect_error("strict = 1;\n", 1, "strict: expected true or false");
	expect_error("strict = \"yes\";\n", 1,
		     "strict: expected true or false");
	expect_error("ro = 5;\n", 1,
		     "ro: expected a path (a string) or a list of them");
	expect_error("ro = [\"/a\",\n  \"/b\"];\nrw = (\"/c\",\n\n 7);\n", 5,
		     "rw: expected a path (a string) or a list of them");
	expect_error("ro = { a = \"/a\"; };\n", 1,
		     "ro: expected a path (a string) or a list of them");
	expect_error("ro = ((\"/a\"));\n", 1,
		     "ro: expected a path (a string) or a list of them");
	expect_error("log_level = [\"info\"];\n", 1,
		     "log_level: expected a string");
	expect_error("log_level = \"loud\";\n", 1,
		     "log_level: unknown log level \"loud\" (expected error, "
		     "warn, info or debug)");
	expect_error("bind_tcp = 1.5;\n", 1,
		     "bind_tcp: expected a port (443) or a range "
		     "(\"8000-8100\") or a list of them");
	expect_error("bind_tcp = [80,\n 70000];\n", 2,
		     "bind_tcp: port 70000 out of range 0-65535");
	expect_error("connect_tcp = [\"http\"];\n", 1,
		     "connect_tcp: invalid port \"http\" (expected a port "
		     "0-65535 or a range LOW-HIGH)");
	expect_error("connect_tcp = -1;\n", 1,
		     "connect_tcp: invalid port \"-1\" (expected a port "
		     "0-65535 or a range LOW-HIGH)");
	expect_error("connect_tcp = \"443-80\";\n", 1,
		     "connect_tcp: empty port range 443-80");
	expect_error("unrestricted = [\"all\"];\n", 1,
		     "unrestricted: unknown class \"all\" (expected "
		     "filesystem, network, scope, unix or capabilities)");
	expect_error("log_flags = \"loud\";\n", 1,
		     "log_flags: unknown log flag \"loud\" (expected "
		     "disable-originating, enable-subprocesses or "
		     "disable-subdomains)");
	expect_error("ro = [\"\"];\n", 1, "ro: empty path");
	expect_error("ro = [\"/a\"];\nrw = = [\"/b\"];\n", 2, "syntax error");
	expect_error("ro = [\"/a\", ];\n", 1, "syntax error");
	expect_error("\nbind_tcp = [80, \"8000-8100\"];\n", 2,
		     "mismatched element type in array (a [...] array holds "
		     "one type: write (80, \"8000-8100\") or [\"80\", "
		     "\"8000-8100\"])");
	expect_error("ro = [\"/a\"];\nro = [\"/b\"];\n", 2,
		     "duplicate setting name");
	expect_error("rw = [\"relative/dir\"];\n", 1,
		     "rw: \"relative/dir\": not an absolute path (write "
		     "$PWD/relative/dir for the current directory)");
	expect_error("profiles = [5];\n", 1,
		     "profiles: expected a profile name (a string) or a list "
		     "of them");

	policy_free(&p);
	is_int(policy_file_load(&p, path_of("none.conf"), NULL), -1,
	       "missing file");
	is_str(p.err, path_of("none.conf: No such file or directory"),
	       "missing file named");
	policy_free(&p);
	is_int(policy_file_load(&p, dir, NULL), -1, "a directory");
	ok(strstr(p.err, ": not a regular file") != NULL,
	   "a directory is refused");
	if (mkfifo(path_of("fifo"), 0600) < 0)
		perror("mkfifo");
	policy_free(&p);
	is_int(policy_file_load(&p, path_of("fifo"), NULL), -1,
	       "a FIFO, without waiting for a writer");
	is_str(p.err, path_of("fifo: not a regular file"), "  refused");
}

/* 16 nested files load; the 17th level is refused where it is included. */
static void test_depth(void)
{
	char name[32], text[64], want[300];

	make_dir("deep");
	for (int i = 1; i <= 17; i++) {
		snprintf(name, sizeof(name), "deep/%d.conf", i);
		snprintf(text, sizeof(text), "@include \"%d.conf?\"\n", i + 1);
		write_file(name, text);
	}
	policy_free(&p);
	is_int(policy_file_load(&p, path_of("deep/2.conf"), NULL), 0,
	       "16 levels of @include");
	policy_free(&p);
	is_int(policy_file_load(&p, path_of("deep/1.conf"), NULL), -1,
	       "17 levels of @include");
	snprintf(want, sizeof(want),
		 "%s:1: %s/17.conf: includes nested more than 16 deep",
		 path_of("deep/16.conf"), path_of("deep"));
	is_str(p.err, want, "  refused at the 16th file's @include");
}

/* A missing path is found when the rule is built, with the file's line. */
static void test_missing_path(void)
{
	bool is_dir;
	char want[300];

	is_int(load_text("\nro = [\"/nonexistent-landshim\"];\n"), 0,
	       "missing path: loads");
	is_int(policy_open_path(&p, 0, &is_dir), -1, "missing path: refused");
	snprintf(want, sizeof(want),
		 "%s:2: /nonexistent-landshim: No such file or directory",
		 path_of("t.conf"));
	is_str(p.err, want, "missing path: FILE:LINE: path: error");
	is_int(load_text("ro = [\n\"/nonexistent-landshim?\"];\n"), 0,
	       "optional missing path: loads");
	is_int(policy_open_path(&p, 0, &is_dir), -2,
	       "optional missing path: skipped");
}

static void test_variables(void)
{
	char want[512], cwd[256];

	setenv("HOME", "/home/h", 1);
	is_str(first_path("ro = [\"$HOME/x\"];\n"), "/home/h/x", "$HOME");
	is_str(first_path("ro = [\"${HOME}x\"];\n"), "/home/hx", "${HOME}");
	is_str(first_path("ro = [\"~\"];\n"), "/home/h", "~");
	is_str(first_path("ro = [\"~/a\"];\n"), "/home/h/a", "~/");
	is_str(first_path("ro = [\"/a~\"];\n"), "/a~", "~ inside is literal");
	is_str(first_path("ro = [\"/a$$b\"];\n"), "/a$b", "$$ is a $");
	snprintf(want, sizeof(want), "/run/%u", (unsigned)getuid());
	is_str(first_path("ro = [\"/run/$UID\"];\n"), want, "$UID");
	ok(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	snprintf(want, sizeof(want), "%s/sub", cwd);
	is_str(first_path("rw = [\"$PWD/sub\"];\n"), want,
	       "$PWD is the current directory");
	unsetenv("TMPDIR");
	is_str(first_path("rw = [\"$TMPDIR\"];\n"), "/tmp", "$TMPDIR default");
	setenv("TMPDIR", "/var/t", 1);
	is_str(first_path("rw = [\"$TMPDIR\"];\n"), "/var/t", "$TMPDIR set");
	unsetenv("TMPDIR");
	unsetenv("XDG_CONFIG_HOME");
	is_str(first_path("ro = [\"$XDG_CONFIG_HOME\"];\n"), "/home/h/.config",
	       "$XDG_CONFIG_HOME default");
	is_str(first_path("ro = [\"$XDG_DATA_HOME\"];\n"),
	       "/home/h/.local/share", "$XDG_DATA_HOME default");
	is_str(first_path("ro = [\"$XDG_STATE_HOME\"];\n"),
	       "/home/h/.local/state", "$XDG_STATE_HOME default");
	is_str(first_path("ro = [\"$XDG_CACHE_HOME\"];\n"), "/home/h/.cache",
	       "$XDG_CACHE_HOME default");
	setenv("XDG_CACHE_HOME", "/c", 1);
	is_str(first_path("ro = [\"$XDG_CACHE_HOME/x\"];\n"), "/c/x",
	       "$XDG_CACHE_HOME set");
	setenv("XDG_CACHE_HOME", "relative", 1);
	is_str(first_path("ro = [\"$XDG_CACHE_HOME\"];\n"), "/home/h/.cache",
	       "a relative XDG directory is ignored (XDG spec)");
	unsetenv("XDG_CACHE_HOME");
	unsetenv("XDG_RUNTIME_DIR");
	snprintf(want, sizeof(want), "/run/user/%u", (unsigned)getuid());
	is_str(first_path("ro = [\"$XDG_RUNTIME_DIR\"];\n"), want,
	       "$XDG_RUNTIME_DIR default");
	setenv("XDG_RUNTIME_DIR", "/r", 1);
	is_str(first_path("ro = [\"$XDG_RUNTIME_DIR\"];\n"), "/r",
	       "$XDG_RUNTIME_DIR set");

	expect_error("\nro = [\"/a\",\n\"$NOPE/x\"];\n", 3,
		     "ro: undefined variable $NOPE (known: HOME, PWD, TMPDIR, "
		     "UID, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, "
		     "XDG_CACHE_HOME, XDG_RUNTIME_DIR)");
	expect_error("ro = [\"/a/$\"];\n", 1,
		     "ro: bad variable reference \"$\" (write $NAME or "
		     "${NAME}, and $$ for a '$')");
	expect_error("ro = [\"${HOME\"];\n", 1,
		     "ro: bad variable reference \"${HOME\" (write $NAME or "
		     "${NAME}, and $$ for a '$')");
	expect_error("ro = [\"~root/x\"];\n", 1,
		     "ro: \"~root/x\": ~user is not supported (only ~ for "
		     "$HOME)");
	unsetenv("HOME");
	expect_error("ro = [\"$HOME\"];\n", 1, "ro: undefined variable $HOME");
	expect_error("ro = [\"~/x\"];\n", 1, "ro: undefined variable $HOME");
	expect_error("ro = [\"$XDG_DATA_HOME\"];\n", 1,
		     "ro: undefined variable $XDG_DATA_HOME (neither it nor "
		     "HOME is set)");
	setenv("HOME", "", 1);
	expect_error("ro = [\"$HOME\"];\n", 1, "ro: undefined variable $HOME");
	setenv("HOME", dir, 1);
}

/* Loading @start fails at @closing:@line, naming @looped as the loop. */
static void expect_loop(const char *start, const char *closing, unsigned line,
			const char *looped)
{
	char want[600];

	snprintf(want, sizeof(want),
		 "%s:%u: %s: include loop (it is already being loaded)",
		 path_of(closing), line, looped);
	policy_free(&p);
	is_int(policy_file_load(&p, path_of(start), NULL), -1, start);
	is_str(p.err, want, "  loop named where it closes");
}

static void test_includes(void)
{
	char want[600];

	make_dir("inc");
	make_dir("inc/deeper");
	write_file("inc/a.conf", "@include \"deeper/b.conf\"\n"
				 "ro = [\"/from-a\"];\n"
				 "log_level = \"info\";\n");
	write_file("inc/deeper/b.conf", "ro = [\"/from-b\"];\n"
					"log_level = \"error\";\n"
					"allow_unsandboxed = true;\n");
	write_file("inc/c.conf", "ro = [\"/from-c\"];\n");
	write_file("inc/self.conf", "ro = [\"/x\"];\n@include \"self.conf\"\n");
	write_file("inc/l1.conf", "@include \"l2.conf\"\n");
	write_file("inc/l2.conf", "\n\n  @include \"l1.conf\"  # back\n");

	/* From another directory: names are relative to the including file. */
	if (chdir("/") < 0)
		perror("chdir");
	is_int(load_text("# includes\n"
			 "@include \"inc/a.conf\"\n"
			 "@include \"inc/c.conf\"\n"
			 "ro = [\"/own\"];\n"
			 "log_level = \"debug\";\n"),
	       0, "nested includes, relative to each including file");
	is_int(p.npaths, 4, "paths are a union");
	is_str(p.paths[0].path, "/from-b", "deepest include first");
	is_str(p.paths[0].origin, path_of("inc/deeper/b.conf:1"),
	       "included path's origin is its own file");
	is_str(p.paths[3].path, "/own", "own settings after the includes");
	is_int(log_threshold, LOG_DEBUG, "own log level wins over includes");
	ok(p.allow_unsandboxed, "included switch kept");
	log_threshold = LOG_WARN;

	is_int(load_text("@include \"inc/a.conf\"\n@include \"inc/a.conf\"\n"
			 "@include \"inc/deeper/b.conf\"\n"),
	       0, "the same file twice is not a loop");
	is_int(p.npaths, 2, "and it is loaded once");
	log_threshold = LOG_WARN;

	is_int(load_text("@include \"inc/none.conf?\"\nro = [\"/x\"];\n"), 0,
	       "optional include missing: skipped");
	is_int(p.npaths, 1, "the rest is loaded");
	setenv("HOME", path_of("inc"), 1);
	is_int(load_text("@include \"~/c.conf\"\n"), 0,
	       "variables in include names");
	is_str(p.paths[0].path, "/from-c", "~/c.conf included");
	setenv("HOME", dir, 1);

	expect_loop("inc/self.conf", "inc/self.conf", 2,
		    path_of("inc/self.conf"));
	expect_loop("inc/l1.conf", "inc/l2.conf", 3, path_of("inc/l1.conf"));

	snprintf(want, sizeof(want), "%s/inc/none.conf: No such file or "
				     "directory",
		 dir);
	expect_error("\n@include \"inc/none.conf\"\n", 2, want);
	expect_error_with("@include \"inc\"\n", 1, "/inc: not a regular file");
	expect_error("@include inc/c.conf\n", 1,
		     "@include: expected a quoted file name");
	expect_error("@include \"\"\n", 1,
		     "@include: expected a quoted file name");
	expect_error("@includes \"inc/c.conf\"\n", 1,
		     "@include: expected a quoted file name");
	expect_error("@include \"$NOPE.conf\"\n", 1,
		     "@include: undefined variable $NOPE (known: HOME, PWD, "
		     "TMPDIR, UID, XDG_CONFIG_HOME, XDG_DATA_HOME, "
		     "XDG_STATE_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR)");
	expect_error("ro = [\"/a\"]; @include \"inc/c.conf\"\n", 1,
		     "syntax error");

	/* Only what libconfig would read as a directive is one. */
	is_int(load_text("# @include \"inc/none.conf\"\n"
			 "/*\n@include \"inc/none.conf\"\n*/\n"
			 "ro = [\"/@include \\\"x\\\"\",\n"
			 "\"/x\n@include \\\"inc/none.conf\\\"\"];\n"),
	       0, "@include in comments and strings is not a directive");
	is_int(p.npaths, 2, "the strings are paths");
	if (chdir(dir) < 0)
		perror("chdir");
}

static void test_profiles(void)
{
	static const char *const shipped[] = {
		"base", "shell", "build", "network-client", "python",
	};
	static const char *const bad[] = { "../x", "a/b", "", ".hidden",
					   "a..b" };
	char want[600];

	unsetenv("XDG_CONFIG_HOME");
	is_int(load_profile("base"), 0, "shipped base profile (in-tree)");
	ok(p.npaths > 3, "base has rules");
	ok(strstr(p.paths[0].origin, "/conf/profiles/base.conf:") != NULL,
	   "base comes from the source tree");
	for (size_t i = 0; i < sizeof(shipped) / sizeof(*shipped); i++) {
		snprintf(want, sizeof(want), "shipped profile %s loads",
			 shipped[i]);
		is_int(load_profile(shipped[i]), 0, want);
		if (p.err[0])
			printf("# %s\n", p.err);
	}
	policy_free(&p);
	is_int(policy_file_load(&p,
				ABS_TOP_SRCDIR "/conf/landshim.conf.example",
				NULL),
	       0, "the shipped example loads");
	load_profile("network-client");
	ok(port_set_has(&p.connect, 443) && port_set_has(&p.connect, 53) &&
		   port_set_has(&p.connect, 80) && p.connect.count == 3 &&
		   p.bind.count == 0,
	   "network-client: connect 53, 80, 443 only");
	ok(port_set_has(&p.connect_udp, 53) && p.connect_udp.count == 1 &&
		   p.bind_udp.count == 0,
	   "network-client: UDP to 53 (DNS) only");
	for (size_t i = 0; i < p.npaths; i++)
		if (p.paths[i].set & LL_SET_UNIX)
			ok(0, "network-client: no unix rule (decision 18)");

	/* The user's directory comes first. */
	make_dir(".config");
	make_dir(".config/landshim");
	make_dir(".config/landshim/profiles");
	write_file(".config/landshim/profiles/base.conf",
		   "ro = [\"/mine\"];\n");
	write_file(".config/landshim/profiles/uses.conf",
		   "profiles = [\"base\", \"other\"];\nro = [\"/uses\"];\n");
	write_file(".config/landshim/profiles/other.conf",
		   "profiles = \"base\";\nro = [\"/other\"];\n");
	write_file(".config/landshim/profiles/loop1.conf",
		   "\nprofiles = [\"loop2\"];\n");
	write_file(".config/landshim/profiles/loop2.conf",
		   "profiles = [\"loop1\"];\n");
	is_int(load_profile("base"), 0, "user's base");
	is_str(p.paths[0].path, "/mine", "~/.config/landshim/profiles first");
	setenv("XDG_CONFIG_HOME", path_of("none"), 1);
	load_profile("base");
	ok(strcmp(p.paths[0].path, "/mine") != 0,
	   "$XDG_CONFIG_HOME replaces ~/.config");
	setenv("XDG_CONFIG_HOME", path_of(".config"), 1);

	is_int(load_profile("uses"), 0, "profiles using profiles");
	is_int(p.npaths, 3, "base loaded once");
	is_str(p.paths[0].path, "/mine", "base first");
	is_str(p.paths[1].path, "/other", "then other");
	is_str(p.paths[2].path, "/uses", "then the profile's own");

	expect_loop(".config/landshim/profiles/loop1.conf",
		    ".config/landshim/profiles/loop2.conf", 1,
		    path_of(".config/landshim/profiles/loop1.conf"));
	snprintf(want, sizeof(want), "%s", p.err);
	is_int(load_profile("loop1"), -1, "a loop of profiles, by name");
	is_str(p.err, want, "  the same error");

	snprintf(want, sizeof(want),
		 "profile \"nope\": not found (looked in %s, ",
		 path_of(".config/landshim/profiles"));
	expect_error_with("ro = [\"/a\"];\nprofiles = [\"base\",\n\"nope\"];\n",
			  3, want);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(want, sizeof(want), "bad profile name \"%s\"", bad[i]);
		is_int(load_profile(bad[i]), -1, want);
		ok(strstr(p.err, "invalid name") != NULL, "  refused as such");
	}
	snprintf(want, sizeof(want), "profiles = [\"../t\"];\n");
	expect_error(want, 1,
		     "profile \"../t\": invalid name (a plain name such as "
		     "\"shell\": no '/', no '..', no leading '.')");
	unsetenv("XDG_CONFIG_HOME");
}

/* File < environment; lists are unions. */
static void test_precedence(void)
{
	const char *file =
		write_file("prec.conf", "ro = [\"/file\"];\n"
					"bind_tcp = [80];\n"
					"allow_unsandboxed = true;\n"
					"log_level = \"debug\";\n");

	clearenv();
	setenv("LANDSHIM_CONFIG", file, 1);
	setenv("LANDSHIM_RO", "/env", 1);
	setenv("LANDSHIM_BIND_TCP", "81", 1);
	setenv("LANDSHIM_ALLOW_UNSANDBOXED", "0", 1);
	setenv("LANDSHIM_LOG_LEVEL", "error", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, policy_file_load), 0,
	       "file and environment");
	is_int(p.npaths, 2, "paths: a union");
	is_str(p.paths[0].path, "/file", "file first");
	is_str(p.paths[1].path, "/env", "then the environment");
	ok(port_set_has(&p.bind, 80) && port_set_has(&p.bind, 81),
	   "ports: a union");
	ok(!p.allow_unsandboxed, "the environment overrides the file");
	is_int(log_threshold, LOG_ERROR, "environment's log level wins");
	log_threshold = LOG_WARN;

	setenv("LANDSHIM_CONFIG", write_file("t.conf", "ro = \"/file\";\n"), 1);
	setenv("LANDSHIM_PROFILE", "base", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, policy_file_load), 0, "file and profile");
	is_str(p.paths[0].path, "/file", "the file first");
	ok(p.npaths > 3 && strcmp(p.paths[p.npaths - 1].path, "/env") == 0,
	   "then the profile, then the environment");

	setenv("LANDSHIM_CONFIG", path_of("none.conf"), 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, policy_file_load), -1, "missing config");
	is_str(p.err, path_of("none.conf: No such file or directory"),
	       "  named");
	clearenv();
	setenv("HOME", dir, 1);
}

int main(void)
{
	char cmd[100];

	strcpy(dir, "/tmp/landshim-unit.XXXXXX");
	if (!mkdtemp(dir) || chdir(dir) < 0) {
		perror(dir);
		return 1;
	}
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	policy_init(&p);
	test_schema();
	test_lines();
	test_errors();
	test_missing_path();
	test_depth();
	test_variables();
	test_includes();
	test_profiles();
	test_precedence();
	policy_free(&p);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done_testing();
}
