// SPDX-License-Identifier: GPL-2.0-or-later
/* The policy setters (one per concept) and the one-ruleset apply. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <linux/openat2.h>
#include <unistd.h>

#include "caps.h"
#include "carve.h"
#include "filter.h"
#include "log.h"
#include "policy.h"
#include "rawsys.h"

void policy_init(struct policy *p)
{
	memset(p, 0, sizeof(*p));
}

/* policy_free() and the port rules take the four port sets as one array. */
#define N_PORT_SETS 4
_Static_assert(offsetof(struct policy, connect_udp) ==
		       offsetof(struct policy, bind) +
			       (N_PORT_SETS - 1) * sizeof(struct port_set),
	       "the port sets must be adjacent");

static struct port_set *port_sets(struct policy *p)
{
	return &p->bind;
}

static const struct port_set *port_sets_const(const struct policy *p)
{
	return &p->bind;
}

/* The right each of the four sets grants, in their order. */
static const uint64_t port_set_access[N_PORT_SETS] = {
	LL_NET_BIND_TCP, LL_NET_CONNECT_TCP, LL_NET_BIND_UDP,
	LL_NET_CONNECT_SEND_UDP,
};

static void port_set_clear(struct port_set *s)
{
	if (s->count)
		memset(s, 0, sizeof(*s));
}

/*
 * Back to policy_init()'s state, but the 16 KiB of port bitmaps are only
 * written if a port was added: the shim frees its static policy right
 * before main(), and zeroing them there faults in their pages and the
 * code of a large memset(), about 100 KiB more peak RSS (bench/run).
 */
void policy_free(struct policy *p)
{
	size_t ports = offsetof(struct policy, bind);
	size_t rest = offsetof(struct policy, connect_udp) +
		      sizeof(p->connect_udp);

	for (size_t i = 0; i < p->npaths; i++) {
		free(p->paths[i].path);
		free(p->paths[i].origin);
		if (p->paths[i].fd >= 0)
			close(p->paths[i].fd);
	}
	free(p->paths);
	memset(p, 0, ports);
	for (int i = 0; i < N_PORT_SETS; i++)
		port_set_clear(&port_sets(p)[i]);
	memset((char *)p + rest, 0, sizeof(*p) - rest);
}

int policy_error(struct policy *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	return -1;
}

int policy_add_path(struct policy *p, unsigned set, const char *path,
		    const char *origin)
{
	size_t len = strlen(path);
	bool optional = len > 0 && path[len - 1] == '?';
	struct policy_path *pp;

	if (optional)
		len--;
	if (len == 0)
		return policy_error(p, "empty path");
	if (len >= PATH_MAX)
		return policy_error(p, "path too long: \"%.40s...\"", path);
	if (p->npaths == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->paths = xrealloc(p->paths, p->cap * sizeof(*p->paths));
	}
	pp = &p->paths[p->npaths++];
	pp->path = xstrndup(path, len);
	pp->origin = xstrdup(origin);
	pp->set = set;
	pp->optional = optional;
	pp->fd = -1;
	pp->exact = false;
	p->has_policy = true;
	return 0;
}

int policy_add_path_fd(struct policy *p, unsigned set, int fd,
		       const char *path, const char *origin)
{
	if (policy_add_path(p, set, path, origin) < 0)
		return -1;
	p->paths[p->npaths - 1].fd = fd;
	return 0;
}

int policy_add_exact_path(struct policy *p, unsigned set, const char *path,
			  const char *origin)
{
	if (policy_add_path(p, set, path, origin) < 0)
		return -1;
	p->paths[p->npaths - 1].exact = true;
	return 0;
}

/*
 * strcspn() by hand: glibc's SSE4.2 strcspn() reads a table in libc's
 * .rodata, and the shim, which parses before main(), would fault in 64 KiB
 * more of it in every sandboxed process.
 */
static size_t item_length(const char *s, const char *seps)
{
	size_t n = 0;

	while (s[n] && !strchr(seps, s[n]))
		n++;
	return n;
}

/*
 * Call @fn on each element of @list split on @seps.  Empty elements are an
 * error: "/usr::/lib" is more likely an unset variable than an intent.
 */
