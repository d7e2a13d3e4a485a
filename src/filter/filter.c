// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The seccomp filter: one table of rules (below), compiled to classic BPF
 * with the kernel's UAPI macros, and its installer.  See filter.h.
 *
 * Every argument the rules compare is an int, an unsigned int or a mode_t
 * in the kernel's prototype, which the kernel truncates to 32 bits: only
 * the low 32 bits are loaded, so high bits an attacker sets change nothing
 * here either.  The i386 entry passes the same arguments in the same
 * order (socket(2) and the others have direct i386 numbers), so both
 * architectures dispatch to the same blocks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <linux/audit.h>
#include <linux/seccomp.h>

#include "filter.h"
#include "filter_syscalls.h"
#include "rawsys.h"

#define ARCH_NATIVE FILTER_ARCH_NATIVE
#if defined(FILTER_ARCH_COMPAT)
#define ARCH_COMPAT FILTER_ARCH_COMPAT
#define X32_SYSCALL_BIT 0x40000000U
#endif

#ifndef SYS_seccomp
#define SYS_seccomp __NR_seccomp
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC_ESRCH
#define SECCOMP_FILTER_FLAG_TSYNC_ESRCH (1UL << 4)
#endif

/* The kernel's SOCK_TYPE_MASK: the type without SOCK_NONBLOCK/CLOEXEC. */
#define SOCK_TYPE_BITS 0xfU
#define SETID_BITS ((uint32_t)(S_ISUID | S_ISGID))
/* The open flags that make the mode argument count. */
#define CREATES ((uint32_t)(O_CREAT | (O_TMPFILE & ~O_DIRECTORY)))

#define RET_ALLOW 0 /* a rule's ret: stop here and allow */

/* One test on one argument: (arg & mask) == k or k2, or JSET k. */
struct filter_cond {
	unsigned char arg;   /* 1 + the argument's index; 0 ends the list */
	unsigned char op;    /* OP_* */
	bool negate;	     /* OP_EQ: matches when neither value is */
	uint32_t mask;	     /* OP_EQ: 0 for none */
	uint32_t k, k2;	     /* OP_EQ: two values (k2 == k for one) */
};

enum { OP_EQ = 1, OP_SET };

#define EQ(a, v) { (a) + 1, OP_EQ, false, 0, (v), (v) }
#define EQ2(a, v, w) { (a) + 1, OP_EQ, false, 0, (v), (w) }
#define NE(a, v) { (a) + 1, OP_EQ, true, 0, (v), (v) }
#define NE2(a, v, w) { (a) + 1, OP_EQ, true, 0, (v), (w) }
#define TYPE_EQ(a, v) { (a) + 1, OP_EQ, false, SOCK_TYPE_BITS, (v), (v) }
#define TYPE_EQ2(a, v, w) { (a) + 1, OP_EQ, false, SOCK_TYPE_BITS, (v), (w) }
#define SET(a, bits) { (a) + 1, OP_SET, false, 0, (bits), 0 }

#define MAX_CONDS 2

/*
 * A rule applies to a filter whose classes include all of @need and none
 * of @unless.  The first rule of a system call whose conditions all hold
 * decides: its errno, or RET_ALLOW.  No rule holding: allowed.
 */
struct filter_rule {
	enum filter_syscall sys;
	unsigned need, unless;
	struct filter_cond cond[MAX_CONDS];
	int ret;
	enum filter_kind kind; /* for --why's words; 0 when it allows */
	const char *what;
	const char *option; /* what lifts it; NULL: nothing does */
};

#define W_SETID "a setuid or setgid mode (a file left for others to run)"
#define W_FASTOPEN "TCP Fast Open (MSG_FASTOPEN connects without connect())"
#define W_URING "io_uring (its operations never pass through the filter)"
#define W_SOCKETCALL \
	"socketcall (i386; its arguments cannot be inspected)"
#define LIFT_NET "--unrestricted-network"
#define LIFT_UNIX "--unrestricted-unix"

