// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * i386's numbers (int 0x80 and 32-bit programs on x86_64), from its own
 * header: a translation unit of its own, since asm/unistd_64.h defines the
 * same names with other values.
 */
#include "config.h"

#if defined(__x86_64__)
#include <asm/unistd_32.h>

#include "filter_nr.h"

const int filter_nr_i386[FSYS_COUNT] = { FILTER_SYSCALLS(FILTER_NR_ENTRY) };
#endif
