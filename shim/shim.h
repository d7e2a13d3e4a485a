/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LANDSHIM_SHIM_H
#define LANDSHIM_SHIM_H

/*
 * The policy of @envp as the config helper (landshim-config, next to the
 * shim) expands it: config files and profiles read.  Returns a new
 * NULL-terminated array of "NAME=VALUE" policy variables; dies (125) when
 * the helper cannot run or refuses, its own message already printed.
 */
char **shim_expand_policy(char **envp);

#endif