#define ALWAYS FILTER_ALWAYS
#define NET FILTER_NET
#define K(name) FILTER_KIND_##name
#define ALLOWED 0, NULL, NULL /* the kind, what and option of RET_ALLOW */

static const struct filter_rule rules[] = {
	/* Decision 17, whatever is unrestricted. */
	{ FSYS_ioctl, ALWAYS, 0, { EQ2(1, TIOCSTI, TIOCLINUX) }, EPERM,
	  K(TERMINAL), "TIOCSTI or TIOCLINUX (typing into the terminal)",
	  NULL },
	{ FSYS_chmod, ALWAYS, 0, { SET(1, SETID_BITS) }, EPERM, K(SETID_MODE),
	  W_SETID, NULL },
	{ FSYS_fchmod, ALWAYS, 0, { SET(1, SETID_BITS) }, EPERM, K(SETID_MODE),
	  W_SETID, NULL },
	{ FSYS_fchmodat, ALWAYS, 0, { SET(2, SETID_BITS) }, EPERM,
	  K(SETID_MODE), W_SETID, NULL },
	{ FSYS_fchmodat2, ALWAYS, 0, { SET(2, SETID_BITS) }, EPERM,
	  K(SETID_MODE), W_SETID, NULL },
	/* The same bits through creation, which decision 17 misses. */
	{ FSYS_open, ALWAYS, 0, { SET(1, CREATES), SET(2, SETID_BITS) }, EPERM,
	  K(SETID_CREATE), W_SETID, NULL },
	{ FSYS_openat, ALWAYS, 0, { SET(2, CREATES), SET(3, SETID_BITS) },
	  EPERM, K(SETID_CREATE), W_SETID, NULL },
	{ FSYS_creat, ALWAYS, 0, { SET(1, SETID_BITS) }, EPERM,
	  K(SETID_CREATE), W_SETID, NULL },
	{ FSYS_mknod, ALWAYS, 0, { SET(1, SETID_BITS) }, EPERM,
	  K(SETID_CREATE), W_SETID, NULL },
	{ FSYS_mknodat, ALWAYS, 0, { SET(2, SETID_BITS) }, EPERM,
	  K(SETID_CREATE), W_SETID, NULL },
	{ FSYS_openat2, ALWAYS, 0, { { 0 } }, ENOSYS, K(OPENAT2),
	  "openat2 (its mode is behind a pointer; callers fall back to "
	  "openat)",
	  NULL },
	/* Its IORING_OP_OPENAT creates files of any mode, its send
	 * operations skip the network rules. */
	{ FSYS_io_uring_setup, ALWAYS, 0, { { 0 } }, ENOSYS, K(IO_URING),
	  W_URING, NULL },
	{ FSYS_io_uring_enter, ALWAYS, 0, { { 0 } }, ENOSYS, K(IO_URING),
	  W_URING, NULL },
	{ FSYS_io_uring_register, ALWAYS, 0, { { 0 } }, ENOSYS, K(IO_URING),
	  W_URING, NULL },

	/* Decision 18: before any rule that allows AF_UNIX. */
	{ FSYS_socket, FILTER_UNIX, 0, { EQ(0, AF_UNIX) }, EACCES, K(UNIX),
	  "a unix socket (Landlock below ABI 9 cannot restrict pathname "
	  "sockets)",
	  LIFT_UNIX },
	{ FSYS_socketcall, FILTER_UNIX, 0, { { 0 } }, ENOSYS, K(SOCKETCALL),
	  W_SOCKETCALL, LIFT_UNIX },

	/* Decision 15. */
	{ FSYS_socket, NET, 0, { EQ2(0, AF_UNIX, AF_NETLINK) }, RET_ALLOW,
	  ALLOWED },
	{ FSYS_socket, NET, 0, { NE2(0, AF_INET, AF_INET6) }, EAFNOSUPPORT,
	  K(FAMILY),
	  "a socket family other than unix, inet, inet6 and netlink "
	  "(packet, vsock, bluetooth, ...)",
	  LIFT_NET },
	{ FSYS_socket, NET, 0,
	  { TYPE_EQ(1, SOCK_STREAM), EQ2(2, 0, IPPROTO_TCP) }, RET_ALLOW,
	  ALLOWED },
	/* SOCK_SEQPACKET in inet is SCTP's only. */
	{ FSYS_socket, NET, 0, { TYPE_EQ2(1, SOCK_STREAM, SOCK_SEQPACKET) },
	  EPROTONOSUPPORT, K(PROTOCOL),
	  "MPTCP or SCTP (Landlock's TCP rules do not see them; callers fall "
	  "back to TCP)",
	  LIFT_NET },
	{ FSYS_socket, NET | FILTER_UDP, 0,
	  { TYPE_EQ(1, SOCK_DGRAM), EQ2(2, 0, IPPROTO_UDP) }, RET_ALLOW,
	  ALLOWED },
	{ FSYS_socket, NET, FILTER_UDP,
	  { TYPE_EQ(1, SOCK_DGRAM), EQ2(2, 0, IPPROTO_UDP) }, EACCES, K(UDP),
	  "a UDP socket",
	  "--connect-udp PORT or --bind-udp PORT (or --unrestricted-network)" },
	{ FSYS_socket, NET, 0, { { 0 } }, EACCES, K(RAW),
	  "an ICMP, raw or packet socket", LIFT_NET },
	{ FSYS_socketpair, NET, 0, { NE(0, AF_UNIX) }, EAFNOSUPPORT,
	  K(PAIR_FAMILY), "a socket pair of a family other than unix",
	  LIFT_NET },
	{ FSYS_sendto, NET, 0, { SET(3, MSG_FASTOPEN) }, EOPNOTSUPP,
	  K(FASTOPEN), W_FASTOPEN, LIFT_NET },
	{ FSYS_sendmsg, NET, 0, { SET(2, MSG_FASTOPEN) }, EOPNOTSUPP,
	  K(FASTOPEN), W_FASTOPEN, LIFT_NET },
	{ FSYS_sendmmsg, NET, 0, { SET(3, MSG_FASTOPEN) }, EOPNOTSUPP,
	  K(FASTOPEN), W_FASTOPEN, LIFT_NET },
	{ FSYS_socketcall, NET, 0, { { 0 } }, ENOSYS, K(SOCKETCALL),
	  W_SOCKETCALL, LIFT_NET },
};

