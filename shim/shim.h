/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LANDSHIM_SHIM_H
#define LANDSHIM_SHIM_H

#include "policy.h"

/* The loader for LANDSHIM_CONFIG / LANDSHIM_PROFILE, or NULL. */
policy_file_loader shim_config_loader(void);

#endif
