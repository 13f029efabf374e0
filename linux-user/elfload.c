/*
 * elfload.c — start a guest process: load the ELF executable (static,
 * dynamic, PIE) and its PT_INTERP from the -L sysroot, or run a "#!" script
 * through its interpreter; map the segments into the guest address space,
 * set the break, and build the initial stack as the kernel does
 * (fs/binfmt_elf.c's create_elf_tables, from the top down):
 *
 *     [ strings: execfn, argv, envp, platform, 16 random bytes ]
 *     [ auxv pairs ... AT_NULL ][ NULL ][ envp ][ NULL ][ argv ][ argc ]  <- sp (16-aligned)
 */
#include "linux-user/user-internals.h"
#include "util/error.h"

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#if TARGET_ABI_BITS == 32
typedef Elf32_Ehdr ElfEhdr;
typedef Elf32_Phdr ElfPhdr;
#else
typedef Elf64_Ehdr ElfEhdr;
typedef Elf64_Phdr ElfPhdr;
#endif

#define STACK_SIZE (8u << 20)

typedef struct LoadedElf {
    abi_ulong bias;
    abi_ulong entry;
    abi_ulong phdr;
    unsigned phnum, phent;
    abi_ulong end;                 /* highest address of a segment (brk) */
    char *interp;                  /* PT_INTERP path, or NULL */
} LoadedElf;

static void swap_ehdr(ElfEhdr *e)
{
    e->e_type = tswap16(e->e_type);
    e->e_machine = tswap16(e->e_machine);
    e->e_version = tswap32(e->e_version);
    e->e_entry = tswapal(e->e_entry);
    e->e_phoff = tswapal(e->e_phoff);
    e->e_shoff = tswapal(e->e_shoff);
    e->e_flags = tswap32(e->e_flags);
    e->e_ehsize = tswap16(e->e_ehsize);
    e->e_phentsize = tswap16(e->e_phentsize);
    e->e_phnum = tswap16(e->e_phnum);
}

static void swap_phdr(ElfPhdr *p)
{
    p->p_type = tswap32(p->p_type);
    p->p_flags = tswap32(p->p_flags);
    p->p_offset = tswapal(p->p_offset);
    p->p_vaddr = tswapal(p->p_vaddr);
    p->p_paddr = tswapal(p->p_paddr);
    p->p_filesz = tswapal(p->p_filesz);
    p->p_memsz = tswapal(p->p_memsz);
    p->p_align = tswapal(p->p_align);
}

static int elf_prot(uint32_t f)
{
    return (f & PF_R ? PROT_READ : 0) | (f & PF_W ? PROT_WRITE : 0) |
           (f & PF_X ? PROT_EXEC : 0);
}

