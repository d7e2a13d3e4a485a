// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --why and --learn beyond the Landlock records: the seccomp filter's
 * refusals (AUDIT_SECCOMP records recorded on Linux 6.18, and calls as the
 * tracer sees them), the rule suggested for a denial, paths resolved as
 * the kernel resolves them.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "audit_record.h"
#include "denial.h"
#include "filter_explain.h"
#include "filter_witness.h"
#include "landlock.h"
#include "log.h"
#include "policy.h"
#include "suggest.h"
#include "tap.h"
#include "view.h"

#define FIXTURES ABS_TOP_SRCDIR "/tests/unit/fixtures/"

static char fixture[8][1024];

static size_t read_fixture(const char *name)
{
	char path[512];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), FIXTURES "%s", name);
	f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	while (n < 8 && fgets(fixture[n], sizeof(fixture[n]), f)) {
		fixture[n][strcspn(fixture[n], "\n")] = '\0';
		if (fixture[n][0] != '#')
			n++;
	}
	fclose(f);
	return n;
}

/* ---- AUDIT_SECCOMP ---- */

static void test_seccomp_records(size_t n)
{
	struct audit_record r;
	static const long calls[] = { 41, 425, 16, 268, 44 };

	is_int(n, 5, "five recorded AUDIT_SECCOMP records");
	for (size_t i = 0; i < n; i++) {
		char name[64];

		snprintf(name, sizeof(name), "record %zu parses", i);
		is_int(audit_record_parse_line(fixture[i], strlen(fixture[i]),
					       &r),
		       0, name);
		is_int(r.type, AUDIT_REC_SECCOMP, "type 1326");
		is_int(r.syscall, calls[i], "syscall=");
		is_hex(r.arch, 0xc000003e, "arch=c000003e (x86_64)");
		is_hex(r.code, 0x50000, "code= is the action, SECCOMP_RET_ERRNO");
		is_int(r.pid, 30858, "pid=");
		is_str(r.exe.s, "/tmp/why-scratch/seclog", "exe=");
	}
	/* Cut before the system call: refused. */
	ok(audit_record_parse_line(fixture[0], strstr(fixture[0], "syscall") -
						       fixture[0],
				   &r) < 0,
	   "a record cut before syscall= is refused");
}

static enum pid_owner owner_30858(pid_t pid, void *arg)
{
	(void)arg;
	return pid == 30858 ? PID_COMMAND : PID_OTHER;
}

static enum pid_owner nobody_s(pid_t pid, void *arg)
{
	(void)pid;
	(void)arg;
	return PID_OTHER;
}

/* The filter a run of a policy gets at Landlock ABI @abi, from its plan:
 * @udp a --connect-udp spec or NULL, @unrestricted a list or NULL. */
static unsigned run_filter(int abi, const char *udp, const char *unrestricted)
{
	static struct policy p;
	struct policy_plan plan;

	policy_init(&p);
	if ((udp && policy_add_ports(&p, LL_NET_CONNECT_SEND_UDP, udp) < 0) ||
	    (unrestricted && policy_set_unrestricted(&p, unrestricted) < 0))
		printf("# %s\n", p.err);
	policy_plan(&p, abi, &plan);
	policy_free(&p);
	return plan.filter;
}

/* The filter's refusal with the words @object. */
static const struct denial *find_filter(const struct denial_collector *c,
					const char *object)
{
	for (size_t i = 0; i < c->ndenials; i++)
		if (c->denials[i].class == DENIAL_FILTER &&
		    !strcmp(c->denials[i].object, object))
			return &c->denials[i];
	return NULL;
}

/* The option --why prints for @d. */
static const char *option_of(const struct denial *d, struct rule *r)
{
	static char option[256];

	denial_rule(d, r);
	rule_option(r, option, sizeof(option));
	return option;
}

static void feed(struct denial_collector *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *sp = strchr(fixture[i], ' ');

		denial_collector_feed(c, atoi(fixture[i]), sp + 1,
				      strlen(sp + 1));
	}
}

