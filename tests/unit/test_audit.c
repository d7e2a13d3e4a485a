// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Audit records recorded on Linux 6.18 (tests/unit/fixtures), cut
 * and broken: the parser, the run's denials among a concurrent sandbox's,
 * the options, the secrets.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit_record.h"
#include "denial.h"
#include "landlock.h"
#include "log.h"
#include "secrets.h"
#include "tap.h"

#define FIXTURES ABS_TOP_SRCDIR "/tests/unit/fixtures/"

static struct audit_record rec;

/* The fixture's record lines (comments dropped), NULL-terminated. */
static char **read_fixture(const char *name)
{
	char path[512], line[16384];
	char **lines = NULL;
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), FIXTURES "%s", name);
	f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		lines = xrealloc(lines, (n + 2) * sizeof(*lines));
		lines[n++] = xstrdup(line);
	}
	fclose(f);
	lines[n] = NULL;
	return lines;
}

static void free_fixture(char **lines)
{
	for (char **l = lines; *l; l++)
		free(*l);
	free(lines);
}

/* The fixture line of @type that contains @needle. */
static const char *find_line(char **lines, const char *type,
			     const char *needle)
{
	for (; *lines; lines++)
		if (strncmp(*lines, type, strlen(type)) == 0 &&
		    strstr(*lines, needle))
			return *lines;
	printf("# no %s line with %s\n", type, needle);
	return "";
}

static int parse(const char *line)
{
	return audit_record_parse_line(line, strlen(line), &rec);
}

static void test_every_line_parses(char **lines, const char *name)
{
	size_t bad = 0;

	for (char **l = lines; *l; l++)
		if (parse(*l) < 0) {
			printf("# cannot parse: %s\n", *l);
			bad++;
		}
	is_int(bad, 0, name);
}

static void test_paths(char **k)
{
	is_int(parse(find_line(k, "1423", "path=\"/tmp/audit-cap/t/rw/f\"")),
	       0, "read_file record");
	is_hex(rec.blocked_fs, LL_FS_READ_FILE, "blocker fs.read_file");
	is_hex(rec.domain, 0x1a34c3a15, "domain in hex");
	is_int(rec.serial, 36, "event serial");
	is_int(rec.object, AUDIT_OBJ_PATH, "a path object");
	is_str(rec.path.s, "/tmp/audit-cap/t/rw/f", "quoted path");

	is_int(parse(find_line(k, "1423", "ino=10953329")), 0,
	       "hex path record");
	is_str(rec.path.s, "/tmp/audit-cap/t/dir with space/f",
	       "a path with spaces arrives hex-encoded and is decoded");

	is_int(parse(find_line(k, "1423", "fs.execute,fs.read_file")), 0,
	       "execute record");
	is_hex(rec.blocked_fs, LL_FS_EXECUTE | LL_FS_READ_FILE,
	       "two blockers");

	is_int(parse(find_line(k, "1423", "fs.refer")), 0, "refer record");
	is_hex(rec.blocked_fs,
	       LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_REMOVE_DIR |
		       LL_FS_REMOVE_FILE | LL_FS_MAKE_CHAR | LL_FS_MAKE_DIR |
		       LL_FS_MAKE_REG | LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO |
		       LL_FS_MAKE_BLOCK | LL_FS_MAKE_SYM | LL_FS_REFER |
		       LL_FS_TRUNCATE | LL_FS_IOCTL_DEV,
	       "fourteen blockers");
	is_str(rec.path.s, "/tmp/audit-cap/t/dir with space", "refer dir");
}