#define N_RULES (sizeof(rules) / sizeof(*rules))

static bool rule_applies(const struct filter_rule *r, unsigned classes)
{
	return (classes & r->need) == r->need && !(classes & r->unless);
}

/* ---- An assembler with forward labels ---- */

#define MAX_LABELS 160
#define MAX_FIXUPS 320
#define MAX_RETS 16

enum fixup_field { FIX_JT, FIX_JF, FIX_JA };

struct fixup {
	unsigned short at, label;
	enum fixup_field field;
};

struct bpf_asm {
	struct filter_prog *prog;
	int label_at[MAX_LABELS]; /* -1 until bound */
	unsigned nlabels;
	struct fixup fix[MAX_FIXUPS];
	unsigned nfix;
	/* The shared returns, emitted last: one per action. */
	uint32_t ret_action[MAX_RETS];
	unsigned ret_label[MAX_RETS], nrets;
	bool full;
};

/* A jump target meaning the next instruction (offset 0). */
#define NEXT 0xffffU

static unsigned new_label(struct bpf_asm *a)
{
	if (a->nlabels == MAX_LABELS) {
		a->full = true;
		return NEXT;
	}
	a->label_at[a->nlabels] = -1;
	return a->nlabels++;
}

static void bind_label(struct bpf_asm *a, unsigned label)
{
	if (label != NEXT)
		a->label_at[label] = a->prog->len;
}

