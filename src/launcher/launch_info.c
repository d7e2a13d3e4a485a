// SPDX-License-Identifier: GPL-2.0-or-later
/* The modes that run nothing: --explain, --check, --print-env. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "caps.h"
#include "carve.h"
#include "filter.h"
#include "landlock.h"
#include "launch.h"
#include "log.h"
#include "policy.h"
#include "policy_file.h"

typedef const char *(*bit_namer)(uint64_t bit);

static const char *restrict_flag_name(uint64_t bit)
{
	return ll_restrict_flag_name((uint32_t)bit);
}

/* " name name ...", or @none when no bit is set. */
static void print_bits(uint64_t bits, bit_namer name, const char *none)
{
	if (!bits)
		printf(" %s", none);
	for (unsigned b = 0; b < 64; b++)
		if (bits & (1ULL << b))
			printf(" %s", name(1ULL << b));
	putchar('\n');
}

/* "ro", "rox", "rw", "rwx", "unix", or a combination like "ro+unix". */
static void set_label(unsigned set, char *buf, size_t size)
{
	static const char *const names[] = { "", "ro", "", "rw",
					     "", "rox", "", "rwx" };
	const char *base = names[set & LL_SET_RWX];
	bool unix_socket = set & LL_SET_UNIX;

	if (set & (LL_SET_DENY | LL_SET_READ_ONLY)) {
		snprintf(buf, size, "%s",
			 set & LL_SET_DENY ? "deny" : "read-only");
		return;
	}
	snprintf(buf, size, "%s%s%s", base, *base && unix_socket ? "+" : "",
		 unix_socket ? "unix" : "");
}

/* What carving a rule turned into. */
struct carve_count {
	size_t rules, listing_only;
};

static int count_rule(void *arg, int fd, const char *path, uint64_t rights)
{
	struct carve_count *n = arg;

	(void)fd;
	(void)path;
	n->rules++;
	n->listing_only += rights == LL_FS_READ_DIR;
	return 0;
}

/* The rights of a rule, and the carvings that cut it. */
static void explain_rights(struct policy *p, size_t i, int fd, bool is_dir,
			   const struct policy_plan *plan, struct carve *c)
{
	uint64_t rights =
		ll_fs_rights(p->paths[i].set, is_dir) & plan->fs_handled;
	struct carve_count n = { 0, 0 };
	int carved = carve_rule(c, p, i, fd, is_dir, rights, count_rule, &n);

	if (carved < 0)
		die("%s", p->err);
	print_bits(rights, ll_fs_right_name, "nothing this kernel handles");
	if (carved == 0)
		return;
	printf("    carved: replaced by %zu rules (%zu director%s on the way "
	       "keep%s only read_dir), for:",
	       n.rules, n.listing_only, n.listing_only == 1 ? "y" : "ies",
	       n.listing_only == 1 ? "s" : "");
	for (size_t t = 0; t < c->ntargets; t++)
		if (c->targets[t].applies)
			printf(" %s", p->paths[c->targets[t].index].path);
	putchar('\n');
}

/* A carving: what it does, once every rule has been carved. */
static void explain_carving(const struct policy *p, size_t i,
			    const struct carve *c)
{
	const struct carve_target *t = NULL;
	bool deny = p->paths[i].set & LL_SET_DENY;

	for (size_t j = 0; j < c->ntargets; j++)
		if (c->targets[j].index == i)
			t = &c->targets[j];
	if (!t) {
		printf("beneath a file, skipped\n");
		return;
	}
	if (!t->exists)
		printf("missing, ");
	else
		printf("%s, ", t->levels[t->nlevels - 1].is_dir ? "directory" :
								   "file");
	if (!t->rules) {
		printf("no rule loses anything by it: costs nothing\n");
		return;
	}
	if (!t->exists)
		printf("cannot be created (%.*s keeps only read_dir)",
		       (int)t->levels[t->nlevels - 1].len, t->path);
	else if (deny)
		printf("nothing beneath it%s",
		       t->levels[t->nlevels - 1].is_dir ?
			       " (names stay listable: read_dir above)" :
			       "");
	else
		printf("at most read and execute beneath it");
	printf(", carved out of %u rule%s\n", t->rules,
	       t->rules == 1 ? "" : "s");
}

static void explain_path(struct policy *p, size_t i,
			 const struct policy_plan *plan, struct carve *c)
{
	const struct policy_path *pp = &p->paths[i];
	bool is_dir;
	int fd;
	char label[16];

	set_label(pp->set, label, sizeof(label));
	printf("  %s (%s, %s): ", pp->path, label, pp->origin);
	if (policy_path_is_carving(pp)) {
		explain_carving(p, i, c);
		return;
	}
	fd = policy_open_path(p, i, &is_dir);
	if (fd == -2) {
		printf("missing, skipped\n");
		return;
	}
	if (fd < 0)
		die("%s", p->err);
	printf("%s,", is_dir ? "directory" : "file");
	explain_rights(p, i, fd, is_dir, plan, c);
	policy_close_path(p, i, fd);
}