static void test_other_objects(char **k)
{
	is_int(parse(find_line(k, "1423", "net.bind_tcp")), 0, "bind record");
	is_hex(rec.blocked_net, LL_NET_BIND_TCP, "blocker net.bind_tcp");
	is_int(rec.object, AUDIT_OBJ_PORT, "a port object");
	is_int(rec.port, 34567, "bind port (src=)");
	is_str(rec.addr, "127.0.0.1", "bind address (saddr=)");

	is_int(parse(find_line(k, "1423", "net.connect_tcp")), 0,
	       "connect record");
	is_int(rec.port, 34568, "connect port (dest=)");

	is_int(parse(find_line(k, "1423", "scope.signal")), 0, "signal");
	is_hex(rec.blocked_scope, LL_SCOPE_SIGNAL, "blocker scope.signal");
	is_int(rec.object, AUDIT_OBJ_TASK, "a task object");
	is_int(rec.opid, 1, "target pid");
	is_str(rec.comm, "process_api", "target comm");

	is_int(parse(find_line(k, "1423", "scope.abstract")), 0,
	       "abstract socket record");
	is_int(rec.object, AUDIT_OBJ_ABSTRACT, "an abstract socket");
	is_str(rec.path.s, "abstractname2", "its name, leading NUL dropped");
}

static void test_processes(char **k)
{
	is_int(parse(find_line(k, "1424", "pid=15036")), 0, "domain record");
	ok(rec.allocated, "status=allocated");
	is_int(rec.pid, 15036, "creator pid");
	is_str(rec.exe.s, "/tmp/build-audit/tests/helpers/probe", "creator");
	is_str(rec.comm, "probe", "creator comm");

	is_int(parse(find_line(k, "1424", "deallocated")), 0, "deallocated");
	ok(!rec.allocated, "status=deallocated");
	is_int(rec.denials, 1, "denials=1");

	is_int(parse(find_line(k, "1300", "pid=15036")), 0, "syscall record");
	is_int(rec.pid, 15036, "syscall pid");
	is_int(rec.ppid, 15035, "syscall ppid");
	is_str(rec.exe.s, "/tmp/build-audit/tests/helpers/probe", "exe");
}

static void test_malformed(void)
{
	static const char *const bad[] = {
		"",
		"1423",
		"1423 ",
		"1423 audit(",
		"1423 audit(1.2:3)",
		"1423 audit(1.2:): domain=1 blockers=fs.read_file",
		"1423 audit(1.2:3):",
		"1423 audit(1.2:3): domain=1",
		"1423 audit(1.2:3): blockers=fs.read_file",
		"1423 audit(1.2:3): domain=1 blockers=",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file,",
		"1423 audit(1.2:3): domain=1 blockers=,fs.read_file",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file,,net.bind_tcp",
		"1423 audit(1.2:3): domain=xyz blockers=fs.read_file",
		"1423 audit(1.2:3): domain=11112222333344445 blockers=fs.read_file",
		"1423 audit(1.2:3): domain=0 blockers=fs.read_file",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file path=\"/etc",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file path=\"/etc\"",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file path=2F6",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file dev=\"x\"",
		"1423 audit(1.2:3): domain=1 blockers=net.bind_tcp src=65536",
		"1423 audit(1.2:3): domain=1 blockers=net.bind_tcp src=-1",
		"1423 audit(1.2:3): domain=1 blockers=net.bind_tcp src=\"80\"",
		"1423 audit(1.2:3): domain=1 blockers=scope.signal opid=99999999999",
		"1423 audit(1.2:3): domain=1 blockers=scope.signal ocomm=610062",
		"1423 audit(1.2:3): domain=1 =x blockers=fs.read_file",
		"1423 audit(1.2:3): domain=1 blockers=fs.read_file junk",
		"1423 audit(99999999999999999999.2:3): domain=1 blockers=ptrace",
		"1424 audit(1.2:3): domain=1",
		"1424 audit(1.2:3): domain=1 status=allocated",
		"1424 audit(1.2:3): domain=1 status=weird pid=1",
		"1424 audit(1.2:3): domain=1 status=allocated pid=0",
		"1424 audit(1.2:3): domain=1 status=allocated pid=1 exe=\"/bin",
		"1424 audit(1.2:3): domain=1 status=deallocated denials=x",
		"1300 audit(1.2:3): arch=c000003e syscall=2",
		"1300 audit(1.2:3): pid=12a",
		"1121 audit(1.2:3): pid=1 msg='unterminated",
		"99999999 audit(1.2:3): x=1",
		"x1423 audit(1.2:3): domain=1 blockers=ptrace",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char name[160];

		snprintf(name, sizeof(name), "malformed: %.120s", bad[i]);
		is_int(parse(bad[i]), -1, name);
	}
}

