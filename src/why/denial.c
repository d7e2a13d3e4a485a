// SPDX-License-Identifier: GPL-2.0-or-later
/* Audit records -> the distinct denials of one run -> options. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "denial.h"
#include "landlock.h"
#include "log.h"

/* Denials of domains not (yet) known to be the run's. */
#define HELD_MAX 256
/* Denials whose SYSCALL record (the process) has not arrived yet. */
#define PENDING_MAX 64

struct held_record {
	uint64_t domain;
	uint64_t serial;
	struct denial d; /* one record's worth */
};

struct pending_program {
	uint64_t serial;
	size_t denial; /* index + 1; 0 = free */
};

/* Domains whose creator is gone, until their event's SYSCALL record. */
#define UNDECIDED_MAX 16

struct undecided_domain {
	uint64_t domain; /* 0 = free */
	uint64_t serial;
	char exe[PATH_MAX + 1]; /* as struct audit_str */
};

#define LL_FS_NEEDS_WRITE \
	(LL_FS_IN_DIR | LL_FS_WRITE_FILE | LL_FS_TRUNCATE | LL_FS_IOCTL_DEV)

void denial_collector_init(struct denial_collector *c,
			   denial_pid_owner owner_of, void *arg)
{
	memset(c, 0, sizeof(*c));
	c->owner_of = owner_of;
	c->arg = arg;
	c->held = xcalloc(HELD_MAX, sizeof(*c->held));
	c->pending = xcalloc(PENDING_MAX, sizeof(*c->pending));
	c->undecided = xcalloc(UNDECIDED_MAX, sizeof(*c->undecided));
}

static void denial_free(struct denial *d)
{
	free(d->object);
	for (size_t i = 0; i < d->nprograms; i++)
		free(d->programs[i]);
	memset(d, 0, sizeof(*d));
}

void denial_collector_free(struct denial_collector *c)
{
	for (size_t i = 0; i < c->ndenials; i++)
		denial_free(&c->denials[i]);
	for (size_t i = 0; i < HELD_MAX; i++)
		denial_free(&c->held[i].d);
	for (size_t i = 0; i < c->ndomains; i++)
		free(c->domains[i].exe);
	free(c->denials);
	free(c->index);
	free(c->held);
	free(c->pending);
	free(c->undecided);
	free(c->domains);
	free(c->pids);
	free(c->unowned);
	memset(c, 0, sizeof(*c));
}

static long domain_index(const struct denial_collector *c, uint64_t domain)
{
	for (size_t i = 0; i < c->ndomains; i++)
		if (c->domains[i].id == domain)
			return (long)i;
	return -1;
}

/* ---- Processes known to be the run's ---- */

static bool known_pid(const struct denial_collector *c, pid_t pid)
{
	for (size_t i = 0; i < c->npids; i++)
		if (c->pids[i] == pid)
			return true;
	return false;
}

static void add_pid(struct denial_collector *c, pid_t pid)
{
	if (pid <= 0 || known_pid(c, pid))
		return;
	if (c->npids == c->pids_cap) {
		c->pids_cap = c->pids_cap ? 2 * c->pids_cap : 16;
		c->pids = xrealloc(c->pids, c->pids_cap * sizeof(*c->pids));
	}
	c->pids[c->npids++] = pid;
}

/* ---- One record -> one denial ---- */

static enum denial_class class_of(const struct audit_record *r)
{
	if (r->blocked_fs)
		return DENIAL_FS;
	if (r->blocked_net & LL_NET_BIND_TCP)
		return DENIAL_BIND;
	if (r->blocked_net & LL_NET_CONNECT_TCP)
		return DENIAL_CONNECT;
	if (r->blocked_scope & LL_SCOPE_SIGNAL)
		return DENIAL_SIGNAL;
	if (r->blocked_scope & LL_SCOPE_ABSTRACT_UNIX_SOCKET)
		return DENIAL_ABSTRACT;
	return DENIAL_OTHER;
}

void denial_set_object(struct denial *d, const char *s, size_t len)
{
	d->object = xmalloc(len + 1);
	memcpy(d->object, s, len);
	d->object[len] = '\0';
	d->object_len = len;
}

