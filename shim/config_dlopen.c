// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Config files in the shim: the parser and libconfig live in
 * landshim-config.so, next to the shim, loaded only when LANDSHIM_CONFIG or
 * LANDSHIM_PROFILE is set and unloaded once the policy is read.  If it
 * cannot be loaded, the program does not run.
 */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "config_module.h"
#include "log.h"
#include "shim.h"

/* The module's path: the shim's own directory, wherever that is. */
static int module_path(struct policy *p, char *buf, size_t size)
{
	Dl_info info;
	const char *slash;
	int n;

	if (!dladdr((void *)module_path, &info) || !info.dli_fname ||
	    !(slash = strrchr(info.dli_fname, '/')))
		return policy_error(p, "cannot find the shim's directory to "
				       "load " CONFIG_MODULE_FILE);
	n = snprintf(buf, size, "%.*s/%s", (int)(slash - info.dli_fname),
		     info.dli_fname, CONFIG_MODULE_FILE);
	if (n < 0 || (size_t)n >= size)
		return policy_error(p, "%s: path too long", info.dli_fname);
	return 0;
}

static int call_module(struct policy *p, void *module, const char *path,
		       struct config_module_call *call)
{
	int (*entry)(struct config_module_call *) = NULL;
	int ret;

	*(void **)&entry = dlsym(module, CONFIG_MODULE_ENTRY);
	if (!entry)
		return policy_error(p, "%s: no %s: %s", path,
				    CONFIG_MODULE_ENTRY, dlerror());
	ret = entry(call);
	if (ret == CONFIG_MODULE_MISMATCH)
		return policy_error(p, "%s: not from this build of landshim "
				       "(%s): reinstall both",
				    path, PACKAGE_VERSION);
	log_threshold = call->log_threshold;
	return ret;
}

static int load_with_module(struct policy *p, const char *file,
			    const char *profile)
{
	struct config_module_call call = {
		PACKAGE_VERSION, sizeof(*p), p, file, profile, log_threshold,
	};
	char path[PATH_MAX];
	void *module;
	int ret;

	if (module_path(p, path, sizeof(path)) < 0)
		return -1;
	module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!module)
		return policy_error(p, "cannot load the config file parser: %s",
				    dlerror());
	ret = call_module(p, module, path, &call);
	dlclose(module);
	return ret;
}

policy_file_loader shim_config_loader(void)
{
	return load_with_module;
}
