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
#include "landlock.h"
#include "log.h"
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

static const struct denial *find_filter(const struct denial_collector *c,
					enum filter_refusal f)
{
	for (size_t i = 0; i < c->ndenials; i++)
		if (c->denials[i].class == DENIAL_FILTER &&
		    c->denials[i].filter == f)
			return &c->denials[i];
	return NULL;
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
	struct rule r;
	char option[256];

	denial_collector_init(&c, owner_30858, NULL);
	c.filter_ctx.abi = 7;
	feed(&c, n);
	is_int(c.ndenials, 5, "five refusals of the run's process");
	d = find_filter(&c, REFUSED_SOCKET);
	ok(d, "socket(): a socket of a kind the record does not tell");
	ok(d && !strcmp(d->programs[0], "/tmp/why-scratch/seclog"),
	   "the program, from exe=");
	denial_rule(d, &r);
	rule_option(&r, option, sizeof(option));
	ok(r.kind == RULE_HINT && strstr(option, "--connect-udp") &&
		   strstr(option, "--unrestricted-unix"),
	   "socket(): the options to choose from");
	d = find_filter(&c, REFUSED_IO_URING);
	denial_rule(d, &r);
	ok(d && r.kind == RULE_FLAG &&
		   !strcmp(r.flag, "--unrestricted-network"),
	   "io_uring_setup -> --unrestricted-network");
	d = find_filter(&c, REFUSED_TIOCSTI);
	denial_rule(d, &r);
	ok(d && r.kind == RULE_NONE, "ioctl: TIOCSTI, no option");
	d = find_filter(&c, REFUSED_SETUID);
	denial_rule(d, &r);
	ok(d && r.kind == RULE_NONE, "fchmodat: setuid, no option");
	ok(find_filter(&c, REFUSED_FASTOPEN), "sendto: TCP Fast Open");
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

static enum filter_refusal seen(long nr, int err, uint64_t a0, uint64_t a1,
				uint64_t a2, uint64_t a3)
{
	struct filter_call c = { .nr = nr, .err = err, .has_args = true,
				 .args = { a0, a1, a2, a3 } };
	struct filter_context ctx = { .abi = 7 };

	return filter_refusal_of(&c, &ctx);
}

static enum filter_refusal unseen(long nr, int err, struct filter_context ctx)
{
	struct filter_call c = { .arch = FILTER_NATIVE_ARCH, .nr = nr,
				 .err = err };

	return filter_refusal_of(&c, &ctx);
}

static void test_filter_refusals(void)
{
	struct filter_context abi7 = { .abi = 7 }, abi9 = { .abi = 9 };
	struct filter_context udp = { .abi = 9, .udp_rules = true };
	const char *text, *option;

	is_int(seen(SYS_socket, EACCES, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0,
		    0),
	       REFUSED_UDP, "socket(AF_INET, SOCK_DGRAM): UDP");
	is_int(seen(SYS_socket, EACCES, AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6,
		    0),
	       REFUSED_RAW, "an ICMPv6 datagram socket is not UDP");
	is_int(seen(SYS_socket, EACCES, AF_INET, SOCK_RAW, 1, 0), REFUSED_RAW,
	       "SOCK_RAW");
	is_int(seen(SYS_socket, EACCES, AF_UNIX, SOCK_STREAM, 0, 0),
	       REFUSED_UNIX, "AF_UNIX below ABI 9");
	is_int(seen(SYS_socket, EAFNOSUPPORT, AF_PACKET, SOCK_RAW, 0, 0),
	       REFUSED_FAMILY, "AF_PACKET: another family");
	is_int(seen(SYS_socket, EPROTONOSUPPORT, AF_INET, SOCK_STREAM, 262, 0),
	       REFUSED_PROTOCOL, "IPPROTO_MPTCP");
	is_int(seen(SYS_socket, EPROTONOSUPPORT, AF_INET6, SOCK_SEQPACKET,
		    IPPROTO_SCTP, 0),
	       REFUSED_PROTOCOL, "IPPROTO_SCTP");
	is_int(seen(SYS_sendto, EOPNOTSUPP, 3, 0, 1, MSG_FASTOPEN),
	       REFUSED_FASTOPEN, "sendto(MSG_FASTOPEN)");
	is_int(seen(SYS_sendto, EOPNOTSUPP, 3, 0, 1, 0), REFUSED_UNKNOWN,
	       "sendto without MSG_FASTOPEN: not the filter's");
	is_int(seen(SYS_ioctl, EPERM, 0, 0x5412, 0, 0), REFUSED_TIOCSTI,
	       "ioctl(TIOCSTI)");
	is_int(seen(SYS_ioctl, EPERM, 0, 0x5401, 0, 0), REFUSED_UNKNOWN,
	       "ioctl(TCGETS): not the filter's");
	is_int(seen(SYS_fchmodat, EPERM, AT_FDCWD, 0, 04755, 0),
	       REFUSED_SETUID, "fchmodat(04755)");
	is_int(seen(SYS_fchmod, EPERM, 3, 02755, 0, 0), REFUSED_SETUID,
	       "fchmod(02755)");
	is_int(seen(SYS_fchmodat, EPERM, AT_FDCWD, 0, 0755, 0), REFUSED_UNKNOWN,
	       "fchmodat(0755): not the filter's");
	is_int(seen(425, ENOSYS, 1, 0, 0, 0), REFUSED_IO_URING,
	       "io_uring_setup");
	{
		struct filter_call c = { .arch = 0x40000003, .nr = 102 };

		is_int(filter_refusal_of(&c, &abi7), REFUSED_FOREIGN_ARCH,
		       "an i386 system call");
	}
	is_int(unseen(SYS_socket, EACCES, abi7), REFUSED_INET_OR_UNIX,
	       "EACCES, arguments unseen, ABI 7: UDP, raw or unix");
	is_int(unseen(SYS_socket, EACCES, abi9), REFUSED_UDP,
	       "EACCES at ABI 9: unix sockets are Landlock's, so UDP");
	is_int(unseen(SYS_socket, EACCES, udp), REFUSED_RAW,
	       "EACCES with UDP rules: raw");
	is_int(unseen(SYS_socket, 0, abi7), REFUSED_SOCKET,
	       "no errno, no arguments: a socket");
	is_int(unseen(SYS_socket, EAFNOSUPPORT, abi7), REFUSED_FAMILY,
	       "EAFNOSUPPORT: another family");

	option = filter_refusal_option(REFUSED_UNIX, &text);
	is_str(option, "--unrestricted-unix", "unix -> --unrestricted-unix");
	option = filter_refusal_option(REFUSED_FAMILY, &text);
	is_str(option, "--unrestricted-network", "family -> -network");
	option = filter_refusal_option(REFUSED_UDP, &text);
	ok(!option && strstr(text, "--connect-udp PORTS") &&
		   strstr(text, "--bind-udp PORTS") &&
		   filter_refusal_is_choice(REFUSED_UDP),
	   "UDP: ports to choose");
	option = filter_refusal_option(REFUSED_TIOCSTI, &text);
	ok(!option && !strncmp(text, "no option", 9) &&
		   !filter_refusal_is_choice(REFUSED_TIOCSTI),
	   "TIOCSTI cannot be lifted");
	option = filter_refusal_option(REFUSED_SETUID, &text);
	ok(!option && !strncmp(text, "no option", 9),
	   "setuid chmod cannot be lifted");
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
	make_tree();
	test_resolve();
	test_suggestions();
	remove_tree();
	return done_testing();
}