static void denial_from_record(const struct audit_record *r, struct denial *d)
{
	memset(d, 0, sizeof(*d));
	d->class = class_of(r);
	d->fs = r->blocked_fs;
	d->other = r->blocked_other;
	d->port = r->port;
	d->opid = r->opid;
	snprintf(d->addr, sizeof(d->addr), "%s", r->addr);
	d->count = 1;
	if (r->object == AUDIT_OBJ_TASK)
		denial_set_object(d, r->comm, strlen(r->comm));
	else
		denial_set_object(d, r->path.s, r->path.len);
}

/* ---- The distinct denials: a hash table over class, object, port ---- */

static uint64_t denial_hash(const struct denial *d)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	h = (h ^ (uint64_t)d->class) * 1099511628211ULL;
	h = (h ^ (uint64_t)d->nested) * 1099511628211ULL;
	h = (h ^ d->port) * 1099511628211ULL;
	for (size_t i = 0; i < d->object_len; i++)
		h = (h ^ (unsigned char)d->object[i]) * 1099511628211ULL;
	return h;
}

static bool same_denial(const struct denial *a, const struct denial *b)
{
	return a->class == b->class && a->nested == b->nested &&
	       a->port == b->port &&
	       (a->class != DENIAL_FILTER ||
		filter_refusal_same(&a->filter, &b->filter)) &&
	       a->object_len == b->object_len &&
	       memcmp(a->object, b->object, a->object_len) == 0;
}

/* The slot of @d in the table: where it is, or the free one for it. */
static size_t *index_slot(const struct denial_collector *c,
			  const struct denial *d)
{
	size_t mask = c->index_cap - 1;

	for (size_t i = denial_hash(d) & mask;; i = (i + 1) & mask) {
		size_t *slot = &c->index[i];

		if (*slot == 0 || same_denial(&c->denials[*slot - 1], d))
			return slot;
	}
}

static void index_grow(struct denial_collector *c)
{
	free(c->index);
	c->index_cap = c->index_cap ? 2 * c->index_cap : 64;
	c->index = xcalloc(c->index_cap, sizeof(*c->index));
	for (size_t i = 0; i < c->ndenials; i++)
		*index_slot(c, &c->denials[i]) = i + 1;
}

static void merge(struct denial *into, struct denial *d)
{
	into->fs |= d->fs;
	into->other |= d->other;
	into->count += d->count;
	denial_free(d);
}

/* Add @d (taken over) and return its index among the denials. */
/*
 * /proc/1234/maps of every process of the run is one need: "/proc/PID/maps"
 * (and /proc/PID/task/PID/...), one row, not one per process.
 */
static void fold_pids(struct denial *d)
{
	char folded[PATH_MAX + 1], *out = folded;
	const char *s = d->object, *end = d->object + d->object_len;
	bool changed = false;

	if (d->class != DENIAL_FS || d->object_len > PATH_MAX ||
	    strncmp(d->object, "/proc/", 6) != 0)
		return;
	while (s < end) {
		size_t n = strspn(s + 1, "0123456789");

		/* A component of digits right after /proc/ or .../task/. */
		if (*s == '/' && n && (s + 1 + n == end || s[1 + n] == '/') &&
		    (s == d->object + 5 ||
		     (out - folded >= 5 && !memcmp(out - 5, "/task", 5)))) {
			memcpy(out, "/PID", 4);
			out += 4;
			s += 1 + n;
			changed = true;
			continue;
		}
		*out++ = *s++;
	}
	if (!changed)
		return;
	free(d->object);
	denial_set_object(d, folded, (size_t)(out - folded));
}

static size_t insert(struct denial_collector *c, struct denial *d)
{
	size_t *slot;

	fold_pids(d);
	if (2 * (c->ndenials + 1) > c->index_cap)
		index_grow(c);
	slot = index_slot(c, d);
	if (*slot) {
		merge(&c->denials[*slot - 1], d);
		return *slot - 1;
	}
	if (c->ndenials == c->denials_cap) {
		c->denials_cap = c->denials_cap ? 2 * c->denials_cap : 16;
		c->denials = xrealloc(c->denials,
				      c->denials_cap * sizeof(*c->denials));
	}
	c->denials[c->ndenials] = *d;
	memset(d, 0, sizeof(*d));
	*slot = ++c->ndenials;
	return c->ndenials - 1;
}

