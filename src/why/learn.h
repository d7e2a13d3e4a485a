/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --learn's state, shared by learn.c (the rounds, what may be learned) and
 * learn_file.c (FILE: where it may be, what was in it, writing it).
 */
#ifndef LANDSHIM_LEARN_H
#define LANDSHIM_LEARN_H

#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "launch.h"

/* A learned port (learned paths are in the policy, their origin says). */
struct learned_port {
	unsigned port;
	bool bind;
	char *origin;
};

/* A need reported, not learned: for the person to decide. */
struct review {
	char *option;	 /* "--connect-tcp 443" */
	char *denial;	 /* "connect TCP port 443 (1.2.3.4) by npm" */
	const char *why; /* "network", "a terminal", "writes outside..." */
};

struct learn_file {
	const char *name;    /* FILE as given */
	char dir[PATH_MAX];  /* its directory, resolved */
	char path[PATH_MAX]; /* dir + name: where it is written */
	bool existed;	     /* it is extended */
	struct stat st;	     /* as it was read */
	char *text;	     /* its text, for its items' comments */
};

struct learn {
	struct launch *l;
	unsigned round, rounds;
	size_t nlearned;
	int status; /* the last run's wait status */

	/* The starting policy, as far as learning changes it. */
	char *start_bind, *start_connect;
	uint32_t start_flags;
	size_t start_npaths; /* paths before launch_prepare() added its own */
	bool start_add_exec, start_ldd;

	/* Where a round may gain write rights (resolved). */
	char **write_trees;
	size_t nwrite_trees;
	char tmpdir[PATH_MAX]; /* $TMPDIR or /tmp, resolved */

	struct learned_port *ports;
	size_t nports;
	struct review *reviews;
	size_t nreviews;
	char **said; /* refusals said once */
	size_t nsaid;

	struct learn_file file;
};

/* The one --learn of this process (learn_prepare() to learn_main()). */
extern struct learn the_learn;

/* learn_file.c */
/* Before launch_prepare(): FILE's place checked, its rules loaded. */
void learn_file_open(struct learn *ln);
/* Once the starting policy is known: FILE must be out of the sandbox's
 * reach, where it may write. */
void learn_file_check_place(struct learn *ln);
/* At the end: write FILE (exclusively, or replacing the one read). */
void learn_file_write(struct learn *ln);

/* Is @path where a round may gain write rights? */
bool learn_may_write(const struct learn *ln, const char *path);

#endif