/* The label of the one RET of @action. */
static unsigned ret_label(struct bpf_asm *a, uint32_t action)
{
	for (unsigned i = 0; i < a->nrets; i++)
		if (a->ret_action[i] == action)
			return a->ret_label[i];
	if (a->nrets == MAX_RETS) {
		a->full = true;
		return NEXT;
	}
	a->ret_action[a->nrets] = action;
	return a->ret_label[a->nrets++] = new_label(a);
}

static void add_fixup(struct bpf_asm *a, unsigned label,
		      enum fixup_field field)
{
	if (label == NEXT)
		return;
	if (a->nfix == MAX_FIXUPS) {
		a->full = true;
		return;
	}
	a->fix[a->nfix++] = (struct fixup){ (unsigned short)(a->prog->len - 1),
					    (unsigned short)label, field };
}

static void emit(struct bpf_asm *a, unsigned short code, uint32_t k)
{
	if (a->prog->len == FILTER_MAX_INSNS) {
		a->full = true;
		return;
	}
	a->prog->insn[a->prog->len++] =
		(struct sock_filter)BPF_STMT(code, k);
}

static void emit_jump(struct bpf_asm *a, unsigned short op, uint32_t k,
		      unsigned jt, unsigned jf)
{
	emit(a, BPF_JMP | op | BPF_K, k);
	add_fixup(a, jt, FIX_JT);
	add_fixup(a, jf, FIX_JF);
}

static void emit_goto(struct bpf_asm *a, unsigned label)
{
	emit(a, BPF_JMP | BPF_JA, 0);
	add_fixup(a, label, FIX_JA);
}

static void emit_load(struct bpf_asm *a, uint32_t offset)
{
	emit(a, BPF_LD | BPF_W | BPF_ABS, offset);
}

static void emit_returns(struct bpf_asm *a)
{
	for (unsigned i = 0; i < a->nrets; i++) {
		bind_label(a, a->ret_label[i]);
		emit(a, BPF_RET | BPF_K, a->ret_action[i]);
	}
}

/*
 * Conditional jumps reach 255 instructions ahead: the whole program is
 * about a hundred, and test_filter builds every combination of classes.
 */
static int resolve(struct bpf_asm *a)
{
	if (a->full)
		return -1;
	for (unsigned i = 0; i < a->nfix; i++) {
		const struct fixup *f = &a->fix[i];
		struct sock_filter *in = &a->prog->insn[f->at];
		int to = a->label_at[f->label];
		int off = to - (f->at + 1);

		if (to < 0 || off < 0 || (f->field != FIX_JA && off > 255))
			return -1;
		if (f->field == FIX_JT)
			in->jt = (unsigned char)off;
		else if (f->field == FIX_JF)
			in->jf = (unsigned char)off;
		else
			in->k = (uint32_t)off;
	}
	return 0;
}

/* ---- The program ---- */

static uint32_t rule_action(const struct filter_rule *r)
{
	if (r->ret == RET_ALLOW)
		return SECCOMP_RET_ALLOW;
	return SECCOMP_RET_ERRNO | ((uint32_t)r->ret & SECCOMP_RET_DATA);
}

static uint32_t arg_low_word(unsigned index)
{
	uint32_t off = (uint32_t)offsetof(struct seccomp_data, args[index]);

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	off += 4;
#endif
	return off;
}

static unsigned n_conds(const struct filter_rule *r)
{
	unsigned n = 0;

	while (n < MAX_CONDS && r->cond[n].arg)
		n++;
	return n;
}

/* What the accumulator holds: an argument (1-based), masked; 0: unknown. */
struct acc {
	unsigned char arg;
	uint32_t mask;
};

static void load_arg(struct bpf_asm *a, const struct filter_cond *c,
		     struct acc *acc)
{
	if (acc->arg == c->arg && acc->mask == c->mask)
		return;
	emit_load(a, arg_low_word(c->arg - 1U));
	if (c->mask)
		emit(a, BPF_ALU | BPF_AND | BPF_K, c->mask);
	*acc = (struct acc){ c->arg, c->mask };
}