static void explain_paths(struct policy *p, const struct policy_plan *plan)
{
	struct carve c;

	if (p->unrestricted & UNRESTRICTED_FS) {
		printf("filesystem: unrestricted\n");
		return;
	}
	printf("filesystem (everything else denied):%s\n",
	       p->npaths ? "" : " nothing allowed");
	if (carve_open(p, &c) < 0)
		die("%s", p->err);
	/* Rules first: a carving's line says what they made of it. */
	for (size_t i = 0; i < p->npaths; i++)
		if (!policy_path_is_carving(&p->paths[i]))
			explain_path(p, i, plan, &c);
	for (size_t i = 0; i < p->npaths; i++)
		if (policy_path_is_carving(&p->paths[i]))
			explain_path(p, i, plan, &c);
	carve_close(&c);
}

static void explain_ports(const struct policy *p, const char *what,
			  const struct port_set *set, uint64_t handled)
{
	char *ports;

	if (!handled) {
		printf("%s: %s\n", what,
		       p->unrestricted & UNRESTRICTED_NET ?
			       "unrestricted" :
			       "not restricted (this kernel has no TCP rules)");
		return;
	}
	ports = port_set_format(set);
	printf("%s: %s\n", what, *ports ? ports : "none (all denied)");
	free(ports);
}

/* A UDP line: Landlock's ports (ABI 10), or what the filter does below. */
static void explain_udp(const struct policy *p, const char *what,
			const struct port_set *set, uint64_t bit,
			const struct policy_plan *plan)
{
	char *ports;

	if (p->unrestricted & UNRESTRICTED_NET) {
		printf("%s: unrestricted\n", what);
	} else if (plan->net_handled & bit) {
		ports = port_set_format(set);
		printf("%s: %s%s\n", what, *ports ? ports : "none (all denied)",
		       bit == LL_NET_BIND_UDP && p->connect_udp.count ?
			       " (and 0: connect rules auto-bind)" :
			       "");
		free(ports);
	} else if (plan->net_filtered & bit) {
		printf("%s: none (the filter refuses UDP sockets; Landlock "
		       "checks UDP ports from ABI 10)\n",
		       what);
	} else {
		printf("%s: EVERY port (UDP rules let UDP sockets exist; "
		       "Landlock checks UDP ports from ABI 10)\n",
		       what);
	}
}

static void explain_unix(const struct policy *p, const struct policy_plan *plan)
{
	printf("pathname unix sockets: ");
	if (p->unrestricted & (UNRESTRICTED_FS | UNRESTRICTED_UNIX))
		printf("unrestricted\n");
	else if (plan->fs_handled & LL_FS_RESOLVE_UNIX)
		printf("only those of --unix rules (Landlock)\n");
	else if (plan->filter & FILTER_UNIX)
		printf("none (the filter refuses socket(AF_UNIX); socketpair "
		       "works)\n");
	else
		printf("EVERY socket (--unix rules let unix sockets exist; "
		       "Landlock checks them from ABI 9)\n");
}

static void explain_capabilities(const struct policy *p)
{
	if (p->unrestricted & UNRESTRICTED_CAPS)
		printf("capabilities: unrestricted (root keeps them all)\n");
	else
		printf("capabilities: root keeps " CAPS_KEPT_NAMES
		       "; the rest are dropped\n");
}

/* What Landlock and the filter each enforce. */
static void explain_layers(const struct policy_plan *plan)
{
	printf("Landlock (ABI %d) enforces:\n  filesystem:", plan->abi);
	print_bits(plan->fs_handled, ll_fs_right_name, "nothing");
	printf("  network:");
	print_bits(plan->net_handled, ll_net_right_name, "nothing");
	printf("  scoped:");
	print_bits(plan->scoped, ll_scope_name, "nothing");
	printf("the filter (seccomp) enforces:\n");
	for (unsigned b = 1; b <= FILTER_UNIX; b <<= 1)
		if ((plan->filter & b) && b != FILTER_UDP)
			printf("  %s\n", filter_class_what(b));
	if (plan->filter & FILTER_UDP)
		printf("  (UDP sockets allowed: UDP rules are given)\n");
}

static int print_drop(void *arg, const char *what, const char *name,
		      int needed)
{
	(void)arg;
	printf("  %s %s: needs ABI %d, not restricted\n", what, name, needed);
	return 0;
}