static int for_each_item(struct policy *p, const char *list, const char *seps,
			 int (*fn)(struct policy *, const char *, void *),
			 void *arg)
{
	const char *s = list;

	if (*list == '\0')
		return 0;
	for (;;) {
		size_t n = item_length(s, seps);
		char item[PATH_MAX + 2];

		if (n == 0)
			return policy_error(p, "empty element in \"%s\"", list);
		if (n >= sizeof(item))
			return policy_error(p, "element too long in list");
		memcpy(item, s, n);
		item[n] = '\0';
		if (fn(p, item, arg) < 0)
			return -1;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

struct path_args {
	unsigned set;
	const char *origin;
};

static int add_path_item(struct policy *p, const char *item, void *arg)
{
	const struct path_args *a = arg;

	return policy_add_path(p, a->set, item, a->origin);
}

int policy_add_path_list(struct policy *p, unsigned set, const char *list,
			 const char *seps, const char *origin)
{
	struct path_args a = { set, origin };

	p->has_policy = true;
	return for_each_item(p, list, seps, add_path_item, &a);
}

/* "." and leading "./" add nothing to the current directory. */
static const char *skip_dot_slash(const char *path)
{
	for (;;) {
		if (strcmp(path, ".") == 0)
			return "";
		if (path[0] != '.' || path[1] != '/')
			return path;
		path += 2;
		while (*path == '/')
			path++;
	}
}

int policy_make_absolute(struct policy *p)
{
	char *cwd = NULL;

	for (size_t i = 0; i < p->npaths; i++) {
		struct policy_path *pp = &p->paths[i];
		const char *rel = skip_dot_slash(pp->path);
		size_t n;
		char *abs;

		if (pp->path[0] == '/')
			continue;
		if (!cwd && !(cwd = getcwd(NULL, 0)))
			return policy_error(p,
					    "%s: %s: cannot get the current "
					    "directory: %s",
					    pp->origin, pp->path,
					    strerror(errno));
		n = strlen(cwd);
		abs = xmalloc(n + strlen(rel) + 2);
		snprintf(abs, n + strlen(rel) + 2, "%s%s%s", cwd,
			 *rel && cwd[n - 1] != '/' ? "/" : "", rel);
		free(pp->path);
		pp->path = abs;
	}
	free(cwd);
	return 0;
}

void policy_set_add_exec(struct policy *p, bool on)
{
	p->add_exec = on;
}

void policy_set_ldd(struct policy *p, bool on)
{
	p->ldd = on;
}

void policy_set_ignore_missing(struct policy *p, bool on)
{
	p->ignore_missing = on;
}

bool port_set_has(const struct port_set *s, unsigned port)
{
	return port < POLICY_PORTS && (s->bits[port / 64] >> (port % 64)) & 1;
}

static void port_set_add(struct port_set *s, unsigned port)
{
	if (!port_set_has(s, port)) {
		s->bits[port / 64] |= 1ULL << (port % 64);
		s->count++;
	}
}

int policy_add_port_range(struct policy *p, uint64_t net_access, long lo,
			  long hi)
{
	if (lo < 0 || lo >= POLICY_PORTS)
		return policy_error(p, "port %ld out of range 0-65535", lo);
	if (hi < 0 || hi >= POLICY_PORTS)
		return policy_error(p, "port %ld out of range 0-65535", hi);
	if (lo > hi)
		return policy_error(p, "empty port range %ld-%ld", lo, hi);
	for (long port = lo; port <= hi; port++)
		for (int i = 0; i < N_PORT_SETS; i++)
			if (net_access & port_set_access[i])
				port_set_add(&port_sets(p)[i], (unsigned)port);
	p->has_policy = true;
	return 0;
}

/* Decimal digits only: no sign, no spaces, no hex, at most 5 digits. */
static int parse_port(const char *s, size_t n, long *out)
{
	long v = 0;

	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int add_port_item(struct policy *p, const char *item, void *arg)
{
	uint64_t net_access = *(uint64_t *)arg;
	const char *dash = strchr(item, '-');
	size_t n = dash ? (size_t)(dash - item) : strlen(item);
	long lo, hi;

	if (parse_port(item, n, &lo) < 0 ||
	    (dash && parse_port(dash + 1, strlen(dash + 1), &hi) < 0))
		return policy_error(p,
				    "invalid port \"%s\" (expected a port "
				    "0-65535 or a range LOW-HIGH)",
				    item);
	if (!dash)
		hi = lo;
	return policy_add_port_range(p, net_access, lo, hi);
}

int policy_add_ports(struct policy *p, uint64_t net_access, const char *spec)
{
	p->has_policy = true;
	return for_each_item(p, spec, ",:", add_port_item, &net_access);
}

/* Each run of consecutive ports of @s, in order; returns how many. */
static size_t port_ranges(const struct port_set *s, char *out, size_t size)
{
	size_t runs = 0, len = 0;

	for (unsigned lo = 0; lo < POLICY_PORTS; lo++) {
		unsigned hi = lo;

		/*
		 * No port from lo to the end of its word: skip to the next
		 * one.  Bit by bit, the launcher spent a millisecond here.
		 */
		if (!(s->bits[lo / 64] >> (lo % 64))) {
			lo |= 63;
			continue;
		}
		if (!port_set_has(s, lo))
			continue;
		while (hi + 1 < POLICY_PORTS && port_set_has(s, hi + 1))
			hi++;
		if (out)
			len += (size_t)snprintf(out + len, size - len,
						hi > lo ? "%s%u-%u" : "%s%u",
						runs ? "," : "", lo, hi);
		runs++;
		lo = hi;
	}
	return runs;
}

char *port_set_format(const struct port_set *s)
{
	/* "65535-65535," is 12 characters, plus the final NUL. */
	size_t size = 12 * port_ranges(s, NULL, 0) + 1;
	char *out = xmalloc(size);

	out[0] = '\0';
	port_ranges(s, out, size);
	return out;
}

int policy_set_unrestricted_class(struct policy *p, const char *name)
{
	if (strcmp(name, "filesystem") == 0)
		p->unrestricted |= UNRESTRICTED_FS;
	else if (strcmp(name, "network") == 0)
		p->unrestricted |= UNRESTRICTED_NET;
	else if (strcmp(name, "scope") == 0 || strcmp(name, "scoped") == 0)
		p->unrestricted |= UNRESTRICTED_SCOPE;
	else if (strcmp(name, "unix") == 0)
		p->unrestricted |= UNRESTRICTED_UNIX;
	else if (strcmp(name, "capabilities") == 0)
		p->unrestricted |= UNRESTRICTED_CAPS;
	else
		return policy_error(p,
				    "unknown class \"%s\" (expected "
				    "filesystem, network, scope, unix or "
				    "capabilities)",
				    name);
	p->has_policy = true;
	return 0;
}

static int unrestricted_item(struct policy *p, const char *item, void *arg)
{
	(void)arg;
	return policy_set_unrestricted_class(p, item);
}

int policy_set_unrestricted(struct policy *p, const char *list)
{
	p->has_policy = true;
	return for_each_item(p, list, ",", unrestricted_item, NULL);
}

int policy_add_log_flag(struct policy *p, const char *name)
{
	if (strcmp(name, "disable-originating") == 0)
		p->restrict_flags |= LL_RESTRICT_LOG_SAME_EXEC_OFF;
	else if (strcmp(name, "enable-subprocesses") == 0)
		p->restrict_flags |= LL_RESTRICT_LOG_NEW_EXEC_ON;
	else if (strcmp(name, "disable-subdomains") == 0)
		p->restrict_flags |= LL_RESTRICT_LOG_SUBDOMAINS_OFF;
	else
		return policy_error(p,
				    "unknown log flag \"%s\" (expected "
				    "disable-originating, enable-subprocesses "
				    "or disable-subdomains)",
				    name);
	return 0;
}

static int log_flag_item(struct policy *p, const char *item, void *arg)
{
	(void)arg;
	return policy_add_log_flag(p, item);
}

int policy_set_log_flags(struct policy *p, const char *list)
{
	return for_each_item(p, list, ",", log_flag_item, NULL);
}

static int ll_scoped_item(struct policy *p, const char *item, void *arg)
{
	(void)arg;
	if (strcmp(item, "a") != 0 && strcmp(item, "s") != 0)
		return policy_error(p,
				    "unknown scope \"%s\" (expected a or s)",
				    item);
	return 0;
}

int policy_check_ll_scoped(struct policy *p, const char *list)
{
	p->has_policy = true;
	return for_each_item(p, list, ":", ll_scoped_item, NULL);
}

/*
 * Strict on, or best effort off, from any source asks for strictness; no
 * other source undoes it (a file cannot relax what the environment asked).
 */
void policy_set_strict(struct policy *p, bool on)
{
	if (on)
		p->strict = true;
}

void policy_set_best_effort(struct policy *p, bool on)
{
	policy_set_strict(p, !on);
}

void policy_set_allow_unsandboxed(struct policy *p, bool on)
{
	p->allow_unsandboxed = on;
}

int policy_set_log_level(struct policy *p, const char *level)
{
	int l = log_parse_level(level);

	if (l < 0)
		return policy_error(p,
				    "unknown log level \"%s\" (expected "
				    "error, warn, info or debug)",
				    level);
	log_threshold = (enum log_level)l;
	return 0;
}

int policy_parse_bool(struct policy *p, const char *s, bool *out)
{
	static const char *const yes[] = { "1", "true", "yes", "on" };
	static const char *const no[] = { "0", "false", "no", "off" };

	for (size_t i = 0; i < 4; i++) {
		if (strcmp(s, yes[i]) == 0)
			return *out = true, 0;
		if (strcmp(s, no[i]) == 0)
			return *out = false, 0;
	}
	return policy_error(p, "invalid boolean \"%s\" (expected 1 or 0)", s);
}

static bool has_unix_paths(const struct policy *p)
{
	for (size_t i = 0; i < p->npaths; i++)
		if (p->paths[i].set & LL_SET_UNIX)
			return true;
	return false;
}

static bool has_udp_rules(const struct policy *p)
{
	return p->bind_udp.count || p->connect_udp.count;
}

/*
 * The filesystem part.  Pathname unix sockets (RESOLVE_UNIX, ABI 9) are
 * denied unless --unrestricted-unix: below ABI 9 the filter refuses
 * socket(AF_UNIX) instead, unless --unix paths ask for some (decision 18:
 * then every path is reachable, a dropped restriction).
 */
static void plan_fs(const struct policy *p, struct policy_plan *plan)
{
	uint64_t wanted = ll_fs_supported(LL_ABI_BASELINE);

	if (p->unrestricted & UNRESTRICTED_FS)
		return;
	plan->fs_handled = ll_fs_supported(plan->abi);
	if (p->unrestricted & UNRESTRICTED_UNIX)
		plan->fs_handled &= ~LL_FS_RESOLVE_UNIX;
	else
		wanted |= LL_FS_RESOLVE_UNIX;
	if ((wanted & ~plan->fs_handled & LL_FS_RESOLVE_UNIX) &&
	    !has_unix_paths(p)) {
		plan->filter |= FILTER_UNIX;
		plan->fs_filtered = LL_FS_RESOLVE_UNIX;
	}
	plan->fs_dropped = wanted & ~plan->fs_handled & ~plan->fs_filtered;
}

/*
 * The network part: TCP from ABI 4, UDP from ABI 10 (decision 16).  Below
 * ABI 10 the filter refuses UDP sockets, unless UDP rules ask for some:
 * then every port is reachable, a dropped restriction.
 */
static void plan_net(const struct policy *p, struct policy_plan *plan)
{
	uint64_t wanted = LL_NET_TCP | LL_NET_UDP;

	if (p->unrestricted & UNRESTRICTED_NET)
		return;
	plan->net_handled = ll_net_supported(plan->abi);
	plan->filter |= FILTER_NET;
	if (has_udp_rules(p))
		plan->filter |= FILTER_UDP;
	else
		plan->net_filtered = LL_NET_UDP & ~plan->net_handled;
	plan->net_dropped = wanted & ~plan->net_handled & ~plan->net_filtered;
}

void policy_plan(const struct policy *p, int abi, struct policy_plan *plan)
{
	uint64_t scope = 0;
	uint32_t flags = ll_restrict_flags_supported(abi);

	memset(plan, 0, sizeof(*plan));
	plan->abi = abi;
	plan->filter = FILTER_ALWAYS | (p->filter_trap ? FILTER_TRAP : 0);
	plan_fs(p, plan);
	plan_net(p, plan);
	if (!(p->unrestricted & UNRESTRICTED_SCOPE)) {
		scope = LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL;
		plan->scoped = ll_scope_supported(abi);
	}
	plan->restrict_flags = p->restrict_flags & flags;
	plan->tsync = flags & LL_RESTRICT_TSYNC;
	plan->nnp_flag = flags & LL_RESTRICT_NO_NEW_PRIVS;
	plan->drop_caps = !(p->unrestricted & UNRESTRICTED_CAPS);
	plan->scope_dropped = scope & ~plan->scoped;
	plan->flags_dropped = p->restrict_flags & ~plan->restrict_flags;
}

int policy_for_each_drop(const struct policy_plan *plan, policy_drop_fn fn,
			 void *arg)
{
	for (unsigned b = 0; b < 64; b++) {
		uint64_t bit = 1ULL << b;

		if ((plan->fs_dropped & bit) &&
		    fn(arg, "filesystem right", ll_fs_right_name(bit),
		       ll_fs_right_abi(bit)) < 0)
			return -1;
		if ((plan->net_dropped & bit) &&
		    fn(arg, "network right", ll_net_right_name(bit),
		       ll_net_right_abi(bit)) < 0)
			return -1;
		if ((plan->scope_dropped & bit) &&
		    fn(arg, "scope", ll_scope_name(bit), 6) < 0)
			return -1;
		if ((plan->flags_dropped & bit) &&
		    fn(arg, "restrict flag",
		       ll_restrict_flag_name((uint32_t)bit), 7) < 0)
			return -1;
	}
	return 0;
}

struct drop_report {
	struct policy *p;
	int abi;
};

static int report_drop(void *arg, const char *what, const char *name,
		       int needed)
{
	const struct drop_report *r = arg;

	if (r->p->strict)
		return policy_error(r->p,
				    "strict: this kernel (Landlock ABI %d) "
				    "cannot restrict %s %s (needs ABI %d)",
				    r->abi, what, name, needed);
	log_info("kernel Landlock ABI %d lacks %s %s (ABI %d): not restricted",
		 r->abi, what, name, needed);
	return 0;
}

int policy_report_drops(struct policy *p, const struct policy_plan *plan)
{
	struct drop_report r = { p, plan->abi };

	return policy_for_each_drop(plan, report_drop, &r);
}

/*
 * An exact path: every component as it is, no symlink followed (openat2
 * RESOLVE_NO_SYMLINKS; where that is missing or filtered, O_NOFOLLOW on
 * the last component).
 */
static int open_exact(const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	long fd = raw_syscall4(SYS_openat2, AT_FDCWD, path, &how,
			       sizeof(how));

	if (fd != -ENOSYS && fd != -EPERM)
		return (int)raw_result(fd);
	return open(path, O_PATH | O_CLOEXEC | O_NOFOLLOW);
}

static int is_directory(int fd, bool *is_dir)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	*is_dir = S_ISDIR(st.st_mode);
	return 0;
}

static int open_rule_path(const struct policy_path *pp, bool *is_dir)
{
	int fd;

	if (pp->fd >= 0)
		return is_directory(pp->fd, is_dir) < 0 ? -1 : pp->fd;
	if (pp->exact) {
		fd = open_exact(pp->path);
		if (fd >= 0 && is_directory(fd, is_dir) < 0) {
			close(fd);
			return -1;
		}
		return fd;
	}
	/*
	 * O_DIRECTORY tells a directory from a file without fstat(): one
	 * system call less per directory.
	 */
	fd = open(pp->path, O_PATH | O_CLOEXEC | O_DIRECTORY);
	*is_dir = fd >= 0;
	if (fd < 0 && errno == ENOTDIR)
		fd = open(pp->path, O_PATH | O_CLOEXEC);
	return fd;
}

int policy_open_path(struct policy *p, size_t i, bool *is_dir)
{
	const struct policy_path *pp = &p->paths[i];
	int fd = open_rule_path(pp, is_dir);

	if (fd < 0) {
		if (errno == ENOENT && (pp->optional || p->ignore_missing)) {
			log_debug("%s: %s: missing, skipped (optional)",
				  pp->origin, pp->path);
			return -2;
		}
		char hint[160];
		int err = errno;

		return policy_error(p, "%s: %s: %s%s%s", pp->origin, pp->path,
				    strerror(err),
				    pp->exact && err == ELOOP ?
					    " (it changed while landshim "
					    "was reading it)" :
					    "",
				    policy_list_hint(pp, hint, sizeof(hint)));
	}
	return fd;
}

void policy_close_path(const struct policy *p, size_t i, int fd)
{
	if (fd >= 0 && fd != p->paths[i].fd)
		close(fd);
}

struct rule_sink {
	struct policy *p;
	int ruleset;
};

static int add_one_rule(void *arg, int fd, const char *path, uint64_t rights)
{
	const struct rule_sink *sink = arg;
	struct ll_path_beneath_attr attr = { rights, fd };

	if (rights &&
	    ll_add_rule(sink->ruleset, LL_RULE_PATH_BENEATH, &attr, 0) < 0)
		return policy_error(sink->p, "%s: cannot add rule: %s", path,
				    strerror(errno));
	return 0;
}

/*
 * Each rule, or the rules that carve it (carve.h).  With the filesystem
 * unrestricted, path rules are ignored, missing ones included.
 */
static int add_path_rules(struct policy *p, int ruleset, uint64_t handled)
{
	struct rule_sink sink = { p, ruleset };
	struct carve c;
	int ret;

	if (!handled)
		return 0;
	ret = carve_open(p, &c);
	for (size_t i = 0; i < p->npaths && ret == 0; i++) {
		bool is_dir;
		int fd;

		if (policy_path_is_carving(&p->paths[i]))
			continue;
		fd = policy_open_path(p, i, &is_dir);
		if (fd == -2)
			continue;
		if (fd < 0) {
			ret = -1;
			break;
		}
		if (carve_rule(&c, p, i, fd, is_dir,
			       ll_fs_rights(p->paths[i].set, is_dir) & handled,
			       add_one_rule, &sink) < 0) {
			char msg[sizeof(p->err)];

			memcpy(msg, p->err, sizeof(msg));
			policy_error(p, "%s: %s", p->paths[i].origin, msg);
			ret = -1;
		}
		policy_close_path(p, i, fd);
	}
	carve_close(&c);
	return ret;
}

static const char *port_protocol(uint64_t access)
{
	if (!(access & LL_NET_UDP))
		return "TCP port";
	return access & LL_NET_TCP ? "TCP and UDP port" : "UDP port";
}

/* The rights port @port gets; UDP connect rules imply binding port 0,
 * which a first send or connect does on its own (ABI 10). */
static uint64_t port_access(const struct policy *p, unsigned port,
			    uint64_t handled)
{
	const struct port_set *sets = port_sets_const(p);
	uint64_t access = 0;

	for (int i = 0; i < N_PORT_SETS; i++)
		if (port_set_has(&sets[i], port))
			access |= port_set_access[i];
	if (port == 0 && p->connect_udp.count)
		access |= LL_NET_BIND_UDP;
	return access & handled;
}

static uint64_t port_word(const struct policy *p, unsigned w)
{
	const struct port_set *sets = port_sets_const(p);
	uint64_t any = w == 0 && p->connect_udp.count;

	for (int i = 0; i < N_PORT_SETS; i++)
		any |= sets[i].bits[w];
	return any;
}

static bool has_ports(const struct policy *p)
{
	for (int i = 0; i < N_PORT_SETS; i++)
		if (port_sets_const(p)[i].count)
			return true;
	return false;
}

static int add_port_rules(struct policy *p, int ruleset, uint64_t handled)
{
	/* Walking 32 KiB of empty bitmaps costs the shim page faults. */
	if (!handled || !has_ports(p))
		return 0;
	for (unsigned w = 0; w < POLICY_PORTS / 64; w++) {
		uint64_t any = port_word(p, w);

		for (unsigned b = 0; any; b++, any >>= 1) {
			unsigned port = w * 64 + b;
			struct ll_net_port_attr attr = { 0, port };

			if (!(any & 1))
				continue;
			attr.allowed_access = port_access(p, port, handled);
			if (attr.allowed_access &&
			    ll_add_rule(ruleset, LL_RULE_NET_PORT, &attr, 0) < 0)
				return policy_error(p,
						    "%s %u: cannot add rule: %s",
						    port_protocol(
							    attr.allowed_access),
						    port, strerror(errno));
		}
	}
	return 0;
}

#define THREADS_UNSANDBOXED "they would stay unsandboxed"
#define THREADS_CAPABLE                                                     \
	"they would keep root's capabilities, which are per thread (use "  \
	"--unrestricted-capabilities to keep them in every thread)"

/* The thread count, field 20 of /proc/self/stat (see below). */
static int count_threads_in_proc(struct policy *p, const char *consequence)
{
	char buf[1024];
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	const char *s;
	long threads = 0;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return policy_error(p,
				    "cannot count this process's threads "
				    "(/proc/self/stat: %s)",
				    strerror(n < 0 ? errno : EIO));
	buf[n] = '\0';
	/* Field 20 (num_threads), counted after the ')' closing comm. */
	s = strrchr(buf, ')');
	for (int field = 2; s && field < 20; field++)
		s = strchr(s + 1, ' ');
	while (s && *++s >= '0' && *s <= '9' && threads < 1000000)
		threads = threads * 10 + (*s - '0');
	if (threads < 1)
		return policy_error(p, "cannot parse /proc/self/stat");
	if (threads > 1)
		return policy_error(p,
				    "%ld threads are running (started before "
				    "the sandbox, e.g. by another library's "
				    "constructor): %s",
				    threads, consequence);
	return 0;
}

/*
 * Threads other than ours would stay outside the domain.  unshare() of
 * CLONE_THREAD alone succeeds, doing nothing, only in a single-threaded
 * process, and needs neither privilege nor /proc, which a nested sandbox
 * usually cannot read.  Where unshare() is filtered (seccomp), count the
 * threads in /proc instead.
 */
static int check_single_threaded(struct policy *p, const char *consequence)
{
	if (unshare(CLONE_THREAD) == 0)
		return 0;
	if (errno == EINVAL)
		return policy_error(p,
				    "other threads are running (started "
				    "before the sandbox, e.g. by another "
				    "library's constructor): %s",
				    consequence);
	return count_threads_in_proc(p, consequence);
}

static int landlock_missing(struct policy *p)
{
	const char *why = ll_missing_reason(errno);

	if (p->allow_unsandboxed) {
		log_warn("%s: running UNSANDBOXED (allow-unsandboxed is set)",
			 why);
		return 1;
	}
	return policy_error(p,
			    "%s: refusing to run unsandboxed (set "
			    "LANDSHIM_ALLOW_UNSANDBOXED=1 to allow it)",
			    why);
}

static bool plan_has_ruleset(const struct policy_plan *plan)
{
	return plan->fs_handled || plan->net_handled || plan->scoped;
}

/* The prctl, unless restrict_self will set it (ABI 11). */
static int set_no_new_privs(struct policy *p, const struct policy_plan *plan)
{
	if (plan->nnp_flag && plan_has_ruleset(plan))
		return 0;
	if (raw_result(raw_syscall5(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0,
				    0)) < 0)
		return policy_error(p, "cannot set no_new_privs: %s",
				    strerror(errno));
	return 0;
}

/*
 * Decision 20.  Other threads would keep theirs: refused (fail closed),
 * unless @single_threaded says the check was made already.
 */
static int drop_capabilities(struct policy *p, const struct policy_plan *plan,
			     bool single_threaded)
{
	struct caps c;

	if (!plan->drop_caps)
		return 0;
	if (caps_get(&c) < 0)
		return policy_error(p, "cannot read capabilities: %s",
				    strerror(errno));
	if (!caps_need_drop(&c, CAPS_KEPT))
		return 0;
	if (!single_threaded && check_single_threaded(p, THREADS_CAPABLE) < 0)
		return -1;
	if (caps_drop(&c, CAPS_KEPT) < 0)
		return policy_error(p, "cannot drop capabilities: %s",
				    strerror(errno));
	return 0;
}

static int restrict_with(struct policy *p, const struct policy_plan *plan,
			 int ruleset)
{
	uint32_t flags = plan->restrict_flags;

	if (add_path_rules(p, ruleset, plan->fs_handled) < 0 ||
	    add_port_rules(p, ruleset, plan->net_handled) < 0)
		return -1;
	if (plan->tsync)
		flags |= LL_RESTRICT_TSYNC;
	if (plan->nnp_flag)
		flags |= LL_RESTRICT_NO_NEW_PRIVS;
	if (ll_restrict_self(ruleset, flags) < 0)
		return policy_error(p, "landlock_restrict_self: %s%s",
				    strerror(errno),
				    errno == E2BIG ? " (16 nested sandboxes)" :
						     "");
	return 0;
}

/* The one ruleset of the policy. */
static int enforce_landlock(struct policy *p, const struct policy_plan *plan)
{
	struct ll_ruleset_attr attr;
	int ruleset, ret;

	if (!plan_has_ruleset(plan)) {
		log_info("everything is unrestricted: no Landlock ruleset");
		return 0;
	}
	attr.handled_access_fs = plan->fs_handled;
	attr.handled_access_net = plan->net_handled;
	attr.scoped = plan->scoped;
	ruleset = ll_create_ruleset(&attr, ll_ruleset_attr_size(plan->abi), 0);
	if (ruleset < 0)
		return policy_error(p, "landlock_create_ruleset: %s",
				    strerror(errno));
	ret = restrict_with(p, plan, ruleset);
	close(ruleset);
	return ret;
}

/*
 * Last: the filter, inherited like the domain (decisions 15 to 19).  It
 * reaches every thread on any kernel (seccomp's TSYNC is older than
 * Landlock), which costs nothing in a single-threaded process.
 */
static int install_filter(struct policy *p, const struct policy_plan *plan)
{
	struct filter_prog prog;
	unsigned flags = FILTER_TSYNC;

	if (filter_build(plan->filter, &prog) < 0)
		return policy_error(p, "seccomp filter: does not fit (%d "
				       "instructions at most)",
				    FILTER_MAX_INSNS);
	if (p->filter_log)
		flags |= FILTER_LOG;
	if (filter_install(&prog, flags) < 0)
		return policy_error(p, "seccomp: %s%s", strerror(errno),
				    errno == ESRCH ?
					    " (another thread has a filter of "
					    "its own)" :
					    "");
	return 0;
}

int policy_apply(struct policy *p)
{
	struct policy_plan plan;
	int abi = ll_abi();
	bool single;

	if (abi < 1)
		return landlock_missing(p);
	policy_plan(p, abi, &plan);
	if (policy_report_drops(p, &plan) < 0)
		return -1;
	/* With TSYNC (ABI 8) the domain reaches every thread. */
	single = plan_has_ruleset(&plan) && !plan.tsync;
	if (single && check_single_threaded(p, THREADS_UNSANDBOXED) < 0)
		return -1;
	if (set_no_new_privs(p, &plan) < 0 ||
	    drop_capabilities(p, &plan, single) < 0 ||
	    enforce_landlock(p, &plan) < 0)
		return -1;
	return install_filter(p, &plan);
}

int policy_drop_missing(struct policy *p)
{
	size_t kept = 0;

	for (size_t i = 0; i < p->npaths; i++) {
		bool is_dir;
		int fd = policy_open_path(p, i, &is_dir);

		if (fd == -1)
			return -1;
		policy_close_path(p, i, fd);
		if (fd == -2) {
			free(p->paths[i].path);
			free(p->paths[i].origin);
			continue;
		}
		p->paths[kept++] = p->paths[i];
	}
	p->npaths = kept;
	return 0;
}

int policy_validate(struct policy *p, struct policy_plan *plan)
{
	int abi = ll_abi();

	if (abi < 1)
		return landlock_missing(p);
	policy_plan(p, abi, plan);
	if (p->strict && policy_report_drops(p, plan) < 0)
		return -1;
	if (filter_available() < 0)
		return policy_error(p, "seccomp: %s: the filter cannot be "
				       "installed, refusing to run",
				    strerror(errno));
	for (size_t i = 0; plan->fs_handled && i < p->npaths; i++) {
		bool is_dir;
		int fd;

		/* Carvings are resolved, not opened: one may be missing. */
		if (policy_path_is_carving(&p->paths[i]))
			continue;
		fd = policy_open_path(p, i, &is_dir);
		if (fd == -1)
			return -1;
		policy_close_path(p, i, fd);
	}
	return policy_check_carvings(p);
}
