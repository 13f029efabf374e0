/*
 * syscall-common.h — rows of the per-target syscall tables that are the same
 * on every Linux architecture: since 5.1 the kernel gives new system calls
 * one number everywhere (424 and up).  memfd_secret (447) is wired on some
 * architectures only, so each table lists it itself when it has it.
 */
#ifndef LINUX_USER_SYSCALL_COMMON_H
#define LINUX_USER_SYSCALL_COMMON_H

/* Rows 424..446 and 448..450 for a `LuSyscall lu_syscall_table[]` initializer. */
#define LU_SYSCALLS_UNIFIED_424_446 \
    [424] = { "pidfd_send_signal", "xxxxxx", NULL },                                        \
    [425] = { "io_uring_setup", "xxxxxx", NULL },                                           \
    [426] = { "io_uring_enter", "xxxxxx", NULL },                                           \
    [427] = { "io_uring_register", "xxxxxx", NULL },                                        \
    [428] = { "open_tree", "xxxxxx", NULL },                                                \
    [429] = { "move_mount", "xxxxxx", NULL },                                               \
    [430] = { "fsopen", "xxxxxx", NULL },                                                   \
    [431] = { "fsconfig", "xxxxxx", NULL },                                                 \
    [432] = { "fsmount", "xxxxxx", NULL },                                                  \
    [433] = { "fspick", "xxxxxx", NULL },                                                   \
    [434] = { "pidfd_open", "ix", lu_sys_pidfd_open },                                      \
    [435] = { "clone3", "xxxxxx", NULL },                                                   \
    [436] = { "close_range", "uux", lu_sys_close_range },                                   \
    [437] = { "openat2", "xxxxxx", NULL },                                                  \
    [438] = { "pidfd_getfd", "xxxxxx", NULL },                                              \
    [439] = { "faccessat2", "isix", lu_sys_faccessat2 },                                    \
    [440] = { "process_madvise", "xxxxxx", NULL },                                          \
    [441] = { "epoll_pwait2", "xxxxxx", NULL },                                             \
    [442] = { "mount_setattr", "xxxxxx", NULL },                                            \
    [443] = { "quotactl_fd", "xxxxxx", NULL },                                              \
    [444] = { "landlock_create_ruleset", "xxxxxx", NULL },                                  \
    [445] = { "landlock_add_rule", "xxxxxx", NULL },                                        \
    [446] = { "landlock_restrict_self", "xxxxxx", NULL },

#define LU_SYSCALLS_UNIFIED_448_450 \
    [448] = { "process_mrelease", "xxxxxx", NULL },                                         \
    [449] = { "futex_waitv", "xxxxxx", NULL },                                              \
    [450] = { "set_mempolicy_home_node", "xxxxxx", NULL },

#endif
