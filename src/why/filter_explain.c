// SPDX-License-Identifier: GPL-2.0-or-later
/* A call the seccomp filter refused -> its rules' words and options. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "filter_explain.h"

/* The words of one kind of refusal (enum filter_kind). */
struct kind_words {
	const char *right, *object;
	/* Among other kinds: the object, and what follows its option
	 * ("--unrestricted-unix (unix)"). */
	const char *unseen, *label;
	/* Ports to choose instead of one switch: the text, and its short
	 * form among other options. */
	const char *choice, *choice_short;
	const char *why_not; /* when nothing lifts it */
};

#define SOCKET(obj, lbl)                                             \
	.right = "create socket", .object = (obj),                    \
	.unseen = "socket (kind unseen)", .label = (lbl)
#define NO_SETID "no option: a sandbox may never make a file setuid or setgid"
#define NO_INSPECT \
	"no option: the filter refuses system calls it cannot inspect"

static const struct kind_words words[FILTER_KIND_COUNT] = {
	[FILTER_KIND_NONE] = { .right = "system call",
			       .object = "refused by the filter",
			       .why_not = "no option known: a refusal this "
					  "landshim cannot name" },
	[FILTER_KIND_TERMINAL] = { .right = "ioctl",
				   .object = "TIOCSTI or TIOCLINUX on a "
					     "terminal",
				   .label = "a terminal",
				   .why_not = "no option: a sandbox may never "
					      "type into a terminal" },
	[FILTER_KIND_SETID_MODE] = { .right = "chmod",
				     .object = "setuid or setgid bit",
				     .label = "setuid", .why_not = NO_SETID },
	[FILTER_KIND_SETID_CREATE] = { .right = "create file",
				       .object = "setuid or setgid bit",
				       .label = "setuid", .why_not = NO_SETID },
	[FILTER_KIND_OPENAT2] = { .right = "openat2",
				  .object = "openat2 (its mode is unseen)",
				  .label = "openat2",
				  .why_not = "no option: the filter cannot see "
					     "openat2's mode (callers fall "
					     "back to openat)" },
	[FILTER_KIND_IO_URING] = { .right = "io_uring",
				   .object = "io_uring (bypasses the filter)",
				   .label = "io_uring",
				   .why_not = "no option: io_uring's "
					      "operations would pass by the "
					      "filter" },
	[FILTER_KIND_UNIX] = { SOCKET("unix socket", "unix") },
	[FILTER_KIND_FAMILY] = { SOCKET("socket of another family (packet, "
					"vsock...)",
					"another family") },
	[FILTER_KIND_PAIR_FAMILY] = { .right = "create socket pair",
				      .object = "socket pair of a family but "
						"unix",
				      .label = "another family" },
	[FILTER_KIND_PROTOCOL] = { SOCKET("MPTCP or SCTP socket",
					  "MPTCP, SCTP") },
	[FILTER_KIND_UDP] = { SOCKET("UDP socket", "UDP"),
			      .choice = "--connect-udp PORTS (to send), "
					"--bind-udp PORTS (to receive): the "
					"ports are yours to choose",
			      .choice_short = "--connect-udp PORTS" },
	[FILTER_KIND_RAW] = { SOCKET("raw or ICMP socket", "raw") },
	[FILTER_KIND_FASTOPEN] = { .right = "send",
				   .object = "TCP Fast Open (MSG_FASTOPEN)",
				   .label = "Fast Open" },
	[FILTER_KIND_SOCKETCALL] = { .right = "socketcall",
				     .object = "i386 socketcall (arguments "
					       "unseen)",
				     .label = "socketcall" },
	[FILTER_KIND_X32] = { .right = "system call",
			      .object = "x32 system call", .label = "x32",
			      .why_not = NO_INSPECT },
	[FILTER_KIND_FOREIGN_ARCH] = { .right = "system call",
				       .object = "system call of another "
						 "architecture",
				       .label = "another architecture",
				       .why_not = NO_INSPECT " (the process "
							     "was killed)" },
};

/* A kind without words (a bug: test_why fails) is an unknown refusal. */
static const struct kind_words *words_of(enum filter_kind k)
{
	if ((unsigned)k >= FILTER_KIND_COUNT || !words[k].right)
		k = FILTER_KIND_NONE;
	return &words[k];
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* ---- What lifts it ---- */

/* One candidate's way out, as printed: ports to choose, a switch (two
 * at once), or nothing. */
static void way_of(const struct filter_lift *l, bool brief, char *buf,
		   size_t size)
{
	const struct kind_words *w = words_of(l->kind);

	if (w->choice)
		snprintf(buf, size, "%s", brief ? w->choice_short : w->choice);
	else if (!l->option)
		snprintf(buf, size, "no option");
	else
		snprintf(buf, size, "%s%s%s", l->option, l->also ? " " : "",
			 l->also ? l->also : "");
}

static bool same_way(const struct filter_lift *a, const struct filter_lift *b)
{
	char x[96], y[96];

	way_of(a, true, x, sizeof(x));
	way_of(b, true, y, sizeof(y));
	return strcmp(x, y) == 0;
}

static void append(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, size - n, "%s", s);
}