/* Jump to @yes if @c holds, to @no if not (either may be NEXT). */
static void emit_cond(struct bpf_asm *a, const struct filter_cond *c,
		      unsigned yes, unsigned no)
{
	unsigned after;

	if (c->op == OP_SET) {
		emit_jump(a, BPF_JSET, c->k, yes, no);
	} else if (c->k == c->k2) {
		emit_jump(a, BPF_JEQ, c->k, c->negate ? no : yes,
			  c->negate ? yes : no);
	} else if (c->negate) {
		emit_jump(a, BPF_JEQ, c->k, no, NEXT);
		emit_jump(a, BPF_JEQ, c->k2, no, yes);
	} else {
		after = yes == NEXT ? new_label(a) : yes;
		emit_jump(a, BPF_JEQ, c->k, after, NEXT);
		emit_jump(a, BPF_JEQ, c->k2, yes, no);
		if (yes == NEXT)
			bind_label(a, after);
	}
}

/* The accumulator where @r's conditions fail: known if all load alike. */
static struct acc acc_after(const struct filter_rule *r)
{
	unsigned n = n_conds(r);

	for (unsigned i = 1; i < n; i++)
		if (r->cond[i].arg != r->cond[0].arg ||
		    r->cond[i].mask != r->cond[0].mask)
			return (struct acc){ 0, 0 };
	return (struct acc){ r->cond[0].arg, r->cond[0].mask };
}

/* @r's conditions: all hold, its action; one fails, @no. */
static void emit_rule(struct bpf_asm *a, const struct filter_rule *r,
		      unsigned no, struct acc *acc)
{
	unsigned n = n_conds(r), done = ret_label(a, rule_action(r));

	if (n == 0) {
		emit_goto(a, done);
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		load_arg(a, &r->cond[i], acc);
		emit_cond(a, &r->cond[i], i + 1 == n ? done : NEXT, no);
	}
	*acc = acc_after(r);
}

/* The rules of @sys that a filter of @classes has, up to the first that
 * always holds (those after it are never reached). */
static unsigned block_rules(enum filter_syscall sys, unsigned classes,
			    const struct filter_rule **out)
{
	unsigned n = 0;

	for (size_t i = 0; i < N_RULES; i++) {
		if (rules[i].sys != sys || !rule_applies(&rules[i], classes))
			continue;
		out[n++] = &rules[i];
		if (n_conds(&rules[i]) == 0)
			break;
	}
	return n;
}

static bool same_rule(const struct filter_rule *x, const struct filter_rule *y)
{
	if (x->ret != y->ret)
		return false;
	for (unsigned i = 0; i < MAX_CONDS; i++) {
		const struct filter_cond *c = &x->cond[i], *d = &y->cond[i];

		if (c->arg != d->arg || c->op != d->op ||
		    c->negate != d->negate || c->mask != d->mask ||
		    c->k != d->k || c->k2 != d->k2)
			return false;
	}
	return true;
}

struct block {
	const struct filter_rule *rule[N_RULES];
	unsigned n;
	unsigned label; /* NEXT: the call is not inspected */
	bool emit;	/* code of its own (not another's, not a bare RET) */
};

static bool same_block(const struct block *x, const struct block *y)
{
	if (x->n != y->n)
		return false;
	for (unsigned i = 0; i < x->n; i++)
		if (!same_rule(x->rule[i], y->rule[i]))
			return false;
	return true;
}

/*
 * Each inspected call's block; calls whose rules are alike share one
 * (chmod, fchmod, creat and mknod test the same argument), and a call
 * always refused jumps straight to the RET of its errno.
 */
static void plan_blocks(struct bpf_asm *a, unsigned classes,
			struct block *b)
{
	for (unsigned s = 0; s < FSYS_COUNT; s++) {
		b[s].n = block_rules(s, classes, b[s].rule);
		b[s].label = NEXT;
		b[s].emit = false;
		if (b[s].n == 0)
			continue;
		if (n_conds(b[s].rule[0]) == 0) {
			b[s].label = ret_label(a, rule_action(b[s].rule[0]));
			continue;
		}
		for (unsigned t = 0; t < s && b[s].label == NEXT; t++)
			if (b[t].emit && same_block(&b[s], &b[t]))
				b[s].label = b[t].label;
		if (b[s].label == NEXT) {
			b[s].label = new_label(a);
			b[s].emit = true;
		}
	}
}

