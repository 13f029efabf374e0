/*
 * loader.h — putting firmware and kernels into guest memory before the
 * guest starts: raw images at an address, ELF files by their program
 * headers, U-Boot uImages by their header.  Writes go through the memory
 * API (ROM included) and every blob is listed by `info roms`.
 *
 *     uint64_t entry;
 *     if (!load_elf(path, address_space_memory(), EM_ARM, &entry, NULL, NULL, errp)) ...
 */
#ifndef HW_LOADER_H
#define HW_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"

typedef struct Error Error;

/* Size of a file, or -1 with errp set. */
int64_t load_image_size(const char *filename, Error **errp);

/* Copy the whole file to addr; fails when it is larger than max_size (0: no limit). */
bool load_image_targphys(const char *filename, uint64_t addr, uint64_t max_size,
                         Error **errp);

/*
 * Load an ELF executable's PT_LOAD segments at their physical addresses
 * (bss zeroed).  elf_machine is the expected e_machine (0: any).  Entry,
 * lowest and highest loaded addresses are returned when asked for.
 * Either byte order and class; the file's own order is used.
 */
bool load_elf(const char *filename, AddressSpace *as, int elf_machine, uint64_t *entry,
              uint64_t *low, uint64_t *high, Error **errp);
/* Whether the file starts with the ELF magic. */
bool load_file_is_elf(const char *filename);

/*
 * A U-Boot legacy uImage (magic 0x27051956): header and data CRCs checked,
 * payload uncompressed or gzip, loaded at its load address.  Kernel and
 * ramdisk images are accepted; *entry and *load are set.
 */
bool load_uimage(const char *filename, uint64_t *entry, uint64_t *load, uint64_t *size,
                 Error **errp);

/* Blobs loaded so far (`info roms`), one per line; g_free it. */
char *rom_info_string(void);

#endif
