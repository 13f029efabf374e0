/*
 * loader.c — generic loaders (hw/loader.h): raw images, ELF executables,
 * U-Boot uImages.  Formats: ELF from the System V ABI (program headers,
 * PT_LOAD, p_paddr/p_filesz/p_memsz); uImage from U-Boot's legacy image
 * header (64 bytes, big-endian, CRC-32 of header and data).  Every file is
 * read whole (images are small next to guest RAM) and validated before
 * anything is written, so a bad file leaves memory untouched.
 */
#include "hw/loader.h"
#include "util/error.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <zlib.h>

typedef struct Rom {
    char *name;
    uint64_t addr;
    uint64_t size;
} Rom;
static GArray *roms;

static void rom_add(const char *name, uint64_t addr, uint64_t size)
{
    if (!roms) {
        roms = g_array_new(FALSE, FALSE, sizeof(Rom));
    }
    Rom r = { g_path_get_basename(name), addr, size };
    g_array_append_val(roms, r);
}

char *rom_info_string(void)
{
    GString *s = g_string_new(NULL);
    for (unsigned i = 0; roms && i < roms->len; i++) {
        Rom *r = &g_array_index(roms, Rom, i);
        g_string_append_printf(s, "addr=%016" G_GINT64_MODIFIER "x size=0x%06" G_GINT64_MODIFIER
                               "x mem=ram name=\"%s\"\n", r->addr, r->size, r->name);
    }
    return g_string_free(s, FALSE);
}