static void add_program(struct denial *d, const char *exe)
{
	if (!exe[0])
		return;
	for (size_t i = 0; i < d->nprograms; i++)
		if (strcmp(d->programs[i], exe) == 0)
			return;
	if (d->nprograms == DENIAL_MAX_PROGRAMS)
		d->more_programs = true;
	else
		d->programs[d->nprograms++] = xstrdup(exe);
}

/* A denial of the run: keep it, and wait for its event's process. */
static void adopt(struct denial_collector *c, struct denial *d, uint64_t serial,
		  long domain)
{
	struct pending_program *p = &c->pending[c->pending_next];
	size_t i;

	d->nested = c->domains[domain].nested;
	i = insert(c, d);
	c->pending_next = (c->pending_next + 1) % PENDING_MAX;
	p->serial = serial;
	p->denial = i + 1;
	/* Until a SYSCALL record names the process: the domain's creator. */
	if (c->denials[i].nprograms == 0) {
		add_program(&c->denials[i], c->domains[domain].exe);
		c->denials[i].program_guessed = true;
	}
}

static void hold(struct denial_collector *c, uint64_t domain, uint64_t serial,
		 struct denial *d)
{
	struct held_record *h = &c->held[c->held_next];

	c->held_next = (c->held_next + 1) % HELD_MAX;
	denial_free(&h->d);
	h->domain = domain;
	h->serial = serial;
	h->d = *d;
	memset(d, 0, sizeof(*d));
}

static void access_record(struct denial_collector *c,
			  const struct audit_record *r)
{
	struct denial d;
	long domain = domain_index(c, r->domain);

	denial_from_record(r, &d);
	if (domain >= 0)
		adopt(c, &d, r->serial, domain);
	else
		hold(c, r->domain, r->serial, &d);
}

static void add_domain(struct denial_collector *c, uint64_t id,
		       const char *exe, bool nested)
{
	if (c->ndomains == c->domains_cap) {
		c->domains_cap = c->domains_cap ? 2 * c->domains_cap : 4;
		c->domains = xrealloc(c->domains,
				      c->domains_cap * sizeof(*c->domains));
	}
	c->domains[c->ndomains].id = id;
	c->domains[c->ndomains].exe = xstrdup(exe);
	c->domains[c->ndomains++].nested = nested;
}

/* A domain of the run: its held denials are the run's too. */
static void take_domain(struct denial_collector *c, uint64_t id,
			const char *exe, bool nested)
{
	long domain;

	add_domain(c, id, exe, nested);
	domain = (long)c->ndomains - 1;
	for (size_t n = 0; n < HELD_MAX; n++) {
		/* Oldest first: the report keeps the kernel's order. */
		struct held_record *h = &c->held[(c->held_next + n) % HELD_MAX];

		if (h->d.object && h->domain == id)
			adopt(c, &h->d, h->serial, domain);
	}
}

/*
 * A new domain is the run's if its creator belongs to the run's tree.  A
 * creator that has already exited is judged by its event's SYSCALL record:
 * the process denied (in the domain, so in the creator's tree) or its
 * parent.
 */
static void domain_record(struct denial_collector *c,
			  const struct audit_record *r)
{
	struct undecided_domain *u;
	enum pid_owner owner;

	if (!r->allocated || domain_index(c, r->domain) >= 0)
		return;
	owner = c->owner_of(r->pid, c->arg);
	if (owner != PID_OTHER) {
		add_pid(c, r->pid);
		take_domain(c, r->domain, r->exe.s, owner != PID_COMMAND);
		return;
	}
	u = &c->undecided[c->undecided_next];
	c->undecided_next = (c->undecided_next + 1) % UNDECIDED_MAX;
	u->domain = r->domain;
	u->serial = r->serial;
	snprintf(u->exe, sizeof(u->exe), "%s", r->exe.s);
}