/* A hex path longer than PATH_MAX, and one exactly as long as it can be. */
static void test_long_values(void)
{
	size_t hexlen = 2 * (PATH_MAX + 1);
	char *line = xmalloc(hexlen + 256);
	int n = snprintf(line, 256,
			 "1423 audit(1.2:3): domain=1 blockers=fs.read_file "
			 "path=");

	for (size_t i = 0; i < hexlen; i += 2)
		memcpy(line + n + i, "41", 2);
	strcpy(line + n + hexlen, " dev=\"vda\" ino=1");
	is_int(parse(line), -1, "a path longer than PATH_MAX is rejected");
	strcpy(line + n + hexlen - 4, " dev=\"vda\" ino=1");
	is_int(parse(line), 0, "a path of PATH_MAX - 1 bytes is taken");
	is_int(rec.path.len, PATH_MAX - 1, "its length");
	free(line);
}

/*
 * Every cut of every recorded line: no crash, and no file denial is taken
 * with a shorter path (a cut blocker name is only an unknown right).
 */
static void test_truncated(char **lines, const char *name)
{
	size_t wrong = 0;
	static struct audit_record full;

	for (char **l = lines; *l; l++) {
		size_t len = strlen(*l);

		if (audit_record_parse_line(*l, len, &full) < 0)
			continue;
		for (size_t cut = 0; cut < len; cut++) {
			char *copy = xstrndup(*l, cut); /* no byte past it */

			if (audit_record_parse_line(copy, cut, &rec) == 0 &&
			    rec.blocked_fs &&
			    strcmp(rec.path.s, full.path.s) != 0) {
				printf("# accepted cut %zu of %s\n", cut, *l);
				wrong++;
			}
			free(copy);
		}
	}
	is_int(wrong, 0, name);
}

/* ---- The run's denials ---- */

/* The recorded run's command; 24900 stands for one of its children. */
static enum pid_owner owner_24823(pid_t pid, void *arg)
{
	(void)arg;
	return pid == 24823 ? PID_COMMAND : pid == 24900 ? PID_TREE : PID_OTHER;
}

static const struct denial *find_denial(const struct denial_collector *c,
					enum denial_class class,
					const char *object)
{
	for (size_t i = 0; i < c->ndenials; i++)
		if (c->denials[i].class == class &&
		    strcmp(c->denials[i].object, object) == 0)
			return &c->denials[i];
	return NULL;
}

static void feed_lines(struct denial_collector *c, char **lines)
{
	for (char **l = lines; *l; l++) {
		char *sp = strchr(*l, ' ');

		denial_collector_feed(c, atoi(*l), sp + 1, strlen(sp + 1));
	}
}

static void expect_fs(const struct denial_collector *c, const char *path,
		      uint64_t fs, const char *name)
{
	const struct denial *d = find_denial(c, DENIAL_FS, path);

	ok(d && d->fs == fs, name);
	ok(d && d->nprograms == 1 &&
		   strcmp(d->programs[0],
			  "/tmp/build-audit/tests/helpers/probe") == 0,
	   "the program is the probe (SYSCALL record), not the shell");
}