static void test_seccomp_denials(size_t n)
{
	struct denial_collector c;
	const struct denial *d;
	const char *option;
	struct rule r;
	char rights[64];

	denial_collector_init(&c, owner_30858, NULL);
	c.filter_classes = run_filter(7, NULL, NULL);
	feed(&c, n);
	is_int(c.ndenials, 5, "five refusals of the run's process");
	d = find_filter(&c, "socket (kind unseen)");
	ok(d, "socket(): a socket of a kind the record does not tell");
	ok(d && !strcmp(d->programs[0], "/tmp/why-scratch/seclog"),
	   "the program, from exe=");
	option = option_of(d, &r);
	is_str(option,
	       "--connect-udp PORTS (UDP), --unrestricted-unix (unix) or "
	       "--unrestricted-network (others)",
	       "socket(): every candidate's option, ports to choose first");
	ok(r.kind == RULE_HINT, "  a hint");
	denial_rights(d, rights, sizeof(rights));
	is_str(rights, "create socket", "  the right");
	d = find_filter(&c, "io_uring (bypasses the filter)");
	ok(d && option_of(d, &r) && r.kind == RULE_NONE,
	   "io_uring_setup: no option (the table: always refused; "
	   "--unrestricted-network never lifted it)");
	d = find_filter(&c, "TIOCSTI or TIOCLINUX on a terminal");
	ok(d && option_of(d, &r) && r.kind == RULE_NONE,
	   "ioctl: TIOCSTI, no option");
	d = find_filter(&c, "setuid or setgid bit");
	ok(d && option_of(d, &r) && r.kind == RULE_NONE,
	   "fchmodat: setuid, no option");
	d = find_filter(&c, "TCP Fast Open (MSG_FASTOPEN)");
	ok(d && !strcmp(option_of(d, &r), "--unrestricted-network") &&
		   r.kind == RULE_FLAG,
	   "sendto: TCP Fast Open, --unrestricted-network");
	denial_collector_free(&c);

	/* UDP rules and --unrestricted-unix: what is left to choose from. */
	denial_collector_init(&c, owner_30858, NULL);
	c.filter_classes = run_filter(7, "53", "unix");
	feed(&c, n);
	d = find_filter(&c, "socket (kind unseen)");
	ok(d && !strcmp(option_of(d, &r), "--unrestricted-network") &&
		   r.kind == RULE_FLAG,
	   "socket() with UDP rules, unix unrestricted: another family, "
	   "MPTCP or raw, all lifted by --unrestricted-network");
	denial_collector_free(&c);

	denial_collector_init(&c, nobody_s, NULL);
	feed(&c, n);
	is_int(c.ndenials, 0, "another process's refusals are not the run's");
	denial_collector_free(&c);
}

/* Every process's /proc/PID/... is one denial. */
static void take_path(struct denial_collector *c, const char *path)
{
	struct denial d = { .class = DENIAL_FS, .fs = LL_FS_READ_FILE,
			    .count = 1 };

	denial_set_object(&d, path, strlen(path));
	denial_collector_take(c, &d, "/usr/bin/ls");
}

static void test_pids_folded(void)
{
	struct denial_collector c;

	denial_collector_init(&c, nobody_s, NULL);
	take_path(&c, "/proc/123/maps");
	take_path(&c, "/proc/456/maps");
	take_path(&c, "/proc/123/task/124/stat");
	take_path(&c, "/proc/12ab/x");
	take_path(&c, "/proc/cpuinfo");
	take_path(&c, "/proc/123");
	is_int(c.ndenials, 5, "two processes' maps: one denial");
	is_str(c.denials[0].object, "/proc/PID/maps", "/proc/PID/maps");
	is_int(c.denials[0].count, 2, "seen twice");
	is_str(c.denials[1].object, "/proc/PID/task/PID/stat",
	       "a thread's entries too");
	is_str(c.denials[2].object, "/proc/12ab/x", "not a pid: kept");
	is_str(c.denials[3].object, "/proc/cpuinfo", "not a process's: kept");
	is_str(c.denials[4].object, "/proc/PID", "the directory itself");
	denial_collector_free(&c);
}

/* ---- Calls as the tracer sees them ---- */

#define ABI7 (FILTER_ALWAYS | FILTER_NET | FILTER_UNIX)

static void refused(struct filter_refusal *f, uint32_t arch, long nr,
		    int err, const uint64_t *args, unsigned classes)
{
	struct filter_call c = { .arch = arch, .nr = nr, .err = err,
				 .has_args = args != NULL };

	if (args)
		memcpy(c.args, args, sizeof(c.args));
	filter_refusal_of(&c, classes, f);
}

