// SPDX-License-Identifier: GPL-2.0-or-later
/* landshim-config.so: policy_file_load() for the shim, behind one symbol. */
#include "config.h"

#include <string.h>

#include "config_module.h"
#include "log.h"
#include "policy_file.h"

int landshim_config_load(struct config_module_call *call)
{
	int ret;

	if (strcmp(call->version, PACKAGE_VERSION) != 0 ||
	    call->policy_size != sizeof(struct policy))
		return CONFIG_MODULE_MISMATCH;
	log_threshold = call->log_threshold;
	ret = policy_file_load(call->policy, call->file, call->profile);
	call->log_threshold = log_threshold;
	return ret;
}