static bool load_elf(const char *path, int fd, bool is_interp, LoadedElf *le, Error **errp)
{
    ElfEhdr eh;
    if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh)) {
        error_setg(errp, "%s: not an executable (too short)", path);
        return false;
    }
    if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
        error_setg(errp, "%s: not an ELF executable", path);
        return false;
    }
    if (eh.e_ident[EI_CLASS] != TARGET_ELF_CLASS ||
        eh.e_ident[EI_DATA] != (TARGET_BIG_ENDIAN ? ELFDATA2MSB : ELFDATA2LSB)) {
        error_setg(errp, "%s: ELF class or byte order is not " TARGET_NAME "'s", path);
        return false;
    }
    swap_ehdr(&eh);
    if (eh.e_machine != TARGET_ELF_MACHINE || (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)) {
        error_setg(errp, "%s: not an " TARGET_NAME " executable (machine %u, type %u)", path,
                   eh.e_machine, eh.e_type);
        return false;
    }
    if (eh.e_phentsize != sizeof(ElfPhdr) || eh.e_phnum == 0 || eh.e_phnum > 128) {
        error_setg(errp, "%s: bad program headers", path);
        return false;
    }
    g_autofree ElfPhdr *ph = g_new(ElfPhdr, eh.e_phnum);
    size_t phsize = sizeof(ElfPhdr) * eh.e_phnum;
    if (pread(fd, ph, phsize, eh.e_phoff) != (ssize_t)phsize) {
        error_setg(errp, "%s: truncated program headers", path);
        return false;
    }
    uint64_t lo = UINT64_MAX, hi = 0;
    le->interp = NULL;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        swap_phdr(&ph[i]);
        if (ph[i].p_type == PT_LOAD) {
            lo = MIN(lo, ph[i].p_vaddr & TARGET_PAGE_MASK);
            hi = MAX(hi, (uint64_t)ph[i].p_vaddr + ph[i].p_memsz);
        } else if (ph[i].p_type == PT_INTERP && !is_interp) {
            le->interp = g_malloc0(ph[i].p_filesz + 1);
            if (pread(fd, le->interp, ph[i].p_filesz, ph[i].p_offset) != (ssize_t)ph[i].p_filesz) {
                error_setg(errp, "%s: truncated PT_INTERP", path);
                return false;
            }
        }
    }
    if (lo >= hi) {
        error_setg(errp, "%s: nothing to load", path);
        return false;
    }
    uint64_t span = TARGET_PAGE_ALIGN(hi) - lo;

    /* ET_DYN goes where there is room; the whole span is claimed first */
    abi_ulong bias = 0;
    if (eh.e_type == ET_DYN) {
        abi_ulong want = lo ? lo : (is_interp ? TARGET_INTERP_BASE : TARGET_PIE_BASE);
        abi_ulong at = lu_mmap_find(want, span);
        if (!at) {
            error_setg(errp, "%s: no room for %llu bytes", path, (unsigned long long)span);
            return false;
        }
        bias = at - lo;
    }
    abi_long r = lu_mmap(lo + bias, span, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (lu_is_error(r)) {
        error_setg(errp, "%s: cannot map %#llx+%#llx: %s", path,
                   (unsigned long long)(lo + bias), (unsigned long long)span, strerror(-r));
        return false;
    }

    le->phdr = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        ElfPhdr *p = &ph[i];
        if (p->p_type == PT_PHDR) {
            le->phdr = p->p_vaddr + bias;
        }
        if (p->p_type != PT_LOAD) {
            continue;
        }
        if (!le->phdr && eh.e_phoff >= p->p_offset &&
            eh.e_phoff < p->p_offset + p->p_filesz) {
            le->phdr = p->p_vaddr + bias + (eh.e_phoff - p->p_offset);
        }
        abi_ulong vaddr = p->p_vaddr + bias;
        abi_ulong start = vaddr & TARGET_PAGE_MASK;
        abi_ulong pad = vaddr - start;
        int prot = elf_prot(p->p_flags);
        abi_ulong file_end = vaddr + p->p_filesz;
        abi_ulong mem_end = vaddr + p->p_memsz;
        if (p->p_filesz) {
            r = lu_mmap(start, p->p_filesz + pad, prot | (p->p_memsz > p->p_filesz ? PROT_WRITE : 0),
                        MAP_PRIVATE | MAP_FIXED, fd, p->p_offset - pad);
            if (lu_is_error(r)) {
                error_setg(errp, "%s: cannot map a segment: %s", path, strerror(-r));
                return false;
            }
        }
        if (p->p_memsz > p->p_filesz) {
            abi_ulong zero_page_end = TARGET_PAGE_ALIGN(file_end);
            if (p->p_filesz && zero_page_end > file_end) {
                memset(g2h(file_end), 0, zero_page_end - file_end);
            } else if (!p->p_filesz) {
                zero_page_end = start;
            }
            if (TARGET_PAGE_ALIGN(mem_end) > zero_page_end) {
                r = lu_mmap(zero_page_end, TARGET_PAGE_ALIGN(mem_end) - zero_page_end, prot,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                if (lu_is_error(r)) {
                    error_setg(errp, "%s: cannot map bss: %s", path, strerror(-r));
                    return false;
                }
            }
            if (p->p_filesz && !(prot & PROT_WRITE)) {
                lu_mprotect(start, zero_page_end - start, prot);
            }
        }
        le->end = MAX(le->end, mem_end);
    }
    le->bias = bias;
    le->entry = eh.e_entry + bias;
    le->phnum = eh.e_phnum;
    le->phent = eh.e_phentsize;
    return true;
}