static void emit_block(struct bpf_asm *a, const struct block *b)
{
	unsigned allow = ret_label(a, SECCOMP_RET_ALLOW);
	struct acc acc = { 0, 0 };

	bind_label(a, b->label);
	for (unsigned i = 0; i < b->n; i++) {
		bool last = i + 1 == b->n;
		unsigned no = last ? allow : new_label(a);

		emit_rule(a, b->rule[i], no, &acc);
		if (!last)
			bind_label(a, no);
	}
}

/* The numbers an architecture dispatches on, sorted, with their block. */
struct dispatch {
	uint32_t nr[FSYS_COUNT];
	unsigned label[FSYS_COUNT];
	unsigned n;
};

static void dispatch_fill(struct dispatch *d, const int *nrs,
			  const struct block *b)
{
	d->n = 0;
	for (unsigned s = 0; s < FSYS_COUNT; s++) {
		unsigned i = d->n;

		if (nrs[s] < 0 || b[s].label == NEXT)
			continue;
		for (; i > 0 && d->nr[i - 1] > (uint32_t)nrs[s]; i--) {
			d->nr[i] = d->nr[i - 1];
			d->label[i] = d->label[i - 1];
		}
		d->nr[i] = (uint32_t)nrs[s];
		d->label[i] = b[s].label;
		d->n++;
	}
}

/*
 * A binary search on the number, JEQ to the blocks at the leaves: a call
 * the filter does not inspect costs a handful of constant comparisons,
 * here and in the kernel's emulation for its cache.
 */
static void emit_tree(struct bpf_asm *a, const struct dispatch *d,
		      unsigned lo, unsigned hi)
{
	unsigned allow = ret_label(a, SECCOMP_RET_ALLOW);

	if (hi - lo <= 3) {
		for (unsigned i = lo; i < hi; i++)
			emit_jump(a, BPF_JEQ, d->nr[i], d->label[i],
				  i + 1 == hi ? allow : NEXT);
		if (lo == hi)
			emit_goto(a, allow);
		return;
	}
	unsigned mid = lo + (hi - lo) / 2;
	unsigned right = new_label(a);

	emit_jump(a, BPF_JGE, d->nr[mid], right, NEXT);
	emit_tree(a, d, lo, mid);
	bind_label(a, right);
	emit_tree(a, d, mid, hi);
}

/* Load the number and dispatch; x32's numbers (x86_64's arch with
 * __X32_SYSCALL_BIT) are refused, none inspected. */
static void emit_arch(struct bpf_asm *a, const int *nrs, const struct block *b,
		      bool x32)
{
	struct dispatch d;

	emit_load(a, offsetof(struct seccomp_data, nr));
#if defined(X32_SYSCALL_BIT)
	if (x32)
		emit_jump(a, BPF_JGE, X32_SYSCALL_BIT,
			  ret_label(a, SECCOMP_RET_ERRNO | ENOSYS), NEXT);
#else
	(void)x32;
#endif
	dispatch_fill(&d, nrs, b);
	emit_tree(a, &d, 0, d.n);
}

/*
 * FILTER_TRAP: every errno answer becomes SIGSYS, the errno beside a tag
 * in si_errno, for a tracer to turn back into that errno (--why without
 * audit records).  Untraced, SIGSYS kills: still closed.
 */