static void test_collector(void)
{
	char **lines = read_fixture("run-concurrent.audit");
	struct denial_collector c;
	const struct denial *d;

	denial_collector_init(&c, owner_24823, NULL);
	snprintf(c.marker, sizeof(c.marker), "landshim-drain 12345");
	feed_lines(&c, lines);
	is_int(c.ndomains, 1, "one domain is the run's");
	is_hex(c.domains[0].id, 0x1a34dc85c, "the shell's domain");
	ok(!c.domains[0].nested, "the command's own domain");
	is_int(c.ndenials, 5, "five distinct denials");
	expect_fs(&c, "/tmp/audit-cap/w/data/input", LL_FS_READ_FILE,
		  "read of the input");
	expect_fs(&c, "/tmp/audit-cap/w/out", LL_FS_MAKE_REG,
		  "create in the output dir");
	expect_fs(&c, "/tmp/audit-cap/w/data/helper",
		  LL_FS_EXECUTE | LL_FS_READ_FILE, "exec of the helper");
	expect_fs(&c, "/etc/shadow", LL_FS_READ_FILE,
		  "after execve (enable-subprocesses)");
	d = find_denial(&c, DENIAL_CONNECT, "");
	ok(d && d->port == 34999, "connect to 34999");
	ok(!find_denial(&c, DENIAL_FS, "/etc/locale.alias"),
	   "the concurrent sandbox's denials are not the run's");
	d = find_denial(&c, DENIAL_FS, "/tmp/audit-cap/w/data/input");
	is_int(d ? d->count : 0, 1,
	       "the concurrent sandbox's reads of the same file do not count");
	ok(c.marker_seen, "the end marker is seen");
	is_int(c.malformed, 0, "no malformed record");
	denial_collector_free(&c);

	/* Without its creator's record no domain is the run's. */
	denial_collector_init(&c, owner_24823, NULL);
	for (char **l = lines; *l; l++)
		if (!strstr(*l, "pid=24823 uid=0 exe"))
			feed_lines(&c, (char *[]){ *l, NULL });
	is_int(c.ndenials, 0, "no domain, no denial: never by time");
	denial_collector_free(&c);
	free_fixture(lines);
}

/* Records of a domain are held until its creator is known. */
static void test_held_then_adopted(void)
{
	struct denial_collector c;
	static const char *const stream[] = {
		"1423 audit(1.0:7): domain=aa blockers=fs.read_file "
		"path=\"/x\" dev=\"v\" ino=1",
		"1423 audit(1.0:8): domain=bb blockers=fs.read_file "
		"path=\"/y\" dev=\"v\" ino=2",
		"1424 audit(1.0:8): domain=bb status=allocated mode=enforcing "
		"pid=24823 uid=0 exe=\"/bin/sh\" comm=\"sh\"",
		"1424 audit(1.0:9): domain=aa status=allocated mode=enforcing "
		"pid=77 uid=0 exe=\"/bin/evil\" comm=\"evil\"",
		"1423 audit(1.0:10): domain=aa blockers=fs.read_file "
		"path=\"/z\" dev=\"v\" ino=3",
		NULL,
	};

	denial_collector_init(&c, owner_24823, NULL);
	feed_lines(&c, (char **)stream);
	is_int(c.ndenials, 1, "only the run's domain's denial");
	ok(c.ndenials == 1 && strcmp(c.denials[0].object, "/y") == 0, "/y");
	ok(c.ndenials == 1 && c.denials[0].program_guessed &&
		   strcmp(c.denials[0].programs[0], "/bin/sh") == 0,
	   "no SYSCALL record: the domain's creator stands in");
	denial_collector_free(&c);
}

/*
 * A sandbox nested in the run's: its creator is judged by its own pid, or
 * once gone by its event's SYSCALL record (the process or its parent).
 */