static bool read_file(const char *filename, uint8_t **data, gsize *len, Error **errp)
{
    GError *gerr = NULL;
    if (!g_file_get_contents(filename, (gchar **)data, len, &gerr)) {
        error_setg(errp, "%s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    return true;
}

int64_t load_image_size(const char *filename, Error **errp)
{
    GStatBuf st;
    if (g_stat(filename, &st) < 0) {
        error_setg_errno(errp, errno, "%s", filename);
        return -1;
    }
    return st.st_size;
}

static bool write_blob(AddressSpace *as, const char *name, uint64_t addr, const void *buf,
                       uint64_t len, Error **errp)
{
    if (address_space_write_rom(as, addr, buf, len) != MEMTX_OK) {
        error_setg(errp, "%s: 0x%" G_GINT64_MODIFIER "x..0x%" G_GINT64_MODIFIER
                   "x is not all guest memory", name, addr, addr + len - 1);
        return false;
    }
    rom_add(name, addr, len);
    return true;
}

bool load_image_targphys(const char *filename, uint64_t addr, uint64_t max_size,
                         Error **errp)
{
    uint8_t *data;
    gsize len;
    if (!read_file(filename, &data, &len, errp)) {
        return false;
    }
    bool ok = false;
    if (max_size && len > max_size) {
        error_setg(errp, "%s: %" G_GSIZE_FORMAT " bytes do not fit in %" G_GUINT64_FORMAT,
                   filename, len, max_size);
    } else {
        ok = write_blob(address_space_memory(), filename, addr, data, len, errp);
    }
    g_free(data);
    return ok;
}

/* ---- ELF ------------------------------------------------------------------ */

bool load_file_is_elf(const char *filename)
{
    FILE *f = fopen(filename, "rb");
    uint8_t m[4] = { 0 };
    if (!f) {
        return false;
    }
    size_t n = fread(m, 1, 4, f);
    fclose(f);
    return n == 4 && memcmp(m, ELFMAG, SELFMAG) == 0;
}

/* Fields of the file's byte order. */
static uint64_t rd(const uint8_t *p, int size, bool big)
{
    uint64_t v = 0;
    for (int i = 0; i < size; i++) {
        v |= (uint64_t)p[big ? size - 1 - i : i] << (8 * i);
    }
    return v;
}

bool load_elf(const char *filename, AddressSpace *as, int elf_machine, uint64_t *entry,
              uint64_t *low, uint64_t *high, Error **errp)
{
    uint8_t *d;
    gsize len;
    if (!read_file(filename, &d, &len, errp)) {
        return false;
    }
    bool ok = false;
    if (len < EI_NIDENT || memcmp(d, ELFMAG, SELFMAG) != 0) {
        error_setg(errp, "%s: not an ELF file", filename);
        goto out;
    }
    bool is64 = d[EI_CLASS] == ELFCLASS64;
    bool big = d[EI_DATA] == ELFDATA2MSB;
    if ((d[EI_CLASS] != ELFCLASS32 && !is64) ||
        (d[EI_DATA] != ELFDATA2LSB && !big) ||
        len < (is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr))) {
        error_setg(errp, "%s: corrupt ELF header", filename);
        goto out;
    }
    /* offsets of the header fields (System V ABI) */
    uint64_t e_type = rd(d + 16, 2, big), e_machine = rd(d + 18, 2, big);
    uint64_t e_entry = is64 ? rd(d + 24, 8, big) : rd(d + 24, 4, big);
    uint64_t e_phoff = is64 ? rd(d + 32, 8, big) : rd(d + 28, 4, big);
    uint64_t e_phentsize = rd(d + (is64 ? 54 : 42), 2, big);
    uint64_t e_phnum = rd(d + (is64 ? 56 : 44), 2, big);
    if (e_type != ET_EXEC) {
        error_setg(errp, "%s: not an executable ELF file (type %" G_GUINT64_FORMAT ")",
                   filename, e_type);
        goto out;
    }
    if (elf_machine && e_machine != (uint64_t)elf_machine) {
        error_setg(errp, "%s: ELF file for machine %" G_GUINT64_FORMAT ", expected %d",
                   filename, e_machine, elf_machine);
        goto out;
    }
    if (e_phentsize < (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) ||
        e_phoff > len || e_phnum * e_phentsize > len - e_phoff) {
        error_setg(errp, "%s: corrupt ELF program headers", filename);
        goto out;
    }
    /* check every segment before writing any */
    uint64_t lo = UINT64_MAX, hi = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (uint64_t i = 0; i < e_phnum; i++) {
            const uint8_t *ph = d + e_phoff + i * e_phentsize;
            if (rd(ph, 4, big) != PT_LOAD) {
                continue;
            }
            uint64_t off, paddr, filesz, memsz;
            if (is64) {
                off = rd(ph + 8, 8, big);
                paddr = rd(ph + 24, 8, big);
                filesz = rd(ph + 32, 8, big);
                memsz = rd(ph + 40, 8, big);
            } else {
                off = rd(ph + 4, 4, big);
                paddr = rd(ph + 12, 4, big);
                filesz = rd(ph + 16, 4, big);
                memsz = rd(ph + 20, 4, big);
            }
            if (pass == 0) {
                if (off > len || filesz > len - off || filesz > memsz ||
                    paddr + memsz < paddr) {
                    error_setg(errp, "%s: corrupt ELF segment %" G_GUINT64_FORMAT, filename, i);
                    goto out;
                }
                lo = MIN(lo, paddr);
                hi = MAX(hi, paddr + memsz);
                continue;
            }
            if (filesz && !write_blob(as, filename, paddr, d + off, filesz, errp)) {
                goto out;
            }
            if (memsz > filesz) {
                uint8_t *zero = g_malloc0(memsz - filesz);
                bool w = address_space_write_rom(as, paddr + filesz, zero,
                                                 memsz - filesz) == MEMTX_OK;
                g_free(zero);
                if (!w) {
                    error_setg(errp, "%s: bss at 0x%" G_GINT64_MODIFIER "x is not guest memory",
                               filename, paddr + filesz);
                    goto out;
                }
            }
        }
    }
    if (lo == UINT64_MAX) {
        error_setg(errp, "%s: no loadable segment", filename);
        goto out;
    }
    if (entry) {
        *entry = e_entry;
    }
    if (low) {
        *low = lo;
    }
    if (high) {
        *high = hi;
    }
    ok = true;
out:
    g_free(d);
    return ok;
}

/* ---- uImage --------------------------------------------------------------- */

enum {
    UIMAGE_MAGIC = 0x27051956,
    UIMAGE_HDR_SIZE = 64,
    UIMAGE_TYPE_KERNEL = 2,        /* ih_type values */
    UIMAGE_TYPE_RAMDISK = 3,
    UIMAGE_COMP_NONE = 0,          /* ih_comp values */
    UIMAGE_COMP_GZIP = 1,
};

