/*
 * pci-internal.h — what the files of hw/pci share and devices do not see.
 */
#ifndef HW_PCI_INTERNAL_H
#define HW_PCI_INTERNAL_H

#include "hw/pci.h"

#include <glib.h>

/* Every root bus, in creation order (for `info pci`). */
extern GSList *pci_root_buses;

/* Config access through the device's hooks (or the defaults). */
uint32_t pci_config_read(PCIDevice *dev, uint32_t addr, int len);
void pci_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, int len);

/* pci-bridge.c: the type 1 header's masks, its secondary bus, window updates. */
void pci_bridge_init_header(PCIDevice *dev);
PCIBus *pci_bridge_secondary_bus(PCIDevice *dev);
void pci_bridge_config_written(PCIDevice *dev, uint32_t addr, int len);

#endif
