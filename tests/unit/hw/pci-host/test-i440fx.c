/*
 * test-i440fx.c — the PC chipset pieces of hw/pci-host and hw/misc driven
 * from outside through the I/O port space, as firmware would: the i440FX's
 * configuration mechanism #1 and identity, the PAM shadow-RAM modes of one
 * 16 KiB segment and of the 64 KiB BIOS segment, SMRAM read-back and lock,
 * PIIX3 PIRQ routing of a PCI device's INTA to ISA IRQs, the 0xcf9 reset
 * request, isa-debugcon and isa-debug-exit.
 *
 * Expected values come from the 82441FX/82371SB datasheets and QEMU's
 * documentation of the debug devices (exit status (v << 1) | 1).
 */
#include "chardev/char.h"
#include "exec/memory.h"
#include "exec/runstate.h"
#include "hw/isa.h"
#include "hw/pci-host/i440fx.h"
#include "hw/qdev.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#define RAM_SIZE (2 * 1024 * 1024)
#define BIOS_SIZE (128 * 1024)

static MemoryRegion ram;
static uint8_t *ram_ptr;
static uint8_t bios[BIOS_SIZE];
static I440FXState *nb;
static PIIX3State *sb;
static int isa_level[ISA_NUM_IRQS];
static IRQState **isa_in;

static void isa_irq_handler(void *opaque, int n, int level)
{
    isa_level[n] = level;
}

static uint32_t cfg_readl(int devfn, int reg)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc));
    return inl(0xcfc);
}

static uint8_t cfg_readb(int devfn, int reg)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc));
    return inb(0xcfc + (reg & 3));
}

static void cfg_writeb(int devfn, int reg, uint8_t v)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc));
    outb(0xcfc + (reg & 3), v);
}

static uint8_t mem_readb(uint64_t a)
{
    uint8_t v;
    address_space_read(address_space_memory(), a, &v, 1);
    return v;
}

static void mem_writeb(uint64_t a, uint8_t v)
{
    address_space_write(address_space_memory(), a, &v, 1);
}

static void test_identity(void)
{
    g_assert_cmphex(cfg_readl(PCI_DEVFN(0, 0), 0), ==, 0x12378086);
    g_assert_cmphex(cfg_readl(PCI_DEVFN(1, 0), 0), ==, 0x70008086);
    /* class codes: host bridge 06 00, ISA bridge 06 01; PIIX3 is multi-function */
    g_assert_cmphex(cfg_readl(PCI_DEVFN(0, 0), 8) >> 16, ==, 0x0600);
    g_assert_cmphex(cfg_readl(PCI_DEVFN(1, 0), 8) >> 16, ==, 0x0601);
    g_assert_cmphex(cfg_readb(PCI_DEVFN(1, 0), PCI_HEADER_TYPE) & 0x80, ==, 0x80);
    /* the address register reads back what was written (reserved bits 1:0 clear) */
    outl(0xcf8, 0x80001237);
    g_assert_cmphex(inl(0xcf8), ==, 0x80001234);
    /* nobody at 0:2.0: master abort */
    g_assert_cmphex(cfg_readl(PCI_DEVFN(2, 0), 0), ==, 0xffffffff);
}

/* PAM1's low nibble: segment 0xc0000..0xc3fff. */
static void test_pam_segment(void)
{
    const uint64_t a = 0xc1234;
    ram_ptr[a] = 0x5a;
    g_assert_cmpint(cfg_readb(0, 0x5a), ==, 0);
    /* 00: the PCI side (nothing there), writes do not reach RAM */
    g_assert_cmphex(mem_readb(a), ==, 0xff);
    mem_writeb(a, 0x11);
    g_assert_cmphex(ram_ptr[a], ==, 0x5a);
    /* 11: RAM both ways */
    cfg_writeb(0, 0x5a, 0x03);
    g_assert_cmphex(mem_readb(a), ==, 0x5a);
    mem_writeb(a, 0x22);
    g_assert_cmphex(ram_ptr[a], ==, 0x22);
    /* 01: read-only RAM */
    cfg_writeb(0, 0x5a, 0x01);
    g_assert_cmphex(mem_readb(a), ==, 0x22);
    mem_writeb(a, 0x33);
    g_assert_cmphex(ram_ptr[a], ==, 0x22);
    /* 10: write-only RAM, reads from PCI */
    cfg_writeb(0, 0x5a, 0x02);
    g_assert_cmphex(mem_readb(a), ==, 0xff);
    mem_writeb(a, 0x44);
    g_assert_cmphex(ram_ptr[a], ==, 0x44);
    /* only bits 1:0 and 5:4 exist; the high nibble is the next segment */
    cfg_writeb(0, 0x5a, 0xff);
    g_assert_cmphex(cfg_readb(0, 0x5a), ==, 0x33);
    g_assert_cmphex(mem_readb(0xc4000 + 7), ==, ram_ptr[0xc4000 + 7]);
    cfg_writeb(0, 0x5a, 0x00);
    g_assert_cmphex(mem_readb(a), ==, 0xff);
}