/* The object and the option --why prints for a call the tracer saw. */
static void seen(uint32_t arch, long nr, int err, uint64_t a0, uint64_t a1,
		 uint64_t a2, uint64_t a3, const char *object,
		 const char *option, const char *name)
{
	const uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };
	struct filter_refusal f;
	const char *text, *flag;

	refused(&f, arch, nr, err, args, ABI7);
	flag = filter_refusal_option(&f, &text);
	if (!ok(!strcmp(filter_refusal_object(&f), object) &&
			!strcmp(flag ? flag : text, option),
		name))
		printf("#   %s: %s\n", filter_refusal_object(&f),
		       flag ? flag : text);
}

#define NATIVE FILTER_ARCH_NATIVE
#define NO_SETID "no option: a sandbox may never make a file setuid or setgid"

static void test_filter_refusals(void)
{
	const uint64_t udp_args[6] = { AF_INET, SOCK_DGRAM, 0, 0, 0, 0 };
	struct filter_refusal f;
	const char *text, *option;

	seen(NATIVE, SYS_socket, EACCES, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0,
	     0, "UDP socket",
	     "--connect-udp PORTS (to send), --bind-udp PORTS (to receive): "
	     "the ports are yours to choose",
	     "socket(AF_INET, SOCK_DGRAM): UDP, ports to choose");
	seen(NATIVE, SYS_socket, EACCES, AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6,
	     0, "raw or ICMP socket", "--unrestricted-network",
	     "an ICMPv6 datagram socket is not UDP");
	seen(NATIVE, SYS_socket, EACCES, AF_INET, SOCK_RAW, 1, 0,
	     "raw or ICMP socket", "--unrestricted-network", "SOCK_RAW");
	seen(NATIVE, SYS_socket, EACCES, AF_UNIX, SOCK_STREAM, 0, 0,
	     "unix socket", "--unrestricted-unix", "AF_UNIX below ABI 9");
	seen(NATIVE, SYS_socket, EAFNOSUPPORT, AF_PACKET, SOCK_RAW, 0, 0,
	     "socket of another family (packet, vsock...)",
	     "--unrestricted-network", "AF_PACKET: another family");
	seen(NATIVE, SYS_socket, EPROTONOSUPPORT, AF_INET, SOCK_STREAM, 262, 0,
	     "MPTCP or SCTP socket", "--unrestricted-network",
	     "IPPROTO_MPTCP");
	seen(NATIVE, SYS_socket, EPROTONOSUPPORT, AF_INET6, SOCK_SEQPACKET,
	     IPPROTO_SCTP, 0, "MPTCP or SCTP socket", "--unrestricted-network",
	     "IPPROTO_SCTP");
	seen(NATIVE, SYS_socketpair, EAFNOSUPPORT, AF_INET, SOCK_STREAM, 0, 0,
	     "socket pair of a family but unix", "--unrestricted-network",
	     "socketpair(AF_INET): the table says it (was unknown)");
	seen(NATIVE, SYS_sendto, EOPNOTSUPP, 3, 0, 1, MSG_FASTOPEN,
	     "TCP Fast Open (MSG_FASTOPEN)", "--unrestricted-network",
	     "sendto(MSG_FASTOPEN)");
	seen(NATIVE, SYS_sendto, EOPNOTSUPP, 3, 0, 1, 0,
	     "refused by the filter",
	     "no option known: a refusal this landshim cannot name",
	     "sendto without MSG_FASTOPEN: not the filter's");
	seen(NATIVE, SYS_ioctl, EPERM, 0, 0x5412, 0, 0,
	     "TIOCSTI or TIOCLINUX on a terminal",
	     "no option: a sandbox may never type into a terminal",
	     "ioctl(TIOCSTI)");
	seen(NATIVE, SYS_ioctl, EPERM, 0, 0x5401, 0, 0,
	     "refused by the filter",
	     "no option known: a refusal this landshim cannot name",
	     "ioctl(TCGETS): not the filter's");
	seen(NATIVE, SYS_fchmodat, EPERM, AT_FDCWD, 0, 04755, 0,
	     "setuid or setgid bit", NO_SETID, "fchmodat(04755)");
	seen(NATIVE, SYS_fchmod, EPERM, 3, 02755, 0, 0, "setuid or setgid bit",
	     NO_SETID, "fchmod(02755)");
	seen(NATIVE, SYS_fchmodat, EPERM, AT_FDCWD, 0, 0755, 0,
	     "refused by the filter",
	     "no option known: a refusal this landshim cannot name",
	     "fchmodat(0755): not the filter's");
	seen(NATIVE, SYS_openat, EPERM, AT_FDCWD, 0, O_CREAT, 04755,
	     "setuid or setgid bit", NO_SETID,
	     "openat(O_CREAT, 04755): the table says it (was unknown)");
	seen(NATIVE, 425, ENOSYS, 1, 0, 0, 0, "io_uring (bypasses the filter)",
	     "no option: io_uring's operations would pass by the filter",
	     "io_uring_setup: always refused, no option");
#if defined(FILTER_ARCH_COMPAT)
	seen(FILTER_ARCH_COMPAT, 15, EPERM, 0, 04755, 0, 0,
	     "setuid or setgid bit", NO_SETID,
	     "an i386 chmod: the same rules (was \"32-bit system call\")");
	seen(FILTER_ARCH_COMPAT, 102, ENOSYS, 1, 0, 0, 0,
	     "i386 socketcall (arguments unseen)",
	     "--unrestricted-unix --unrestricted-network",
	     "i386 socketcall: both options, together");
	seen(NATIVE, 0x40000000 | SYS_getpid, ENOSYS, 0, 0, 0, 0,
	     "x32 system call",
	     "no option: the filter refuses system calls it cannot inspect",
	     "an x32 system call");
#endif

	/* An audit record: no errno, no arguments. */
	refused(&f, NATIVE, SYS_socket, 0, NULL, ABI7);
	is_int(f.n, 5, "socket(), unseen, ABI 7: five rules may have");
	refused(&f, NATIVE, SYS_socket, 0, NULL,
		FILTER_ALWAYS | FILTER_NET);
	option = filter_refusal_option(&f, &text);
	ok(!option && filter_refusal_is_choice(&f) &&
		   !strcmp(text, "--connect-udp PORTS (UDP) or "
				 "--unrestricted-network (others)"),
	   "unix sockets Landlock's (ABI 9): not a candidate");
	refused(&f, NATIVE, SYS_socket, 0, NULL, ABI7 | FILTER_UDP);
	option = filter_refusal_option(&f, &text);
	ok(!option && !strcmp(text, "--unrestricted-unix (unix) or "
				    "--unrestricted-network (others)"),
	   "with UDP rules: UDP is not suggested again");
	refused(&f, NATIVE, SYS_socket, 0, NULL,
		FILTER_ALWAYS | FILTER_NET | FILTER_UDP);
	option = filter_refusal_option(&f, &text);
	ok(option && !strcmp(option, "--unrestricted-network") &&
		   !strcmp(filter_refusal_object(&f), "socket (kind unseen)"),
	   "with UDP rules and unix sockets Landlock's: one option");
	refused(&f, NATIVE, SYS_socket, EACCES, udp_args, FILTER_ALWAYS);
	is_int(f.n, 0, "nothing restricted: socket() is not the filter's");
	refused(&f, 0xc00000b7 /* AUDIT_ARCH_AARCH64 */, 198, 0, NULL, ABI7);
	ok(!strcmp(filter_refusal_object(&f),
		   "system call of another architecture"),
	   "another architecture: killed, said so");
}

