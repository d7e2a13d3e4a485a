// SPDX-License-Identifier: GPL-2.0-or-later
/* Dropping capabilities with raw system calls (see caps.h). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>

#include "caps.h"
#include "rawsys.h"

static int capget_v3(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3,
						 0 };

	return (int)raw_result(raw_syscall2(SYS_capget, &head, data));
}

static int capset_v3(const struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3,
						 0 };

	return (int)raw_result(raw_syscall2(SYS_capset, &head, data));
}

static uint64_t join(uint32_t lo, uint32_t hi)
{
	return (uint64_t)hi << 32 | lo;
}

int caps_get(struct caps *c)
{
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	if (capget_v3(d) < 0)
		return -1;
	c->effective = join(d[0].effective, d[1].effective);
	c->permitted = join(d[0].permitted, d[1].permitted);
	c->inheritable = join(d[0].inheritable, d[1].inheritable);
	return 0;
}

bool caps_need_drop(const struct caps *c, uint64_t keep)
{
	return ((c->effective | c->permitted | c->inheritable) & ~keep) ||
	       (c->effective & CAP_BIT(CAP_SETPCAP) & ~keep);
}

/* Every capability the kernel knows but @keep; EINVAL past the last. */
static int drop_bounding(uint64_t keep)
{
	for (unsigned cap = 0; cap < 64; cap++) {
		long ret;

		if (keep & CAP_BIT(cap))
			continue;
		ret = raw_syscall2(SYS_prctl, PR_CAPBSET_DROP, cap);
		if (ret == -EINVAL)
			return 0;
		if (ret < 0)
			return (int)raw_result(ret);
	}
	return 0;
}

static void split(uint64_t set, uint32_t *lo, uint32_t *hi)
{
	*lo = (uint32_t)set;
	*hi = (uint32_t)(set >> 32);
}

int caps_drop(const struct caps *c, uint64_t keep)
{
	struct __user_cap_data_struct d[2];

	if ((c->effective & CAP_BIT(CAP_SETPCAP)) && drop_bounding(keep) < 0)
		return -1;
	split(c->effective & keep, &d[0].effective, &d[1].effective);
	split(c->permitted & keep, &d[0].permitted, &d[1].permitted);
	split(c->inheritable & keep, &d[0].inheritable, &d[1].inheritable);
	return capset_v3(d);
}
