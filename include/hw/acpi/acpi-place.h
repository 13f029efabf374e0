/*
 * acpi-place.h — the firmware's part of ACPI done by the board, for boots
 * where no firmware runs (-machine pc,linux-boot=direct): execute the
 * fw_cfg "etc/table-loader" script (include/hw/acpi/table-loader.h)
 * against the fw_cfg files it names, as SeaBIOS's romfile_loader does, and
 * write the result into guest memory.  The tables are thus exactly the ones
 * the firmware path gets (hw/acpi/acpi-build.c is their one source).
 *
 * The board gives each allocation zone a range of guest-physical memory:
 * ALLOCATE takes the next suitably aligned bytes of its zone (files in
 * script order, upwards).  The board then tells the OS about the high
 * zone's bytes (the e820 map: ACPI), and the OS finds the RSDP by scanning
 * the F-segment zone (or through boot_params.acpi_rsdp_addr).
 *
 *     AcpiPlaceZones z = {
 *         .high = { below_4g - 64 * KiB, below_4g },
 *         .fseg = { 0xf0000, 0x100000 },
 *     };
 *     AcpiPlaced p;
 *     if (!acpi_place_from_fw_cfg(fw, address_space_memory(), &z, &p, errp)) ...
 *     // e820: [p.high_used.start, p.high_used.end) ACPI; the RSDP is at p.rsdp
 */
#ifndef HW_ACPI_ACPI_PLACE_H
#define HW_ACPI_ACPI_PLACE_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/nvram/fw_cfg.h"
#include "util/error.h"

/* Guest-physical [start, end). */
typedef struct AcpiPlaceRange {
    uint64_t start, end;
} AcpiPlaceRange;

typedef struct AcpiPlaceZones {
    AcpiPlaceRange high;               /* TABLE_LOADER_ZONE_HIGH: RAM the board reserves */
    AcpiPlaceRange fseg;               /* TABLE_LOADER_ZONE_FSEG: inside 0xe0000..0xfffff */
} AcpiPlaceZones;

typedef struct AcpiPlaced {
    uint64_t rsdp;                     /* where ACPI_BUILD_RSDP_FILE went (0: not allocated) */
    AcpiPlaceRange high_used;          /* the high zone's bytes the files took (empty: none) */
    AcpiPlaceRange fseg_used;
} AcpiPlaced;

/*
 * Run fw's table loader into as.  False with errp set when fw has no
 * "etc/table-loader", the script names a file fw lacks, a zone is too small,
 * or a pointer or checksum lies outside its file (nothing is written then),
 * or a zone's memory does not take the writes.
 * Commands other than ALLOCATE, ADD_POINTER and ADD_CHECKSUM are skipped,
 * as the interface asks of firmware.
 */
bool acpi_place_from_fw_cfg(FWCfgState *fw, AddressSpace *as, const AcpiPlaceZones *zones,
                            AcpiPlaced *out, Error **errp);

#endif
