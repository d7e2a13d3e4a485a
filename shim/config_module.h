/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The contract between the shim and landshim-config.so, the config file
 * parser it loads (from its own directory) only when LANDSHIM_CONFIG or
 * LANDSHIM_PROFILE is set, so that an env-only policy never pays for
 * libconfig.  Both must come from the same build: the module checks it.
 */
#ifndef LANDSHIM_CONFIG_MODULE_H
#define LANDSHIM_CONFIG_MODULE_H

#include <stddef.h>

#include "log.h"
#include "policy.h"

#define CONFIG_MODULE_FILE "landshim-config.so"
#define CONFIG_MODULE_ENTRY "landshim_config_load"
/* Returned, with nothing written, to a shim of another build. */
#define CONFIG_MODULE_MISMATCH (-2)

struct config_module_call {
	/* These two come first in every version: they detect a mismatch. */
	const char *version;	/* PACKAGE_VERSION */
	size_t policy_size;	/* sizeof(struct policy) */
	struct policy *policy;
	const char *file, *profile;	/* as for policy_file_load() */
	/* The module has its own copy of log.c: the level goes both ways. */
	enum log_level log_threshold;
};

/* The module's one exported symbol. */
int landshim_config_load(struct config_module_call *call);

#endif