/*
 * Every refusing rule of the filter's table, both architectures, with the
 * classes it needs: seen with its arguments, it gets its own words (not
 * the unknown refusal's) and its own option; seen in an audit record,
 * its option is among those printed.  A rule added to the table is
 * explained here without a word of src/why changed, unless its kind is
 * new (then its words are missing: this fails).
 */
static void test_every_rule_explained(void)
{
	static const uint32_t archs[] = {
		FILTER_ARCH_NATIVE,
#if defined(FILTER_ARCH_COMPAT)
		FILTER_ARCH_COMPAT,
#endif
	};
	struct filter_rule_info info;
	unsigned bad = 0, checked = 0;

	for (size_t i = 0; filter_rule_at(i, &info); i++) {
		for (size_t a = 0; info.err && a < sizeof(archs) / sizeof(*archs); a++) {
			int nr = witness_nr(archs[a], info.sys);
			struct denial d = { .class = DENIAL_FILTER };
			const char *option, *want = info.lift.option;
			uint64_t args[6];
			struct rule r;

			if (nr < 0)
				continue;
			checked++;
			if (!filter_witness(info.need, archs[a], nr, &info,
					    args)) {
				printf("# rule %zu: no call it decides\n", i);
				bad++;
				continue;
			}
			refused(&d.filter, archs[a], nr, info.err, args,
				info.need);
			option = option_of(&d, &r);
			if (d.filter.n != 1 ||
			    d.filter.rule[0].kind != info.lift.kind ||
			    !strcmp(filter_refusal_object(&d.filter),
				    "refused by the filter") ||
			    (r.kind == RULE_FLAG && strcmp(option, want)) ||
			    (r.kind == RULE_NONE &&
			     (want || strncmp(option, "no option", 9))) ||
			    (r.kind == RULE_HINT && !want)) {
				printf("# rule %zu (%s), traced: %s: %s\n", i,
				       info.lift.what,
				       filter_refusal_object(&d.filter),
				       option);
				bad++;
			}
			/* An audit record: its option among the candidates'. */
			refused(&d.filter, archs[a], nr, 0, NULL, info.need);
			option = option_of(&d, &r);
			if (r.kind != RULE_HINT && want && r.kind != RULE_FLAG) {
				printf("# rule %zu, audit: %s\n", i, option);
				bad++;
			}
			if (r.kind == RULE_FLAG && !strstr(option, want)) {
				printf("# rule %zu, audit: %s\n", i, option);
				bad++;
			}
		}
	}
	ok(bad == 0 && checked > 40,
	   "every rule of the table, both architectures, traced and from "
	   "audit records: its own words and option");
}

