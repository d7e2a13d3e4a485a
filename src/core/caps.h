/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Root's capabilities inside the sandbox (DESIGN.md decision 20): what a
 * build needs stays, the rest goes from all five sets.  Raw system calls.
 *
 * Capabilities are per thread: caps_drop() changes the calling thread
 * only, so the caller makes sure no other thread runs when there is
 * something to drop.
 */
#ifndef LANDSHIM_CAPS_H
#define LANDSHIM_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/capability.h>

#define CAP_BIT(c) (1ULL << (c))
/* What root keeps: files and their owners, signals, set[ug]id, low ports. */
#define CAPS_KEPT                                                           \
	(CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_DAC_OVERRIDE) |                    \
	 CAP_BIT(CAP_DAC_READ_SEARCH) | CAP_BIT(CAP_FOWNER) |                \
	 CAP_BIT(CAP_FSETID) | CAP_BIT(CAP_KILL) | CAP_BIT(CAP_SETUID) |     \
	 CAP_BIT(CAP_SETGID) | CAP_BIT(CAP_NET_BIND_SERVICE))
/* The same, for messages. */
#define CAPS_KEPT_NAMES                                                 \
	"chown, dac_override, dac_read_search, fowner, fsetid, kill, "  \
	"setuid, setgid, net_bind_service"

/* The calling thread's capabilities, as 64-bit sets. */
struct caps {
	uint64_t effective, permitted, inheritable;
};

/* capget(2) of the calling thread: 0, or -1 with errno. */
int caps_get(struct caps *c);

/*
 * Is there anything outside @keep to drop?  The bounding set counts only
 * when it can be dropped (CAP_SETPCAP effective): without it, nothing
 * can be gained by exec anyway, since no_new_privs ignores setuid bits
 * and file capabilities.  (Ambient capabilities are always a subset of
 * permitted and inheritable.)
 */
bool caps_need_drop(const struct caps *c, uint64_t keep);

/*
 * Drop everything but @keep: the bounding set (PR_CAPBSET_DROP, while
 * CAP_SETPCAP is still effective), then permitted, effective and
 * inheritable in one capset(2), which lowers the ambient set with them.
 * Returns 0, or -1 with errno.
 */
int caps_drop(const struct caps *c, uint64_t keep);

#endif