static void explain_kernel(const struct policy *p,
			   const struct policy_plan *plan)
{
	if (p->unrestricted & UNRESTRICTED_SCOPE) {
		printf("scoped: unrestricted\n");
	} else {
		printf("scoped (denied across the sandbox's border):");
		print_bits(plan->scoped, ll_scope_name, "nothing");
	}
	printf("audit-log flags:");
	print_bits(plan->restrict_flags, restrict_flag_name, "none");
	printf("dropped by this kernel (Landlock ABI %d):", plan->abi);
	if (!plan->fs_dropped && !plan->net_dropped && !plan->scope_dropped &&
	    !plan->flags_dropped)
		printf(" nothing");
	putchar('\n');
	policy_for_each_drop(plan, print_drop, NULL);
	printf("mode: %s\n",
	       p->strict ? "strict (a right this kernel lacks is an error)" :
			   "best effort (rights this kernel lacks are dropped "
			   "and reported at info level)");
}

static void explain_command(const struct launch *l)
{
	const char *gap;

	if (!l->target) {
		printf("command: none\n");
		if (l->policy.add_exec || l->policy.ldd)
			printf("add-exec, ldd: rules added for the program "
			       "when it starts\n");
		return;
	}
	printf("command: %s", l->target);
	if (strcmp(l->binary, l->target) != 0)
		printf(" (run by %s)", l->binary);
	printf("\n");
	printf("applied by: landshim itself, before exec: nothing of the "
	       "command runs outside the sandbox\n");
	gap = launch_env_gap(l);
	if (gap)
		printf("warning: %s %s: started with the --print-env "
		       "variables alone (no launcher) it would run "
		       "UNSANDBOXED\n",
		       l->binary, gap);
}

int launch_explain(struct launch *l)
{
	struct policy *p = &l->policy;
	struct policy_plan plan;

	launch_prepare(l);
	explain_command(l);
	if (l->unsandboxed) {
		printf("Landlock: not available: the command would run "
		       "UNSANDBOXED (allow-unsandboxed)\n");
		return 0;
	}
	policy_plan(p, ll_abi(), &plan);
	explain_paths(p, &plan);
	explain_ports(p, "tcp bind", &p->bind,
		      plan.net_handled & LL_NET_BIND_TCP);
	explain_ports(p, "tcp connect", &p->connect,
		      plan.net_handled & LL_NET_CONNECT_TCP);
	explain_udp(p, "udp bind", &p->bind_udp, LL_NET_BIND_UDP, &plan);
	explain_udp(p, "udp connect and send", &p->connect_udp,
		    LL_NET_CONNECT_SEND_UDP, &plan);
	explain_unix(p, &plan);
	explain_capabilities(p);
	explain_layers(&plan);
	explain_kernel(p, &plan);
	return 0;
}

static const struct {
	int abi;
	const char *what;
} features[] = {
	{ 1, "files: execute, read, write, create, remove" },
	{ 2, "refer: link and rename across directories" },
	{ 3, "truncate" },
	{ 4, "TCP bind and connect" },
	{ 5, "ioctl on devices" },
	{ 6, "scoping: abstract unix sockets, signals" },
	{ 7, "audit-log flags" },
	{ 8, "TSYNC: every thread of a process" },
	{ 9, "pathname unix sockets" },
	{ 10, "UDP bind, connect and send" },
	{ 11, "no_new_privs set by restrict_self" },
};

/* What takes over below the ABI of a feature, if anything does. */
static const char *feature_fallback(int abi)
{
	switch (abi) {
	case 8:
		return "a process with threads is refused";
	case 9:
		return "the filter refuses socket(AF_UNIX)";
	case 10:
		return "the filter refuses UDP sockets";
	case 11:
		return "prctl(PR_SET_NO_NEW_PRIVS) instead";
	default:
		return NULL;
	}
}

static void check_feature(int abi, size_t i)
{
	const char *fallback = feature_fallback(features[i].abi);

	printf("  ABI %-2d %-44s ", features[i].abi, features[i].what);
	if (abi >= features[i].abi)
		printf("enforced\n");
	else if (fallback)
		printf("NOT enforced: %s\n", fallback);
	else
		printf("NOT enforced\n");
}

static void check_filter(void)
{
	printf("seccomp filter: %s\n",
	       filter_available() == 0 ?
		       "available" :
		       "NOT available: landshim refuses to run here");
	for (unsigned b = 1; b <= FILTER_UNIX; b <<= 1)
		if (b != FILTER_UDP)
			printf("  %s\n", filter_class_what(b));
	printf("capabilities: root keeps " CAPS_KEPT_NAMES
	       "; the rest are dropped\n");
}