/* ---- Paths ---- */

static char dir[PATH_MAX];

static void make_tree(void)
{
	char path[PATH_MAX + 64];
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/test-why.XXXXXX");
	if (!mkdtemp(dir))
		exit(1);
	snprintf(path, sizeof(path), "%s/real", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/real/libfoo.so.1.2.3", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	close(fd);
	snprintf(path, sizeof(path), "%s/link", dir);
	if (symlink("real", path) < 0)
		exit(1);
	snprintf(path, sizeof(path), "%s/etc-link", dir);
	if (symlink("/etc", path) < 0)
		exit(1);
}

static void test_resolve(void)
{
	struct path_info r;
	char abs[PATH_MAX + 64], want[PATH_MAX + 64], got[PATH_MAX];

	snprintf(abs, sizeof(abs), "%s/link/libfoo.so.1.2.3", dir);
	snprintf(want, sizeof(want), "%s/real/libfoo.so.1.2.3", dir);
	path_info_resolve(abs, true, &r);
	is_str(r.path, want, "a symbolic link in the path is followed");
	ok(r.exists && !r.is_dir, "it exists, a file");
	snprintf(abs, sizeof(abs), "%s/link", dir);
	path_info_resolve(abs, false, &r);
	is_str(r.path, abs, "the last one not, when the call does not");
	snprintf(abs, sizeof(abs), "%s/link/./../link/gone/deeper", dir);
	snprintf(want, sizeof(want), "%s/real/gone/deeper", dir);
	path_info_resolve(abs, true, &r);
	is_str(r.path, want, "\".\", \"..\"; what is gone kept as written");
	ok(!r.exists, "it does not exist");
	snprintf(abs, sizeof(abs), "%s/real/gone/deeper", dir);
	snprintf(want, sizeof(want), "%s/real", dir);
	path_nearest_dir(abs, got);
	is_str(got, want, "its nearest existing directory");
	ok(path_beneath("/usr/lib", "/usr") && path_beneath("/usr", "/usr") &&
		   !path_beneath("/usrx", "/usr") && path_beneath("/a", "/"),
	   "beneath: whole components");
}

static void suggestion(const char *path, uint64_t fs, struct suggestion *s)
{
	struct denial d = { .class = DENIAL_FS, .fs = fs };

	d.object = (char *)path;
	d.object_len = strlen(path);
	suggest(&d, s);
}

static void test_suggestions(void)
{
	struct suggestion s;
	char path[PATH_MAX + 64], want[PATH_MAX + 64];

	ok(is_library_name("libc.so.6") &&
		   is_library_name("libpcre2-8.so.0.11.2") &&
		   is_library_name("libfoo.so") &&
		   is_library_name("_ssl.cpython-311-x86_64-linux-gnu.so") &&
		   !is_library_name("notes.so.txt") &&
		   !is_library_name(".so") && !is_library_name("so.1"),
	   "library names, versioned or not");

	snprintf(path, sizeof(path), "/proc/%d/mounts", (int)getpid());
	suggestion(path, LL_FS_READ_FILE, &s);
	ok(s.rule.kind == RULE_PATH && !strcmp(s.path, "/proc") &&
		   s.rule.set == LL_SET_RO && s.caveat,
	   "/proc/PID/mounts -> --ro /proc, with its caveat");
	suggestion("/proc/999999999/maps", LL_FS_READ_FILE, &s);
	ok(!strcmp(s.path, "/proc"), "a process gone: still /proc");
	suggestion("/proc/PID/maps", LL_FS_READ_FILE, &s);
	ok(!strcmp(s.path, "/proc") && s.caveat, "folded: /proc");

	suggestion("/usr/lib/x86_64-linux-gnu/libc.so.6",
		   LL_FS_READ_FILE | LL_FS_EXECUTE, &s);
	ok(!strcmp(s.path, "/usr") && s.rule.set == LL_SET_ROX,
	   "beneath /usr: --rox /usr");

	snprintf(path, sizeof(path), "%s/link/libfoo.so.1.2.3", dir);
	snprintf(want, sizeof(want), "%s/real", dir);
	suggestion(path, LL_FS_READ_FILE, &s);
	is_str(s.path, want, "a library: its directory, resolved");
	is_int(s.rule.set, LL_SET_ROX, "read and execute");
	ok(!strstr(s.path, ".so."), "no versioned name");

	snprintf(path, sizeof(path), "%s/real/tmpXYZ/gone.o", dir);
	snprintf(want, sizeof(want), "%s/real", dir);
	suggestion(path, LL_FS_READ_FILE | LL_FS_EXECUTE, &s);
	is_str(s.path, want, "a path gone: its nearest existing directory");
	ok(s.gone && s.rule.set == LL_SET_ROX,
	   "with the rights the access needed");

	snprintf(path, sizeof(path), "%s/etc-link/shadow", dir);
	suggestion(path, LL_FS_READ_FILE, &s);
	ok(!strcmp(s.path, "/etc/shadow") && s.secret,
	   "a secret behind a symbolic link is still the secret");
	snprintf(path, sizeof(path), "%s/etc-link", dir);
	suggestion(path, LL_FS_READ_DIR, &s);
	ok(!strcmp(s.path, "/etc") && s.secret,
	   "a link to /etc exposes what /etc holds");

	suggestion("/etc/ssl/certs/ca-certificates.crt", LL_FS_READ_FILE, &s);
	is_str(s.path, "/etc/ssl/certs",
	       "a package's file: the widest directory without a secret "
	       "(/etc/ssl holds private keys)");
	suggestion("/etc/hostname", LL_FS_READ_FILE, &s);
	is_str(s.path, "/etc/hostname", "a file directly in /etc: itself");
	suggestion("/etc/profile.d", LL_FS_MAKE_REG, &s);
	ok(!strcmp(s.path, "/etc/profile.d") && s.writes &&
		   s.rule.set == LL_SET_RW,
	   "creating is never widened");

	suggestion("/dev/tty", LL_FS_READ_FILE | LL_FS_WRITE_FILE, &s);
	ok(s.terminal && s.writes, "/dev/tty: a terminal");
}

static void remove_tree(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", dir);
}

int main(void)
{
	size_t n = read_fixture("seccomp.audit");

	test_seccomp_records(n);
	test_seccomp_denials(n);
	test_pids_folded();
	test_filter_refusals();
	test_every_rule_explained();
	make_tree();
	test_resolve();
	test_suggestions();
	remove_tree();
	return done_testing();
}