static void test_nested(void)
{
	struct denial_collector c;
	struct rule r;
	static const char *const stream[] = {
		/* Created by a child of the run: nested. */
		"1423 audit(1.0:30): domain=ee blockers=fs.read_file "
		"path=\"/e\" dev=\"v\" ino=5",
		"1424 audit(1.0:30): domain=ee status=allocated mode=enforcing "
		"pid=24900 uid=0 exe=\"/bin/inner\" comm=\"inner\"",
		/* Creator gone; its parent is the command: nested too. */
		"1423 audit(1.0:31): domain=cc blockers=fs.read_file "
		"path=\"/n\" dev=\"v\" ino=4",
		"1424 audit(1.0:31): domain=cc status=allocated mode=enforcing "
		"pid=999 uid=0 exe=\"/bin/gone\" comm=\"gone\"",
		"1300 audit(1.0:31): arch=c000003e syscall=257 success=no "
		"ppid=24823 pid=999 comm=\"gone\" exe=\"/bin/gone\"",
		/* Creator gone, parent unrelated: not the run's. */
		"1423 audit(1.0:32): domain=dd blockers=fs.read_file "
		"path=\"/m\" dev=\"v\" ino=6",
		"1424 audit(1.0:32): domain=dd status=allocated mode=enforcing "
		"pid=998 uid=0 exe=\"/bin/other\" comm=\"other\"",
		"1300 audit(1.0:32): arch=c000003e syscall=257 success=no "
		"ppid=77 pid=998 comm=\"other\" exe=\"/bin/other\"",
		NULL,
	};

	denial_collector_init(&c, owner_24823, NULL);
	feed_lines(&c, (char **)stream);
	is_int(c.ndenials, 2, "two nested domains are the run's");
	ok(find_denial(&c, DENIAL_FS, "/e") && find_denial(&c, DENIAL_FS, "/n"),
	   "by the creator's pid, or by its SYSCALL record's parent");
	ok(!find_denial(&c, DENIAL_FS, "/m"), "an unrelated one is not");
	ok(c.ndenials == 2 && c.denials[0].nested && c.denials[1].nested,
	   "both marked nested");
	memset(&r, 0, sizeof(r));
	if (c.ndenials)
		denial_rule(&c.denials[0], &r);
	ok(r.kind == RULE_NONE && r.why_not,
	   "no option of ours allows what an inner sandbox denies");
	denial_collector_free(&c);
}

/* ---- Options ---- */

static void rule_of(uint64_t fs, enum denial_class class, struct rule *r)
{
	struct denial d = { .class = class, .fs = fs, .object = "/p",
			    .object_len = 2, .port = 443 };

	denial_rule(&d, r);
}

static void test_rules(void)
{
	struct rule r;

	rule_of(LL_FS_READ_FILE, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RO, "read -> --ro");
	rule_of(LL_FS_READ_DIR, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RO, "list -> --ro");
	rule_of(LL_FS_EXECUTE | LL_FS_READ_FILE, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_ROX, "execute -> --rox");
	rule_of(LL_FS_WRITE_FILE, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RW, "write -> --rw");
	rule_of(LL_FS_MAKE_REG, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RW, "create -> --rw");
	rule_of(LL_FS_REMOVE_FILE, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RW, "remove -> --rw");
	rule_of(LL_FS_TRUNCATE, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RW, "truncate -> --rw");
	rule_of(LL_FS_REFER | LL_FS_EXECUTE, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_RWX, "refer+x -> --rwx");
	rule_of(LL_FS_RESOLVE_UNIX, DENIAL_FS, &r);
	ok(r.kind == RULE_PATH && r.set == LL_SET_UNIX, "unix -> --unix");
	is_str(r.path, "/p", "the rule is on the denied path");
	rule_of(0, DENIAL_CONNECT, &r);
	ok(r.kind == RULE_CONNECT && r.port == 443, "--connect-tcp 443");
	rule_of(0, DENIAL_BIND, &r);
	ok(r.kind == RULE_BIND && r.port == 443, "--bind-tcp 443");
	rule_of(0, DENIAL_SIGNAL, &r);
	ok(r.kind == RULE_FLAG && !strcmp(r.flag, "--unrestricted-scope"),
	   "signal -> --unrestricted-scope");
	rule_of(0, DENIAL_ABSTRACT, &r);
	ok(r.kind == RULE_FLAG && !strcmp(r.flag, "--unrestricted-scope"),
	   "abstract -> --unrestricted-scope");
	rule_of(0, DENIAL_OTHER, &r);
	ok(r.kind == RULE_NONE && r.why_not, "ptrace, mount: no option");
	is_str(rule_set_name(LL_SET_RWX), "rwx", "set names");
}

