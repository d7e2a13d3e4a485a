// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libthreadlib.so: a library whose constructor starts a thread, like a
 * host library (a runtime, a profiler) would.  Preloaded after the shim in
 * LD_PRELOAD, its constructor runs before the shim's.
 */
#include <pthread.h>
#include <unistd.h>

static void *idle(void *arg)
{
	pause();
	return arg;
}

__attribute__((constructor)) static void start_thread(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, idle, NULL) != 0)
		_exit(3);
}