static void decide_domains(struct denial_collector *c,
			   const struct audit_record *r)
{
	for (size_t i = 0; i < UNDECIDED_MAX; i++) {
		struct undecided_domain *u = &c->undecided[i];

		if (!u->domain || u->serial != r->serial)
			continue;
		/* Its creator was not the command: that one is still there. */
		if (c->owner_of(r->pid, c->arg) != PID_OTHER ||
		    c->owner_of(r->ppid, c->arg) != PID_OTHER)
			take_domain(c, u->domain, u->exe, true);
		u->domain = 0;
	}
}

/* The process of an event: the program that hit its denials. */
static void syscall_record(struct denial_collector *c,
			   const struct audit_record *r)
{
	decide_domains(c, r);
	for (size_t i = 0; i < PENDING_MAX; i++) {
		struct pending_program *p = &c->pending[i];
		struct denial *d;

		if (!p->denial || p->serial != r->serial)
			continue;
		d = &c->denials[p->denial - 1];
		add_pid(c, r->pid);
		if (d->program_guessed) {
			free(d->programs[0]);
			d->nprograms = 0;
			d->program_guessed = false;
		}
		add_program(d, r->exe.s);
		p->denial = 0;
	}
}

/* Kept for denial_collector_finish(): a few, the run's most likely. */
#define UNOWNED_MAX 256

static void hold_unowned(struct denial_collector *c,
			 const struct audit_record *r)
{
	if (c->nunowned == UNOWNED_MAX)
		return;
	if (!c->unowned)
		c->unowned = xcalloc(UNOWNED_MAX, sizeof(*c->unowned));
	c->unowned[c->nunowned++] = *r;
}

/*
 * A call the filter refused, by a process of the run: one still in its
 * tree, or one known from its other records.  (Records name no domain.)
 */
static void seccomp_record(struct denial_collector *c,
			   const struct audit_record *r)
{
	struct filter_call call = { .arch = r->arch, .nr = r->syscall };
	struct denial d = { .class = DENIAL_FILTER, .count = 1 };
	const char *object;

	if (!known_pid(c, r->pid) && c->owner_of(r->pid, c->arg) == PID_OTHER) {
		hold_unowned(c, r);
		return;
	}
	add_pid(c, r->pid);
	filter_refusal_of(&call, c->filter_classes, &d.filter);
	object = filter_refusal_object(&d.filter);
	denial_set_object(&d, object, strlen(object));
	denial_collector_take(c, &d, r->exe.s);
}

void denial_collector_finish(struct denial_collector *c)
{
	size_t n = c->nunowned;

	c->nunowned = UNOWNED_MAX; /* nothing held again */
	for (size_t i = 0; i < n; i++)
		if (c->owner_of(c->unowned[i].pid, c->arg) != PID_OTHER)
			seccomp_record(c, &c->unowned[i]);
	free(c->unowned);
	c->unowned = NULL;
	c->nunowned = 0;
}

void denial_collector_take(struct denial_collector *c, struct denial *d,
			   const char *exe)
{
	size_t i = insert(c, d);

	add_program(&c->denials[i], exe);
}

void denial_collector_add(struct denial_collector *c,
			  const struct audit_record *r)
{
	switch (r->type) {
	case AUDIT_REC_LANDLOCK_ACCESS:
		access_record(c, r);
		break;
	case AUDIT_REC_LANDLOCK_DOMAIN:
		domain_record(c, r);
		break;
	case AUDIT_REC_SYSCALL:
		syscall_record(c, r);
		break;
	case AUDIT_REC_SECCOMP:
		seccomp_record(c, r);
		break;
	case AUDIT_REC_TRUSTED_APP:
		if (c->marker[0] && strcmp(r->msg, c->marker) == 0)
			c->marker_seen = true;
		break;
	default:
		break;
	}
}

void denial_collector_feed(struct denial_collector *c, int type,
			   const char *text, size_t len)
{
	struct audit_record r;

	if (audit_record_parse(type, text, len, &r) < 0) {
		c->malformed++;
		log_debug("skipped a malformed audit record of type %d", type);
		return;
	}
	denial_collector_add(c, &r);
}