static void trap_errnos(struct filter_prog *prog)
{
	for (unsigned i = 0; i < prog->len; i++) {
		struct sock_filter *in = &prog->insn[i];

		if (in->code == (BPF_RET | BPF_K) &&
		    (in->k & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO)
			in->k = SECCOMP_RET_TRAP | FILTER_TRAP_TAG |
				(in->k & FILTER_TRAP_ERRNO);
	}
}

int filter_build(unsigned classes, struct filter_prog *prog)
{
	struct bpf_asm a = { .prog = prog };
	struct block b[FSYS_COUNT];
	/* Any other architecture: nothing it does can be inspected. */
	unsigned kill = ret_label(&a, SECCOMP_RET_KILL_PROCESS);

	prog->len = 0;
	plan_blocks(&a, classes, b);
	emit_load(&a, offsetof(struct seccomp_data, arch));
#if defined(ARCH_COMPAT)
	unsigned compat = new_label(&a);

	emit_jump(&a, BPF_JEQ, ARCH_NATIVE, NEXT, compat);
	emit_arch(&a, filter_nr_native, b, true);
	bind_label(&a, compat);
	emit_jump(&a, BPF_JEQ, ARCH_COMPAT, NEXT, kill);
	emit_arch(&a, filter_nr_i386, b, false);
#else
	emit_jump(&a, BPF_JEQ, ARCH_NATIVE, NEXT, kill);
	emit_arch(&a, filter_nr_native, b, false);
#endif
	for (unsigned s = 0; s < FSYS_COUNT; s++)
		if (b[s].emit)
			emit_block(&a, &b[s]);
	emit_returns(&a);
	if (resolve(&a) < 0)
		return -1;
	if (classes & FILTER_TRAP)
		trap_errnos(prog);
	return 0;
}

/* ---- Installing it ---- */

int filter_install(const struct filter_prog *prog, unsigned flags)
{
	struct sock_fprog fprog = { prog->len, (struct sock_filter *)prog->insn };
	/*
	 * SPEC_ALLOW: a filter would otherwise switch on the speculative
	 * store bypass mitigation where the kernel was booted with
	 * spec_store_bypass_disable=seccomp; it protects a process from its
	 * own untrusted code, and here the whole process is untrusted.
	 */
	unsigned long f = SECCOMP_FILTER_FLAG_SPEC_ALLOW;

	if (flags & FILTER_TSYNC)
		f |= SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
	if (flags & FILTER_LOG)
		f |= SECCOMP_FILTER_FLAG_LOG;
	return (int)raw_result(raw_syscall3(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
					     f, &fprog));
}

int filter_available(void)
{
	uint32_t action = SECCOMP_RET_ERRNO;

	return (int)raw_result(raw_syscall3(SYS_seccomp,
					     SECCOMP_GET_ACTION_AVAIL, 0,
					     &action));
}

/* ---- Explaining a denial ---- */

static bool cond_holds(const struct filter_cond *c, const uint64_t *args)
{
	uint32_t v = (uint32_t)args[c->arg - 1u];

	if (c->op == OP_SET)
		return v & c->k;
	if (c->mask)
		v &= c->mask;
	return (v == c->k || v == c->k2) != c->negate;
}

static bool rule_holds(const struct filter_rule *r, const uint64_t *args)
{
	for (unsigned i = 0; i < MAX_CONDS && r->cond[i].arg; i++)
		if (!cond_holds(&r->cond[i], args))
			return false;
	return true;
}

static int syscall_of(uint32_t arch, int nr)
{
	const int *nrs = NULL;

	if (arch == ARCH_NATIVE)
		nrs = filter_nr_native;
#if defined(ARCH_COMPAT)
	else if (arch == ARCH_COMPAT)
		nrs = filter_nr_i386;
#endif
	for (int s = 0; nrs && nr >= 0 && s < FSYS_COUNT; s++)
		if (nrs[s] == nr)
			return s;
	return -1;
}

static size_t add_lift(struct filter_lift *out, size_t max, size_t n,
		       struct filter_lift lift)
{
	if (n < max)
		out[n] = lift;
	return n + 1;
}

/*
 * The rule of @sys that decides a call under @classes: the first that
 * holds on @args; without them, the first that applies if it holds
 * whatever they are.  NULL: allowed, or unknown without @args.
 */
static const struct filter_rule *deciding_rule(int sys, unsigned classes,
					       const uint64_t *args)
{
	for (size_t i = 0; i < N_RULES; i++) {
		const struct filter_rule *r = &rules[i];

		if ((int)r->sys != sys || !rule_applies(r, classes))
			continue;
		if (!args)
			return n_conds(r) == 0 ? r : NULL;
		if (rule_holds(r, args))
			return r;
	}
	return NULL;
}

/* @r's lift, and the option still needed once its classes are lifted
 * (i386's socketcall is refused by the unix and the network classes). */
static struct filter_lift lift_of(const struct filter_rule *r,
				  unsigned classes, const uint64_t *args)
{
	struct filter_lift l = { r->what, r->option, NULL, r->kind };
	unsigned lifted = classes & ~(r->need & ~(unsigned)FILTER_ALWAYS);
	const struct filter_rule *next;

	if (!r->option || lifted == classes)
		return l;
	next = deciding_rule((int)r->sys, lifted, args);
	if (next && next->ret != RET_ALLOW)
		l.also = next->option;
	return l;
}

static bool arch_inspected(uint32_t arch)
{
#if defined(ARCH_COMPAT)
	if (arch == ARCH_COMPAT)
		return true;
#endif
	return arch == ARCH_NATIVE;
}

size_t filter_explain(unsigned classes, uint32_t arch, int nr, int err,
		      const uint64_t *args, struct filter_lift *out,
		      size_t max)
{
	int sys = syscall_of(arch, nr);
	size_t n = 0;

	/* Killed: an AUDIT_SECCOMP record tells it, without an errno. */
	if (!arch_inspected(arch))
		return err ? 0 :
			     add_lift(out, max, 0,
				      (struct filter_lift){
					      "a system call of an architecture "
					      "not inspected (the process is "
					      "killed)",
					      NULL, NULL, FILTER_KIND_FOREIGN_ARCH });
#if defined(X32_SYSCALL_BIT)
	if (arch == ARCH_NATIVE && ((uint32_t)nr & X32_SYSCALL_BIT))
		return err && err != ENOSYS ?
			       0 :
			       add_lift(out, max, 0,
					(struct filter_lift){
						"an x32 system call (not "
						"inspected)",
						NULL, NULL, FILTER_KIND_X32 });
#endif
	for (size_t i = 0; sys >= 0 && i < N_RULES; i++) {
		const struct filter_rule *r = &rules[i];
		bool denies = r->ret != RET_ALLOW && (!err || r->ret == err);

		if ((int)r->sys != sys || !rule_applies(r, classes))
			continue;
		if (args && rule_holds(r, args))
			return denies ? add_lift(out, max, 0,
						 lift_of(r, classes, args)) :
					0;
		if (!args && denies)
			n = add_lift(out, max, n, lift_of(r, classes, NULL));
		/* Without arguments: the rules after one that always holds
		 * are never reached. */
		if (!args && n_conds(r) == 0)
			break;
	}
	return n;
}

bool filter_rule_at(size_t i, struct filter_rule_info *out)
{
	const struct filter_rule *r;

	if (i >= N_RULES)
		return false;
	r = &rules[i];
	*out = (struct filter_rule_info){
		(int)r->sys, r->need, r->unless,
		r->ret == RET_ALLOW ? 0 : r->ret,
		{ r->what, r->option, NULL, r->kind },
	};
	return true;
}

const char *filter_class_what(unsigned class_bit)
{
	switch (class_bit) {
	case FILTER_ALWAYS:
		return "always: TIOCSTI and TIOCLINUX; setuid and setgid modes "
		       "(chmod, open, creat, mknod); openat2, io_uring";
	case FILTER_NET:
		return "network: UDP, ICMP and raw sockets; families but unix, "
		       "inet, inet6 and netlink; MPTCP, SCTP; TCP Fast Open";
	case FILTER_UDP:
		return "UDP sockets allowed (UDP rules)";
	case FILTER_UNIX:
		return "unix sockets: socket(AF_UNIX) refused (socketpair "
		       "works)";
	default:
		return "unknown";
	}
}
