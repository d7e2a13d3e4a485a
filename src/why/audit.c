// SPDX-License-Identifier: GPL-2.0-or-later
/* NETLINK_AUDIT: the record reader, the on/off state, the end marker. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "audit_record.h"
#include "log.h"

/*
 * Shared by concurrent runs: byte 0 is a mutex, byte 1 is read-locked by
 * every run that needs auditing on, and the content is "on" while auditing
 * is on only because a run switched it on.  A run that dies leaves "on"
 * behind, so the next run's end still restores the state.
 */
#define STATE_FILE "/run/landshim-audit"
#define LOCK_MUTEX 0
#define LOCK_USERS 1

#define REPLY_TIMEOUT_MS 2000
#define READER_BUFFER (8 << 20)

/* ---- Requests to the kernel ---- */

struct audit_reply {
	bool acked;
	bool want_status;
	struct audit_status *status;
};

/* Take the kernel's answers to request @seq: an ack, maybe a status. */
static int take_replies(const char *buf, int len, uint32_t seq,
			struct audit_reply *rep)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

	/* NLMSG_NEXT() counts down a signed length past the last message. */
	for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
		size_t payload = h->nlmsg_len - NLMSG_HDRLEN;

		if (h->nlmsg_seq != seq)
			continue;
		if (h->nlmsg_type == NLMSG_ERROR &&
		    payload >= sizeof(struct nlmsgerr)) {
			const struct nlmsgerr *e = NLMSG_DATA(h);
			int err = e->error;

			if (err)
				return errno = -err, -1;
			rep->acked = true;
		} else if (h->nlmsg_type == AUDIT_GET && rep->want_status) {
			memset(rep->status, 0, sizeof(*rep->status));
			memcpy(rep->status, NLMSG_DATA(h),
			       payload < sizeof(*rep->status) ?
				       payload :
				       sizeof(*rep->status));
			rep->want_status = false;
		}
	}
	return 0;
}

static int await_replies(int fd, uint32_t seq, struct audit_reply *rep)
{
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct pollfd pfd = { fd, POLLIN, 0 };

	while (!rep->acked || rep->want_status) {
		/* Not the kernel (port 0) until recvfrom() says so. */
		struct sockaddr_nl from = { .nl_pid = UINT32_MAX };
		socklen_t fromlen = sizeof(from);
		ssize_t n;
		int ready = poll(&pfd, 1, REPLY_TIMEOUT_MS);

		if (ready == 0)
			return errno = ETIMEDOUT, -1;
		if (ready < 0)
			return -1;
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &fromlen);
		if (n < 0)
			return -1;
		/* Only the kernel (port 0) speaks for the kernel. */
		if (from.nl_pid == 0 &&
		    take_replies(buf, (int)n, seq, rep) < 0)
			return -1;
	}
	return 0;
}

/* One request, acknowledged; @status receives AUDIT_GET's answer. */
static int audit_request(uint16_t type, const void *data, size_t len,
			 struct audit_status *status)
{
	static uint32_t seq;
	struct {
		struct nlmsghdr h;
		char data[256];
	} req;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct audit_reply rep = { false, status != NULL, status };
	int fd, ret = -1, saved;

	if (len > sizeof(req.data))
		return errno = EMSGSIZE, -1;
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(len);
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = ++seq;
	if (len) /* data may be NULL then: memcpy(NULL, 0) is undefined */
		memcpy(req.data, data, len);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0)
		return -1;
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) >= 0)
		ret = await_replies(fd, seq, &rep);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

static int get_status(struct audit_status *st)
{
	return audit_request(AUDIT_GET, NULL, 0, st);
}

int audit_enabled(void)
{
	struct audit_status st;

	return get_status(&st) < 0 ? -1 : (int)st.enabled;
}

int audit_set_enabled(uint32_t enabled)
{
	struct audit_status st = { .mask = AUDIT_STATUS_ENABLED,
				   .enabled = enabled };

	return audit_request(AUDIT_SET, &st, sizeof(st), NULL);
}

int audit_send_marker(const char *text)
{
	return audit_request(AUDIT_REC_TRUSTED_APP, text, strlen(text) + 1,
			     NULL);
}