/* PAM0's high nibble: 0xf0000..0xfffff, where write-only reads give the BIOS. */
static void test_pam_bios(void)
{
    const uint64_t a = 0xffff0;        /* the BIOS's last 16 bytes live here */
    g_assert_cmphex(cfg_readb(0, 0x59), ==, 0);
    cfg_writeb(0, 0x59, 0x20);         /* 10: write-only */
    g_assert_cmphex(cfg_readb(0, 0x59), ==, 0x20);
    g_assert_cmphex(mem_readb(a), ==, bios[BIOS_SIZE - 16]);
    mem_writeb(a, 0x9c);
    g_assert_cmphex(ram_ptr[a], ==, 0x9c);
    cfg_writeb(0, 0x59, 0x30);         /* 11: the copy, read back */
    g_assert_cmphex(mem_readb(a), ==, 0x9c);
    cfg_writeb(0, 0x59, 0x0f);         /* low nibble of PAM0 is reserved */
    g_assert_cmphex(cfg_readb(0, 0x59), ==, 0x00);
    g_assert_cmpint(i440fx_pam_mode(nb, 0), ==, 0);
}

static void test_smram(void)
{
    g_assert_cmphex(cfg_readb(0, I440FX_SMRAM), ==, 0x02);
    cfg_writeb(0, I440FX_SMRAM, 0x4f);  /* D_OPEN, G_SMRAME; base bits read-only */
    g_assert_cmphex(cfg_readb(0, I440FX_SMRAM), ==, 0x4a);
    cfg_writeb(0, I440FX_SMRAM, 0x5a);  /* D_LCK forces D_OPEN off */
    g_assert_cmphex(cfg_readb(0, I440FX_SMRAM), ==, 0x1a);
    cfg_writeb(0, I440FX_SMRAM, 0x42);  /* locked: D_OPEN stays 0, D_LCK stays */
    g_assert_cmphex(cfg_readb(0, I440FX_SMRAM), ==, 0x12);
}

static void test_pirq(void)
{
    Error *err = NULL;
    bool help;
    /* slot 3, INTA: PIRQ (0 + 3 - 1) mod 4 = PIRQC, register 0x62 */
    DeviceState *d = qdev_device_add("pci-testdev,addr=3,pin=1", stdout, &help, &err);
    g_assert_null(err);
    PCIDevice *dev = PCI_DEVICE(d);
    for (int p = 0; p < 4; p++) {
        g_assert_cmphex(cfg_readb(PCI_DEVFN(1, 0), PIIX3_PIRQRC + p), ==, 0x80);
    }
    pci_set_irq(dev, 1);
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        g_assert_cmpint(isa_level[i], ==, 0);   /* every route disabled */
    }
    cfg_writeb(PCI_DEVFN(1, 0), 0x62, 11);
    g_assert_cmpint(isa_level[11], ==, 1);
    cfg_writeb(PCI_DEVFN(1, 0), 0x62, 10);      /* moving the route frees IRQ 11 */
    g_assert_cmpint(isa_level[11], ==, 0);
    g_assert_cmpint(isa_level[10], ==, 1);
    cfg_writeb(PCI_DEVFN(1, 0), 0x61, 10);      /* another PIRQ on the same IRQ, idle */
    pci_set_irq(dev, 0);
    g_assert_cmpint(isa_level[10], ==, 0);
    pci_set_irq(dev, 1);
    g_assert_cmpint(isa_level[10], ==, 1);
    cfg_writeb(PCI_DEVFN(1, 0), 0x62, 0x8a);    /* disabled */
    g_assert_cmpint(isa_level[10], ==, 0);
    cfg_writeb(PCI_DEVFN(1, 0), 0x62, 0x02);    /* IRQ 2 is reserved: no route */
    g_assert_cmpint(isa_level[2], ==, 0);
    pci_set_irq(dev, 0);
}

