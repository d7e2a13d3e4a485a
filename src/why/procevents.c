// SPDX-License-Identifier: GPL-2.0-or-later
/* The proc connector: fork events, to know a run's processes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "procevents.h"

static int subscribe(int fd, enum proc_cn_mcast_op op)
{
	struct {
		struct nlmsghdr h;
		struct cn_msg cn;
		enum proc_cn_mcast_op op;
	} __attribute__((packed)) msg;

	memset(&msg, 0, sizeof(msg));
	msg.h.nlmsg_len = sizeof(msg);
	msg.h.nlmsg_type = NLMSG_DONE;
	msg.h.nlmsg_pid = (unsigned)getpid();
	msg.cn.id.idx = CN_IDX_PROC;
	msg.cn.id.val = CN_VAL_PROC;
	msg.cn.len = sizeof(op);
	msg.op = op;
	return send(fd, &msg, sizeof(msg), 0) == sizeof(msg) ? 0 : -1;
}

void proc_events_open(struct proc_events *pe)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = CN_IDX_PROC,
				  .nl_pid = (unsigned)getpid() };
	int size = 4 << 20;

	memset(pe, 0, sizeof(*pe));
	pe->fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_CONNECTOR);
	if (pe->fd < 0)
		return;
	if (setsockopt(pe->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(pe->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (bind(pe->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    subscribe(pe->fd, PROC_CN_MCAST_LISTEN) < 0) {
		log_debug("proc connector: %s", strerror(errno));
		close(pe->fd);
		pe->fd = -1;
	}
}

void proc_events_close(struct proc_events *pe)
{
	if (pe->fd >= 0) {
		subscribe(pe->fd, PROC_CN_MCAST_IGNORE);
		close(pe->fd);
	}
	free(pe->pids);
	memset(pe, 0, sizeof(*pe));
	pe->fd = -1;
}

bool proc_events_known(const struct proc_events *pe, pid_t pid)
{
	for (size_t i = 0; i < pe->npids; i++)
		if (pe->pids[i] == pid)
			return true;
	return false;
}

static void add(struct proc_events *pe, pid_t pid)
{
	if (proc_events_known(pe, pid))
		return;
	if (pe->npids == pe->cap) {
		pe->cap = pe->cap ? 2 * pe->cap : 64;
		pe->pids = xrealloc(pe->pids, pe->cap * sizeof(*pe->pids));
	}
	pe->pids[pe->npids++] = pid;
}

void proc_events_reset(struct proc_events *pe, pid_t root)
{
	proc_events_read(pe); /* the last run's, not this one's */
	pe->npids = 0;
	add(pe, root);
}

static void take(struct proc_events *pe, const struct nlmsghdr *h)
{
	const struct cn_msg *cn = NLMSG_DATA(h);
	const struct proc_event *ev = (const void *)cn->data;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*cn) + sizeof(*ev)) ||
	    cn->id.idx != CN_IDX_PROC || ev->what != PROC_EVENT_FORK)
		return;
	/* A thread's clone has the same tgid: nothing new. */
	if (proc_events_known(pe, ev->event_data.fork.parent_tgid))
		add(pe, ev->event_data.fork.child_tgid);
}

void proc_events_read(struct proc_events *pe)
{
	char buf[8192] __attribute__((aligned(NLMSG_ALIGNTO)));

	if (pe->fd < 0)
		return;
	for (;;) {
		ssize_t n = recv(pe->fd, buf, sizeof(buf), 0);
		int len = (int)n;

		if (n < 0 && errno == ENOBUFS) {
			log_warn("proc connector: events were dropped: the "
				 "filter's refusals may be missing");
			continue;
		}
		if (n <= 0)
			return;
		for (const struct nlmsghdr *h = (const void *)buf;
		     NLMSG_OK(h, len); h = NLMSG_NEXT(h, len))
			take(pe, h);
	}
}

ssize_t proc_read(pid_t pid, const char *file, char *buf, size_t size)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, buf, size - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? n : -1;
}