static void test_words(void)
{
	struct denial d = { .class = DENIAL_FS,
			    .fs = LL_FS_MAKE_REG | LL_FS_MAKE_CHAR |
				  LL_FS_MAKE_BLOCK };
	char buf[256];

	denial_rights(&d, buf, sizeof(buf));
	is_str(buf, "create device, create file", "create words, once each");
	ok(denial_in_dir(&d), "created in a directory");
	d.fs = LL_FS_READ_FILE | LL_FS_EXECUTE;
	denial_rights(&d, buf, sizeof(buf));
	is_str(buf, "execute, read", "execute and read");
	ok(!denial_in_dir(&d), "a file's own rights");
	d.class = DENIAL_CONNECT;
	denial_rights(&d, buf, sizeof(buf));
	is_str(buf, "connect", "connect");
	is_str(denial_escape("a\x1b[31m\\b\n", 9, buf, sizeof(buf)),
	       "a\\x1b[31m\\\\b\\x0a", "control bytes escaped for a terminal");
	is_str(denial_escape("\xff\xfe", 2, buf, 8), "\\xff", "cut to fit");
}

static void test_secrets(void)
{
	setenv("HOME", "/tmp/home-of-test", 1);
	is_str(secret_exposed_by("/etc/shadow", false, false), "/etc/shadow",
	       "/etc/shadow");
	ok(!secret_exposed_by("/etc/shadow.d", false, false),
	   "not a prefix match");
	ok(!secret_exposed_by("/etc/passwd", false, false),
	   "/etc/passwd is not");
	is_str(secret_exposed_by("/etc", true, false), "/etc/shadow",
	       "a directory rule on /etc exposes /etc/shadow");
	ok(!secret_exposed_by("/etc/hostname", false, false), "/etc/hostname");
	is_str(secret_exposed_by("/home/u/.ssh/id_ed25519", false, false),
	       "~/.ssh", "a key in any home's ~/.ssh");
	ok(!secret_exposed_by("/root/x", false, true),
	   "root's home is a home like any other: /root/x is not a secret");
	is_str(secret_exposed_by("/root/.ssh/id_rsa", false, false), "~/.ssh",
	       "but /root/.ssh is");
	is_str(secret_exposed_by("/root", true, false), "~/.ssh",
	       "and a directory rule on /root exposes it");
	is_str(secret_exposed_by("/etc/ssh/ssh_host_rsa_key", false, false),
	       "/etc/ssh/ssh_host_rsa_key", "host keys");
	ok(!secret_exposed_by("/etc/ssh/ssh_host_rsa_key.pub", false, false),
	   "not their public halves");
	ok(!secret_exposed_by("/etc/ssh/ssh_config", false, false),
	   "ssh_config");
	ok(secret_exposed_by("/tmp/home-of-test", true, false) != NULL,
	   "a directory rule on $HOME");
	ok(secret_exposed_by("/tmp", true, false) != NULL, "or above it");
	is_str(secret_exposed_by("/tmp/home-of-test/.config", true, false),
	       "~/.config/gcloud", "or on a directory holding one");
	ok(!secret_exposed_by("/tmp/home-of-test/.bashrc", false, false),
	   "reading ~/.bashrc exposes nothing");
	is_str(secret_exposed_by("/tmp/home-of-test/.bashrc", false, true),
	       "~/.bashrc", "writing it does");
	ok(!secret_exposed_by("/tmp/home-of-test/src", true, true),
	   "nor a directory beneath it");
	ok(secret_exposed_by("/", true, false) != NULL, "/ as a directory");
	ok(!secret_exposed_by("/usr", true, true), "/usr");
}

int main(void)
{
	char **kinds = read_fixture("kinds.audit");
	char **run = read_fixture("run-concurrent.audit");

	test_every_line_parses(kinds, "every recorded record parses (kinds)");
	test_every_line_parses(run, "every recorded record parses (run)");
	test_paths(kinds);
	test_other_objects(kinds);
	test_processes(kinds);
	test_malformed();
	test_long_values();
	test_truncated(kinds, "cut records: no crash, no shorter path (kinds)");
	test_truncated(run, "cut records: no crash, no shorter path (run)");
	test_collector();
	test_held_then_adopted();
	test_nested();
	test_rules();
	test_words();
	test_secrets();
	free_fixture(kinds);
	free_fixture(run);
	return done_testing();
}