/* ---- Report order ---- */

static int compare_denials(const void *a, const void *b)
{
	const struct denial *x = a, *y = b;
	size_t n = x->object_len < y->object_len ? x->object_len :
						   y->object_len;
	int cmp;

	if (x->nested != y->nested)
		return x->nested ? 1 : -1;
	if (x->class != y->class)
		return x->class < y->class ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	cmp = memcmp(x->object, y->object, n);
	if (cmp)
		return cmp;
	return x->object_len < y->object_len ? -1 :
	       x->object_len > y->object_len;
}

void denial_collector_sort(struct denial_collector *c)
{
	if (c->ndenials) /* qsort(NULL, 0) is undefined */
		qsort(c->denials, c->ndenials, sizeof(*c->denials),
		      compare_denials);
	/* Indexes are stale now: no more records after sorting. */
	free(c->index);
	c->index = NULL;
	c->index_cap = 0;
	memset(c->pending, 0, PENDING_MAX * sizeof(*c->pending));
}

/* ---- Options and words ---- */

const char *rule_set_name(unsigned set)
{
	switch (set) {
	case LL_SET_RO:
		return "ro";
	case LL_SET_ROX:
		return "rox";
	case LL_SET_RW:
		return "rw";
	case LL_SET_RWX:
		return "rwx";
	case LL_SET_DENY:
		return "deny";
	case LL_SET_READ_ONLY:
		return "read_only"; /* as a config key; the option has '-' */
	default:
		return "unix";
	}
}

static unsigned fs_set(uint64_t fs)
{
	unsigned set = 0;

	if (fs & ~(uint64_t)LL_FS_RESOLVE_UNIX)
		set = (fs & LL_FS_NEEDS_WRITE) ? LL_SET_RW : LL_SET_RO;
	if (fs & LL_FS_EXECUTE)
		set |= LL_SET_EXEC;
	/* Connecting to a unix socket is its own option (ABI 9): --unix. */
	return set ? set : LL_SET_UNIX;
}

const char *rule_path_problem(const char *path, size_t len)
{
	if (len == 0 || path[0] != '/')
		return "no option: the kernel did not name an absolute path";
	if (strlen(path) != len)
		return "no option: the path holds a NUL byte";
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
			return "no option: the path holds control characters";
	if (strchr(path, ':'))
		return "no option: the path holds ':', the separator of the "
		       "shim's variables";
	if (path[len - 1] == '?')
		return "no option: the path ends in '?', which marks an "
		       "optional path";
	return NULL;
}

/* Single quotes unless every byte is safe bare; no control bytes here. */
static void shell_quote(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789/._-+=@%^") == strlen(s)) {
		snprintf(buf, size, "%s", s);
		return;
	}
	buf[n++] = '\'';
	for (; *s && n + 6 < size; s++) {
		if (*s == '\'') {
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else {
			buf[n++] = *s;
		}
	}
	buf[n++] = '\'';
	buf[n] = '\0';
}

void rule_option(const struct rule *r, char *buf, size_t size)
{
	char quoted[2 * PATH_MAX];

	switch (r->kind) {
	case RULE_PATH:
		/* The command line splits on commas; a file does not. */
		if (strchr(r->path, ','))
			snprintf(buf, size, "in a config file: %s = [ \"%s\" ]",
				 rule_set_name(r->set), r->path);
		else {
			shell_quote(r->path, quoted, sizeof(quoted));
			snprintf(buf, size, "--%s %s", rule_set_name(r->set),
				 quoted);
		}
		return;
	case RULE_BIND:
	case RULE_CONNECT:
		snprintf(buf, size, "--%s-tcp %u",
			 r->kind == RULE_BIND ? "bind" : "connect", r->port);
		return;
	case RULE_FLAG:
		snprintf(buf, size, "%s", r->flag);
		return;
	case RULE_NONE:
	case RULE_HINT:
		snprintf(buf, size, "%s", r->why_not);
		return;
	}
}