/* ---- the initial stack --------------------------------------------------------- */

typedef struct StackBuilder {
    abi_ulong sp;
    bool fault;
} StackBuilder;

static abi_ulong push_bytes(StackBuilder *sb, const void *data, size_t len)
{
    sb->sp -= len;
    if (lu_copy_to(sb->sp, data, len)) {
        sb->fault = true;
    }
    return sb->sp;
}

static abi_ulong push_string(StackBuilder *sb, const char *s)
{
    return push_bytes(sb, s, strlen(s) + 1);
}

static bool build_stack(LuImage *img, CPUState *cpu, const char *execfn, char **argv,
                        char **envp, const LoadedElf *exe, Error **errp)
{
    abi_ulong top = TARGET_STACK_TOP;
    abi_long r = lu_mmap(top - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
    if (lu_is_error(r)) {
        error_setg(errp, "cannot map the stack: %s", strerror(-r));
        return false;
    }
    int argc = 0, envc = 0;
    while (argv[argc]) {
        argc++;
    }
    while (envp[envc]) {
        envc++;
    }
    StackBuilder sb = { .sp = top - 16 };
    abi_ulong execfn_p = push_string(&sb, execfn);
    g_autofree abi_ulong *argp = g_new(abi_ulong, argc + 1);
    g_autofree abi_ulong *envpp = g_new(abi_ulong, envc + 1);
    img->env_end = sb.sp;
    for (int i = envc - 1; i >= 0; i--) {
        envpp[i] = push_string(&sb, envp[i]);
    }
    img->env_start = img->arg_end = sb.sp;
    for (int i = argc - 1; i >= 0; i--) {
        argp[i] = push_string(&sb, argv[i]);
    }
    img->arg_start = sb.sp;
    abi_ulong platform_p = push_string(&sb, lu_arch_platform(cpu));
    uint8_t rnd[16];
    for (int i = 0; i < 16; i++) {
        rnd[i] = g_random_int_range(0, 256);
    }
    abi_ulong random_p = push_bytes(&sb, rnd, 16);

    abi_ulong auxv[][2] = {
        { AT_PHDR, exe->phdr },
        { AT_PHENT, exe->phent },
        { AT_PHNUM, exe->phnum },
        { AT_PAGESZ, TARGET_PAGE_SIZE },
        { AT_BASE, img->interp_base },
        { AT_FLAGS, 0 },
        { AT_ENTRY, exe->entry },
        { AT_UID, getuid() },
        { AT_EUID, geteuid() },
        { AT_GID, getgid() },
        { AT_EGID, getegid() },
        { AT_HWCAP, lu_arch_hwcap(cpu) },
        { AT_HWCAP2, lu_arch_hwcap2(cpu) },
        { lu_arch_minsigstksz(cpu) ? AT_MINSIGSTKSZ : AT_IGNORE, lu_arch_minsigstksz(cpu) },
        { AT_CLKTCK, sysconf(_SC_CLK_TCK) },
        { AT_SECURE, 0 },
        { AT_RANDOM, random_p },
        { AT_PLATFORM, platform_p },
        { AT_EXECFN, execfn_p },
        { AT_NULL, 0 },
    };
    size_t nwords = 1 + argc + 1 + envc + 1 + 2 * ARRAY_SIZE(auxv);
    sb.sp = (sb.sp - nwords * sizeof(abi_ulong)) & ~(abi_ulong)15;
    abi_ulong w = sb.sp;
    bool ok = !lu_put_ulong(w, argc);
    w += sizeof(abi_ulong);
    for (int i = 0; i < argc; i++, w += sizeof(abi_ulong)) {
        ok &= !lu_put_ulong(w, argp[i]);
    }
    ok &= !lu_put_ulong(w, 0);
    w += sizeof(abi_ulong);
    for (int i = 0; i < envc; i++, w += sizeof(abi_ulong)) {
        ok &= !lu_put_ulong(w, envpp[i]);
    }
    ok &= !lu_put_ulong(w, 0);
    w += sizeof(abi_ulong);
    img->auxv = w;
    for (size_t i = 0; i < ARRAY_SIZE(auxv); i++) {
        ok &= !lu_put_ulong(w, auxv[i][0]);
        ok &= !lu_put_ulong(w + sizeof(abi_ulong), auxv[i][1]);
        w += 2 * sizeof(abi_ulong);
    }
    img->auxv_len = w - img->auxv;
    if (!ok || sb.fault) {
        error_setg(errp, "arguments and environment do not fit on the stack");
        return false;
    }
    img->stack_top = sb.sp;
    return true;
}

/* ---- scripts and the whole image ------------------------------------------------- */

static char *abs_path(const char *path)
{
    char *r = realpath(path, NULL);
    return r ? r : g_strdup(path);
}

bool lu_load_image(const char *path, char **argv, char **envp, CPUState *cpu, LuImage *img,
                   Error **errp)
{
    char buf[256];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "%s", path);
        return false;
    }
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
        /* a script: "#!interp [one argument]", the kernel's rules */
        close(fd);
        buf[n] = 0;
        char *nl = strchr(buf, '\n');
        if (nl) {
            *nl = 0;
        }
        char *interp = g_strstrip(buf + 2);
        char *arg = strpbrk(interp, " \t");
        if (arg) {
            *arg++ = 0;
            arg = g_strstrip(arg);
            if (!*arg) {
                arg = NULL;
            }
        }
        GPtrArray *nargv = g_ptr_array_new();
        g_ptr_array_add(nargv, interp);
        if (arg) {
            g_ptr_array_add(nargv, arg);
        }
        g_ptr_array_add(nargv, (char *)path);
        for (int i = 1; argv[i]; i++) {
            g_ptr_array_add(nargv, argv[i]);
        }
        g_ptr_array_add(nargv, NULL);
        char pbuf[4096];
        const char *ipath = lu_path(interp, pbuf, sizeof(pbuf));
        char *ipath_copy = g_strdup(ipath);
        bool ok = lu_load_image(ipath_copy, (char **)nargv->pdata, envp, cpu, img, errp);
        g_free(ipath_copy);
        g_ptr_array_free(nargv, true);
        return ok;
    }

    LoadedElf exe = { 0 }, interp = { 0 };
    if (!load_elf(path, fd, false, &exe, errp)) {
        close(fd);
        return false;
    }
    close(fd);
    img->interp_base = 0;
    img->entry = exe.entry;
    if (exe.interp) {
        char pbuf[4096];
        const char *ip = lu_path(exe.interp, pbuf, sizeof(pbuf));
        int ifd = open(ip, O_RDONLY | O_CLOEXEC);
        if (ifd < 0) {
            error_setg_errno(errp, errno, "%s: interpreter %s (use -L sysroot)", path, exe.interp);
            return false;
        }
        bool ok = load_elf(ip, ifd, true, &interp, errp);
        close(ifd);
        if (!ok) {
            return false;
        }
        img->interp_base = interp.bias;
        img->entry = interp.entry;
    }
    img->exe_entry = exe.entry;
    img->load_bias = exe.bias;
    img->phdr = exe.phdr;
    img->phnum = exe.phnum;
    img->phent = exe.phent;
    img->start_brk = TARGET_PAGE_ALIGN(exe.end);
    img->exe_path = abs_path(path);
    lu_brk_init(img->start_brk);
    g_free(exe.interp);
    return build_stack(img, cpu, path, argv, envp, &exe, errp);
}

/* Architectures whose kernel has no AT_MINSIGSTKSZ (x86 and arm64 have) keep this default. */
__attribute__((weak)) abi_ulong lu_arch_minsigstksz(CPUState *cpu)
{
    return 0;
}
