// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The floor: an empty preloaded object, built by bench/run.  What it costs
 * is the price of preloading anything at all (the dynamic loader opening,
 * mapping and relocating one more object and calling its constructor), so
 * the shim's own cost is what it adds on top of this.
 */
__attribute__((constructor)) static void floor_init(void)
{
}