/* ---- The reader ---- */

/* Returns 0, or -1 with errno: no audit here, or no CAP_AUDIT_READ. */
static int open_reader(struct audit_reader *r)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				 .nl_groups = 1 << (AUDIT_NLGRP_READLOG - 1) };
	int size = READER_BUFFER, err;

	r->overrun = false;
	r->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       NETLINK_AUDIT);
	if (r->fd < 0)
		return -1;
	/* Records come in bursts; a small buffer would drop some. */
	if (setsockopt(r->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(r->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (bind(r->fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
		return 0;
	err = errno;
	close(r->fd);
	r->fd = -1;
	errno = err;
	return -1;
}

static void deliver(const char *buf, int len, audit_record_fn fn, void *arg)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

	for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len))
		if (h->nlmsg_type >= AUDIT_FIRST_USER_MSG)
			fn(arg, h->nlmsg_type, NLMSG_DATA(h),
			   h->nlmsg_len - NLMSG_HDRLEN);
}

int audit_reader_read(struct audit_reader *r, audit_record_fn fn, void *arg)
{
	static char buf[1 << 16] __attribute__((aligned(NLMSG_ALIGNTO)));

	for (;;) {
		struct sockaddr_nl from;
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr msg = { .msg_name = &from,
				      .msg_namelen = sizeof(from),
				      .msg_iov = &iov,
				      .msg_iovlen = 1 };
		ssize_t n = recvmsg(r->fd, &msg, MSG_DONTWAIT);

		if (n < 0 && errno == ENOBUFS) {
			r->overrun = true;
			continue;
		}
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		/* A cut record could name a shorter path: never use one. */
		if (from.nl_pid == 0 && !(msg.msg_flags & MSG_TRUNC))
			deliver(buf, (int)n, fn, arg);
	}
}

/* ---- The on/off state ---- */

static int lock_byte(int fd, short type, off_t byte, bool wait)
{
	struct flock fl = { .l_type = type,
			    .l_whence = SEEK_SET,
			    .l_start = byte,
			    .l_len = 1 };
	int ret;

	do
		ret = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
	while (ret < 0 && errno == EINTR);
	return ret;
}

/* The state file, if this system has a safe place for it. */
static int open_state_file(void)
{
	struct stat st;
	int fd = open(STATE_FILE, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		      0600);

	if (fd < 0) {
		log_info("%s: %s: concurrent runs cannot coordinate the audit "
			 "state",
			 STATE_FILE, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077)) {
		log_warn("%s: not a private file of this user: ignored",
			 STATE_FILE);
		close(fd);
		return -1;
	}
	return fd;
}

static bool state_says_on(int fd)
{
	char buf[2];

	return pread(fd, buf, 2, 0) == 2 && memcmp(buf, "on", 2) == 0;
}

static void state_write(const struct audit_session *s, bool on)
{
	int fd = s->state_fd;

	if ((ftruncate(fd, 0) < 0 || (on && pwrite(fd, "on\n", 3, 0) != 3)) &&
	    !s->quiet)
		log_warn("%s: %s", STATE_FILE, strerror(errno));
}

static void switch_on(struct audit_session *s)
{
	if (audit_set_enabled(1) < 0)
		die_with_error("%s: cannot switch auditing on", s->who);
	log_info("%s: audit switched on for this run", s->who);
	if (s->state_fd >= 0)
		state_write(s, true);
	else
		s->switched_on = true;
}

/* Switch it back off, unless an audit daemon has taken over meanwhile. */
static void switch_off(struct audit_session *s)
{
	struct audit_status st;

	if (get_status(&st) < 0) {
		if (!s->quiet)
			log_warn("%s: cannot read the audit state to restore "
				 "it: %s",
				 s->who, strerror(errno));
		return;
	}
	if (st.pid != 0 || st.enabled != 1)
		return;
	if (audit_set_enabled(0) < 0 && !s->quiet)
		log_warn("%s: cannot switch auditing back off: %s", s->who,
			 strerror(errno));
	else if (!s->quiet)
		log_info("%s: audit switched back off", s->who);
}

/*
 * The state says "on" while no other run needs it: a run was killed before
 * it could switch auditing back off.  This run's end repairs that.
 */
static void say_if_left_on(const struct audit_session *s, bool ours, bool alone)
{
	if (ours && alone)
		log_warn("%s: auditing was left on by a run that was killed "
			 "(SIGKILL) before it could switch it back off: this "
			 "run switches it off at its end",
			 s->who);
}

static void begin(struct audit_session *s, const struct audit_status *st,
		  bool alone)
{
	bool ours = s->state_fd >= 0 && state_says_on(s->state_fd);

	s->lost = st->lost;
	if (st->enabled == 0)
		switch_on(s);
	else if (ours && st->enabled != 1) /* locked on (2) meanwhile */
		state_write(s, false);
	else
		say_if_left_on(s, ours, alone);
}

void audit_refuse(const char *who, int err)
{
	if (err == EPERM || err == EACCES)
		die("%s: reading the kernel's audit records needs "
		    "CAP_AUDIT_READ and CAP_AUDIT_CONTROL (run it as root, in "
		    "the initial user and PID namespaces), or trace the "
		    "command: --why-source ptrace",
		    who);
	die("%s: the kernel's audit records cannot be read here (%s): trace "
	    "the command instead: --why-source ptrace",
	    who, strerror(err));
}

int audit_start(struct audit_reader *r, struct audit_session *s,
		const char *who)
{
	struct audit_status st = { 0 };
	bool alone = true;

	memset(s, 0, sizeof(*s));
	s->who = who;
	s->state_fd = -1;
	if (open_reader(r) < 0)
		return -1;
	if (get_status(&st) < 0) {
		int err = errno;

		close(r->fd);
		r->fd = -1;
		errno = err;
		return -1;
	}
	s->state_fd = open_state_file();
	if (s->state_fd >= 0) {
		lock_byte(s->state_fd, F_WRLCK, LOCK_MUTEX, true);
		/* If no other run holds it, nobody else needs auditing on. */
		alone = lock_byte(s->state_fd, F_WRLCK, LOCK_USERS, false) == 0;
		lock_byte(s->state_fd, F_RDLCK, LOCK_USERS, true);
		/* Read again: another run may have changed it meanwhile. */
		if (get_status(&st) < 0)
			die_with_error("%s: cannot read the audit state", who);
	}
	s->active = true;
	begin(s, &st, alone);
	if (s->state_fd >= 0)
		lock_byte(s->state_fd, F_UNLCK, LOCK_MUTEX, false);
	return 0;
}

static void warn_lost(const struct audit_reader *r,
		      const struct audit_session *s)
{
	struct audit_status st;

	if (r->overrun)
		log_warn("%s: audit records arrived faster than they could be "
			 "read; some were dropped: the report is incomplete",
			 s->who);
	if (get_status(&st) == 0 && st.lost > s->lost)
		log_warn("%s: the kernel lost %u audit records during the run "
			 "(audit backlog full): the report may be incomplete",
			 s->who, st.lost - s->lost);
}

/* Restore the state unless another run still needs it. */
static void restore(struct audit_session *s)
{
	if (s->state_fd < 0) {
		if (s->switched_on)
			switch_off(s);
		return;
	}
	lock_byte(s->state_fd, F_WRLCK, LOCK_MUTEX, true);
	lock_byte(s->state_fd, F_UNLCK, LOCK_USERS, false);
	/* The last run out restores the state. */
	if (lock_byte(s->state_fd, F_WRLCK, LOCK_USERS, false) == 0) {
		if (state_says_on(s->state_fd)) {
			switch_off(s);
			state_write(s, false);
		}
		lock_byte(s->state_fd, F_UNLCK, LOCK_USERS, false);
	}
	close(s->state_fd); /* releases the mutex */
	s->state_fd = -1;
}

void audit_end(struct audit_reader *r, struct audit_session *s)
{
	warn_lost(r, s);
	close(r->fd);
	r->fd = -1;
	restore(s);
	s->active = false;
}

void audit_end_from_handler(struct audit_session *s)
{
	if (!s->active)
		return;
	s->quiet = true;
	s->active = false;
	restore(s);
}