/* How many ways out the candidates have between them. */
static size_t count_ways(const struct filter_refusal *f)
{
	size_t ways = 0;

	for (size_t i = 0; i < f->n; i++) {
		size_t j = 0;

		while (!same_way(&f->rule[i], &f->rule[j]))
			j++;
		ways += i == j;
	}
	return ways;
}

/* Candidate @i's way out, for it and the later ones alike, as the next
 * item of the list: "OPTION (LABEL)", "others" if it lifts several kinds. */
static void list_way(struct filter_refusal *f, size_t i, bool *done,
		     size_t listed, size_t ways)
{
	const struct filter_lift *l = &f->rule[i];
	bool several = false;
	char item[160];

	for (size_t j = i; j < f->n; j++) {
		if (done[j] || !same_way(l, &f->rule[j]))
			continue;
		done[j] = true;
		several |= f->rule[j].kind != l->kind;
	}
	append(f->text, sizeof(f->text),
	       listed == 0 ? "" : listed + 1 == ways ? " or " : ", ");
	way_of(l, true, item, sizeof(item));
	append(f->text, sizeof(f->text), item);
	snprintf(item, sizeof(item), " (%s)",
		 several ? "others" : words_of(l->kind)->label);
	append(f->text, sizeof(f->text), item);
}

/* Several ways out: "--connect-udp PORTS (UDP), --unrestricted-unix (unix)
 * or --unrestricted-network (others)", ports to choose first. */
static void list_ways(struct filter_refusal *f)
{
	bool done[FILTER_REFUSAL_MAX] = { false };
	size_t ways = count_ways(f), listed = 0;

	f->text[0] = '\0';
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < f->n; i++) {
			bool choice = words_of(f->rule[i].kind)->choice;

			if (done[i] || choice != (pass == 0))
				continue;
			list_way(f, i, done, listed++, ways);
		}
}

/* The option, or the text, from the candidates. */
static void decide_way(struct filter_refusal *f)
{
	const struct filter_lift *l = &f->rule[0];
	const struct kind_words *w = words_of(f->n ? l->kind : FILTER_KIND_NONE);
	bool one_way = true;

	for (size_t i = 1; i < f->n; i++)
		one_way &= same_way(l, &f->rule[i]);
	f->flag = f->n && one_way && !w->choice && l->option;
	f->choice = f->n && (!one_way || w->choice);
	if (f->flag)
		way_of(l, false, f->text, sizeof(f->text));
	else if (one_way && w->choice)
		snprintf(f->text, sizeof(f->text), "%s", w->choice);
	else if (f->choice)
		list_ways(f);
	else
		snprintf(f->text, sizeof(f->text), "%s",
			 w->why_not ? w->why_not :
				      "no option: the filter refuses it "
				      "whatever the policy");
}

void filter_refusal_of(const struct filter_call *c, unsigned classes,
		       struct filter_refusal *f)
{
	uint32_t arch = c->arch ? c->arch : FILTER_ARCH_NATIVE;

	memset(f, 0, sizeof(*f));
	f->n = filter_explain(classes, arch, (int)c->nr, c->err,
			      c->has_args ? c->args : NULL, f->rule,
			      FILTER_REFUSAL_MAX);
	if (f->n > FILTER_REFUSAL_MAX)
		f->n = FILTER_REFUSAL_MAX;
	decide_way(f);
}

bool filter_refusal_same(const struct filter_refusal *a,
			 const struct filter_refusal *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->rule[i].kind != b->rule[i].kind ||
		    !same_str(a->rule[i].option, b->rule[i].option) ||
		    !same_str(a->rule[i].also, b->rule[i].also))
			return false;
	return true;
}

/* ---- Words ---- */

/* The words of the only kind among the candidates, or NULL. */
static const struct kind_words *only_kind(const struct filter_refusal *f)
{
	for (size_t i = 1; i < f->n; i++)
		if (f->rule[i].kind != f->rule[0].kind)
			return NULL;
	return words_of(f->n ? f->rule[0].kind : FILTER_KIND_NONE);
}

/* A word every candidate's kind has alike, or NULL. */
static const char *shared_right(const struct filter_refusal *f)
{
	for (size_t i = 1; i < f->n; i++)
		if (!same_str(words_of(f->rule[i].kind)->right,
			      words_of(f->rule[0].kind)->right))
			return NULL;
	return words_of(f->n ? f->rule[0].kind : FILTER_KIND_NONE)->right;
}

static const char *shared_unseen(const struct filter_refusal *f)
{
	for (size_t i = 1; i < f->n; i++)
		if (!same_str(words_of(f->rule[i].kind)->unseen,
			      words_of(f->rule[0].kind)->unseen))
			return NULL;
	return f->n ? words_of(f->rule[0].kind)->unseen : NULL;
}

const char *filter_refusal_right(const struct filter_refusal *f)
{
	const char *right = shared_right(f);

	return right ? right : "system call";
}

const char *filter_refusal_object(const struct filter_refusal *f)
{
	const struct kind_words *w = only_kind(f);
	const char *unseen = shared_unseen(f);

	if (w)
		return w->object;
	return unseen ? unseen : "call (one of several refusals)";
}

const char *filter_refusal_option(const struct filter_refusal *f,
				  const char **text)
{
	*text = f->flag ? NULL : f->text;
	return f->flag ? f->text : NULL;
}

bool filter_refusal_is_choice(const struct filter_refusal *f)
{
	return f->choice;
}