static void test_debugcon(void)
{
    Error *err = NULL;
    bool help;
    char *dir = g_dir_make_tmp("test-i440fx-XXXXXX", NULL);
    char *path = g_build_filename(dir, "dc.txt", NULL);
    char *opts = g_strdup_printf("file,id=dc,path=%s", path);
    g_assert_nonnull(chardev_new_from_opts(opts, &help, &err));
    g_assert_null(err);
    g_assert_nonnull(qdev_device_add("isa-debugcon,chardev=dc", stdout, &help, &err));
    g_assert_null(err);
    g_assert_cmphex(inb(0x402), ==, 0xe9);
    for (const char *p = "SeaBIOS\n"; *p; p++) {
        outb(0x402, *p);
    }
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "SeaBIOS\n");
    /* a chardev that does not exist is refused */
    g_assert_null(qdev_device_add("isa-debugcon,chardev=nope,iobase=0xe9", stdout, &help, &err));
    g_assert_nonnull(err);
    error_free(err);
    unlink(path);
    rmdir(dir);
    g_free(text);
    g_free(opts);
    g_free(path);
    g_free(dir);
}

static void test_debug_exit(void)
{
    Error *err = NULL;
    bool help;
    g_assert_nonnull(qdev_device_add("isa-debug-exit,iobase=0xf4,iosize=4", stdout, &help, &err));
    g_assert_null(err);
    g_assert_cmphex(inb(0xf4), ==, 0);
    const uint8_t values[] = { 0x00, 0x10, 0x7f };
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        pid_t pid = fork();
        g_assert_cmpint(pid, >=, 0);
        if (pid == 0) {
            outb(0xf5, values[i]);
            _exit(100);                 /* not reached when the device works */
        }
        int status;
        g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
        g_assert_true(WIFEXITED(status));
        g_assert_cmpint(WEXITSTATUS(status), ==, ((values[i] << 1) | 1) & 0xff);
    }
}

/* Last: the request stays pending in this process. */
static void test_reset_control(void)
{
    g_assert_false(runstate_request_pending());
    outb(0xcf9, 0x02);                 /* SYS_RST alone: no reset, reads back */
    g_assert_false(runstate_request_pending());
    g_assert_cmphex(inb(0xcf9), ==, 0x02);
    /* the byte access did not disturb the config address */
    outl(0xcf8, 0x80000800);
    outb(0xcf9, 0x00);
    g_assert_cmphex(inl(0xcf8), ==, 0x80000800);
    outb(0xcf9, 0x06);                 /* RST_CPU with SYS_RST: a system reset */
    g_assert_true(runstate_request_pending());
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &error_fatal);
    ram_ptr = memory_region_get_ram_ptr(&ram);
    for (int i = 0; i < BIOS_SIZE; i++) {
        bios[i] = (uint8_t)(i * 7 + 3);
    }
    nb = i440fx_init(&ram, RAM_SIZE, bios, BIOS_SIZE, &error_fatal);
    isa_in = irq_allocate(isa_irq_handler, NULL, ISA_NUM_IRQS);
    sb = piix3_init(i440fx_pci_bus(nb), isa_in, &error_fatal);
    g_assert_nonnull(piix3_isa_bus(sb));
    g_test_add_func("/i440fx/identity", test_identity);
    g_test_add_func("/i440fx/pam/segment", test_pam_segment);
    g_test_add_func("/i440fx/pam/bios", test_pam_bios);
    g_test_add_func("/i440fx/smram", test_smram);
    g_test_add_func("/piix3/pirq", test_pirq);
    g_test_add_func("/misc/debugcon", test_debugcon);
    g_test_add_func("/misc/debug-exit", test_debug_exit);
    g_test_add_func("/piix3/reset-control", test_reset_control);
    return g_test_run();
}