/* "Landlock ABI N on Linux R", or why there is none; returns the ABI. */
static int print_kernel(void)
{
	struct utsname u;
	int abi = ll_abi();

	if (uname(&u) < 0)
		snprintf(u.release, sizeof(u.release), "unknown");
	if (abi < 1)
		printf("Landlock: not available on Linux %s: %s\n", u.release,
		       ll_missing_reason(errno));
	else
		printf("Landlock ABI %d on Linux %s\n", abi, u.release);
	return abi;
}

int launch_check(void)
{
	int abi = print_kernel();

	if (abi < 1) {
		printf("landshim refuses to run commands here unless "
		       "--allow-unsandboxed is given\n");
		return 1;
	}
	for (size_t i = 0; i < sizeof(features) / sizeof(*features); i++)
		check_feature(abi, i);
	check_filter();
	return 0;
}

static void print_profile_dir(const char *dir, void *arg)
{
	(void)arg;
	printf("profiles: %s\n", dir);
}

/*
 * The version, the kernel, and where this launcher finds the shim and the
 * profiles (one "profiles: DIR" line each, in lookup order).
 */
int launch_version(const struct launch *l)
{
	const char *how;
	const char *shim = launch_library_name(l, &how);
	struct policy p;

	puts(PACKAGE_STRING);
	print_kernel();
	printf("shim: %s", shim);
	if (access(shim, R_OK) < 0)
		printf(" (%s)", strerror(errno));
	putchar('\n');
	policy_init(&p);
	policy_file_profile_dirs(&p, print_profile_dir, NULL);
	policy_free(&p);
	return 0;
}

/* 'value' with each ' written as '\'' (POSIX sh). */
static void print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static void print_export(const char *name, const char *value, void *arg)
{
	(void)arg;
	printf("export %s=", name);
	print_quoted(value);
	putchar('\n');
}

/*
 * export NAME=..., keeping the caller's objects: the shim first in
 * LD_AUDIT (its policy comes before any other module loads), last in
 * LD_PRELOAD (ld.so runs preloaded constructors last to first).
 */
static void print_loader_var(const char *name, const char *lib, bool first)
{
	printf("export %s=", name);
	if (!first)
		printf("\"${%s:+$%s:}\"", name, name);
	print_quoted(lib);
	if (first)
		printf("\"${%s:+:$%s}\"", name, name);
	putchar('\n');
}

/*
 * The guard first: if the shim cannot be read, the dynamic loader would
 * only warn and run the program unsandboxed (DESIGN.md decision 6).  Then
 * the audit form (DESIGN.md decision 24): LD_AUDIT applies the policy
 * before any code of the program runs; LD_PRELOAD names the shim too, for
 * a loader that ignores LD_AUDIT (musl).  The shim applies it once.
 */
int launch_print_env(struct launch *l)
{
	launch_prepare(l);
	fputs("[ -f ", stdout);
	print_quoted(l->library);
	fputs(" ] && [ -r ", stdout);
	print_quoted(l->library);
	fputs(" ] || { echo landshim: ", stdout);
	print_quoted(l->library);
	fputs(": cannot read the shim, refusing to run unsandboxed >&2; "
	      "exit 125; }\n",
	      stdout);
	print_loader_var("LD_AUDIT", l->library, true);
	print_loader_var("LD_PRELOAD", l->library, false);
	if (policy_to_env(&l->policy, print_export, NULL) < 0)
		die("%s", l->policy.err);
	return 0;
}

/* A profile's first comment line, without "landshim profile "NAME": ". */
static void profile_summary(const char *path, const char *name, char *buf,
			    size_t size)
{
	FILE *f = fopen(path, "re");
	char line[512], prefix[300];

	snprintf(buf, size, "(no comment line)");
	snprintf(prefix, sizeof(prefix), "landshim profile \"%s\": ", name);
	while (f && fgets(line, sizeof(line), f)) {
		char *s = line + strspn(line, " \t");

		if (*s != '#')
			continue;
		s += 1 + strspn(s + 1, " \t");
		s[strcspn(s, "\n")] = '\0';
		if (strncmp(s, prefix, strlen(prefix)) == 0)
			s += strlen(prefix);
		snprintf(buf, size, "%s", s);
		break;
	}
	if (f)
		fclose(f);
}

static int print_profile(void *arg, const char *name, const char *path,
			 const char *hidden_by)
{
	char summary[512];

	(void)arg;
	profile_summary(path, name, summary, sizeof(summary));
	printf("%-15s %s%s%s\n%-15s %s\n", name, path,
	       hidden_by ? ", hidden by the one in " : "",
	       hidden_by ? hidden_by : "", "", summary);
	return 0;
}

int launch_list_profiles(struct launch *l)
{
	return policy_file_each_profile(&l->policy, print_profile, NULL);
}