/* Byte offsets of the header fields (all big-endian). */
enum {
    UIH_MAGIC = 0, UIH_HCRC = 4, UIH_TIME = 8, UIH_SIZE = 12, UIH_LOAD = 16, UIH_EP = 20,
    UIH_DCRC = 24, UIH_OS = 28, UIH_ARCH = 29, UIH_TYPE = 30, UIH_COMP = 31, UIH_NAME = 32,
};

static uint8_t *gunzip(const uint8_t *src, size_t len, size_t *out_len)
{
    size_t cap = len * 4 + 4096;
    uint8_t *out = g_malloc(cap);
    z_stream z = { .next_in = (Bytef *)src, .avail_in = len };
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
        g_free(out);
        return NULL;
    }
    int r;
    do {
        if (z.total_out == cap) {
            cap *= 2;
            out = g_realloc(out, cap);
        }
        z.next_out = out + z.total_out;
        z.avail_out = cap - z.total_out;
        r = inflate(&z, Z_NO_FLUSH);
    } while (r == Z_OK);
    *out_len = z.total_out;
    inflateEnd(&z);
    if (r != Z_STREAM_END) {
        g_free(out);
        return NULL;
    }
    return out;
}

bool load_uimage(const char *filename, uint64_t *entry, uint64_t *load, uint64_t *size,
                 Error **errp)
{
    uint8_t *d;
    gsize len;
    if (!read_file(filename, &d, &len, errp)) {
        return false;
    }
    bool ok = false;
    uint8_t *payload = NULL;
    if (len < UIMAGE_HDR_SIZE || rd(d + UIH_MAGIC, 4, true) != UIMAGE_MAGIC) {
        error_setg(errp, "%s: not a uImage", filename);
        goto out;
    }
    uint8_t hdr[UIMAGE_HDR_SIZE];
    memcpy(hdr, d, UIMAGE_HDR_SIZE);
    memset(hdr + UIH_HCRC, 0, 4);
    if (crc32(0, hdr, UIMAGE_HDR_SIZE) != rd(d + UIH_HCRC, 4, true)) {
        error_setg(errp, "%s: uImage header checksum mismatch", filename);
        goto out;
    }
    uint64_t dsize = rd(d + UIH_SIZE, 4, true);
    if (dsize > len - UIMAGE_HDR_SIZE) {
        error_setg(errp, "%s: uImage is truncated (%" G_GUINT64_FORMAT " data bytes promised)",
                   filename, dsize);
        goto out;
    }
    if (crc32(0, d + UIMAGE_HDR_SIZE, dsize) != rd(d + UIH_DCRC, 4, true)) {
        error_setg(errp, "%s: uImage data checksum mismatch", filename);
        goto out;
    }
    unsigned type = d[UIH_TYPE], comp = d[UIH_COMP];
    if (type != UIMAGE_TYPE_KERNEL && type != UIMAGE_TYPE_RAMDISK) {
        error_setg(errp, "%s: uImage type %u is not a kernel or ramdisk", filename, type);
        goto out;
    }
    size_t plen = dsize;
    const uint8_t *p = d + UIMAGE_HDR_SIZE;
    if (comp == UIMAGE_COMP_GZIP) {
        payload = gunzip(p, dsize, &plen);
        if (!payload) {
            error_setg(errp, "%s: uImage payload is not valid gzip data", filename);
            goto out;
        }
        p = payload;
    } else if (comp != UIMAGE_COMP_NONE) {
        error_setg(errp, "%s: uImage compression %u is not supported (none and gzip are)",
                   filename, comp);
        goto out;
    }
    uint64_t la = rd(d + UIH_LOAD, 4, true);
    if (!write_blob(address_space_memory(), filename, la, p, plen, errp)) {
        goto out;
    }
    if (entry) {
        *entry = rd(d + UIH_EP, 4, true);
    }
    if (load) {
        *load = la;
    }
    if (size) {
        *size = plen;
    }
    ok = true;
out:
    g_free(payload);
    g_free(d);
    return ok;
}
