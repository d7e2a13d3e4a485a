// SPDX-License-Identifier: GPL-2.0-or-later
/* The native architecture's numbers (asm/unistd_64.h on x86_64). */
#include "config.h"

#include <asm/unistd.h>

#include "filter_nr.h"

const int filter_nr_native[FSYS_COUNT] = { FILTER_SYSCALLS(FILTER_NR_ENTRY) };
