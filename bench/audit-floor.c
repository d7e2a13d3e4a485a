// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit floor, built by bench/run: an rtld-audit module (LD_AUDIT)
 * that does nothing.  ld.so loads it into a link namespace of its own
 * before the program, calls la_version() and, since it returns 0, unloads
 * it again.  Built twice: with -nostdlib (nothing else is loaded: the
 * floor of a freestanding module such as the shim) and with libc.so.6 as a
 * needed library (ld.so maps a second libc into the module's namespace,
 * and unmaps it: what linking libc costs an audit module).
 */
unsigned int la_version(unsigned int version);

unsigned int la_version(unsigned int version)
{
	(void)version;
	return 0;
}
