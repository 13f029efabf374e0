/*
 * memory-internal.h — what the two halves of the memory API (memory.c: the
 * tree and its views; physmem.c: accesses) share and nobody else needs.
 */
#ifndef SOFTMMU_MEMORY_INTERNAL_H
#define SOFTMMU_MEMORY_INTERNAL_H

#include "exec/memory.h"

/* Whether ops' values are big-endian (DEVICE_NATIVE_ENDIAN follows the target). */
bool memory_device_is_big_endian(const MemoryRegionOps *ops);

#endif