static const char *why_not(unsigned other)
{
	if (other & AUDIT_BLOCK_CHANGE_TOPOLOGY)
		return "no option: a sandbox may never mount or unmount";
	if (other & AUDIT_BLOCK_PTRACE)
		return "no option: a sandbox may never trace a process "
		       "outside it";
	return "no option known: a right this landshim does not know";
}

void denial_rule(const struct denial *d, struct rule *r)
{
	memset(r, 0, sizeof(*r));
	if (d->nested) {
		r->why_not = "no option: a sandbox that the command set up "
			     "itself denied it";
		return;
	}
	switch (d->class) {
	case DENIAL_FS:
		r->why_not = rule_path_problem(d->object, d->object_len);
		if (r->why_not)
			return;
		r->kind = RULE_PATH;
		r->set = fs_set(d->fs);
		r->path = d->object;
		return;
	case DENIAL_BIND:
	case DENIAL_CONNECT:
		r->kind = d->class == DENIAL_BIND ? RULE_BIND : RULE_CONNECT;
		r->port = d->port;
		return;
	case DENIAL_SIGNAL:
	case DENIAL_ABSTRACT:
		r->kind = RULE_FLAG;
		r->flag = "--unrestricted-scope";
		return;
	case DENIAL_FILTER:
		r->flag = filter_refusal_option(&d->filter, &r->why_not);
		r->kind = r->flag				 ? RULE_FLAG
			  : filter_refusal_is_choice(&d->filter) ? RULE_HINT
								 : RULE_NONE;
		return;
	case DENIAL_OTHER:
		r->why_not = why_not(d->other);
		return;
	}
}

static void append_word(char *buf, size_t size, const char *word)
{
	size_t n = strlen(buf);

	snprintf(buf + n, size - n, "%s%s", n ? ", " : "", word);
}

static const char *fs_word(uint64_t bit)
{
	static const char *const words[] = {
		"execute",	   "write",	      "read",
		"list",		   "remove dir",      "remove file",
		"create device",   "create dir",      "create file",
		"create socket",   "create fifo",     "create device",
		"create symlink",  "link or rename",  "truncate",
		"ioctl",	   "connect socket",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (bit == 1ULL << i)
			return words[i];
	return "unknown";
}

void denial_rights(const struct denial *d, char *buf, size_t size)
{
	static const char *const words[] = {
		[DENIAL_BIND] = "bind",
		[DENIAL_CONNECT] = "connect",
		[DENIAL_SIGNAL] = "signal",
		[DENIAL_ABSTRACT] = "connect abstract socket",
	};

	uint64_t fs = d->fs;

	buf[0] = '\0';
	/* One "create device" for both kinds. */
	if (fs & LL_FS_MAKE_BLOCK)
		fs = (fs & ~LL_FS_MAKE_BLOCK) | LL_FS_MAKE_CHAR;
	if (d->class == DENIAL_FS) {
		for (unsigned b = 0; b < 64; b++)
			if (fs & (1ULL << b))
				append_word(buf, size, fs_word(1ULL << b));
	} else if (d->class == DENIAL_FILTER) {
		append_word(buf, size, filter_refusal_right(&d->filter));
	} else if (d->class == DENIAL_OTHER) {
		if (d->other & AUDIT_BLOCK_PTRACE)
			append_word(buf, size, "ptrace");
		if (d->other & AUDIT_BLOCK_CHANGE_TOPOLOGY)
			append_word(buf, size, "mount");
		if (d->other & AUDIT_BLOCK_UNKNOWN)
			append_word(buf, size, "unknown");
	} else {
		append_word(buf, size, words[d->class]);
	}
}

bool denial_in_dir(const struct denial *d)
{
	return d->class == DENIAL_FS && !(d->fs & ~(uint64_t)LL_FS_IN_DIR);
}

char *denial_escape(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 5 < size; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\\')
			n += (size_t)snprintf(buf + n, size - n, "\\\\");
		else if (ch >= 0x20 && ch < 0x7f)
			buf[n++] = (char)ch;
		else
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", ch);
	}
	buf[n] = '\0';
	return buf;
}
