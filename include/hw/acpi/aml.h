/*
 * aml.h — a small writer of ACPI Machine Language (ACPI 6.x, chapter 20)
 * and of the resource descriptors _CRS/_PRS buffers hold (6.4).
 *
 * Terms are appended to a GByteArray in the prefix order AML uses; the
 * objects that carry a PkgLength (scopes, devices, methods, packages,
 * buffers, If/Else, fields) are opened with aml_*_begin and closed with
 * aml_end, which inserts the length once the contents are known.
 *
 *     Aml *a = aml_new();
 *     aml_scope_begin(a, "\\_SB");
 *       aml_device_begin(a, "PCI0");
 *         aml_name_decl(a, "_HID"); aml_eisaid(a, "PNP0A03");
 *       aml_end(a);
 *     aml_end(a);
 *
 * Names are ASL-style paths: "\\_SB.PCI0.ISA", "PRQA", "^LNKA".
 */
#ifndef HW_ACPI_AML_H
#define HW_ACPI_AML_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define AML_MAX_DEPTH 32

typedef struct Aml {
    GByteArray *buf;
    unsigned depth;
    unsigned open[AML_MAX_DEPTH];      /* where each open object's contents start */
} Aml;

Aml *aml_new(void);
/* The bytes written (the caller owns them), and the writer freed; every object must be closed. */
GByteArray *aml_finish(Aml *a);

/* Data. */
void aml_int(Aml *a, uint64_t v);      /* Zero/One/Ones or the smallest prefix */
void aml_string(Aml *a, const char *s);
void aml_eisaid(Aml *a, const char *id);   /* "PNP0A03" as its 32-bit EISA id */
void aml_namestring(Aml *a, const char *path);
void aml_arg(Aml *a, int n);           /* Arg0..Arg6 */
void aml_local(Aml *a, int n);         /* Local0..Local7 */
void aml_null_target(Aml *a);          /* no target for And/Or/... */
void aml_bytes(Aml *a, const void *p, size_t len);

/* Named objects and scopes. */
void aml_name_decl(Aml *a, const char *name);      /* Name(name, <next term>) */
void aml_scope_begin(Aml *a, const char *name);
void aml_device_begin(Aml *a, const char *name);
void aml_method_begin(Aml *a, const char *name, int nargs, bool serialized);
void aml_package_begin(Aml *a, int nelems);
void aml_buffer(Aml *a, const void *data, size_t len);  /* Buffer(len) { data } */
void aml_if_begin(Aml *a);             /* the predicate follows, then the body */
void aml_else_begin(Aml *a);
void aml_end(Aml *a);

/* Operation regions and fields (one byte-wide field unit per name). */
enum { AML_REGION_SYSTEM_IO = 1, AML_REGION_PCI_CONFIG = 2 };
void aml_operation_region(Aml *a, const char *name, int space, uint64_t offset, uint64_t len);
void aml_field_begin(Aml *a, const char *region, uint8_t flags);
void aml_field_unit(Aml *a, const char *name, unsigned bits);
#define AML_FIELD_BYTE_ACC 0x01        /* ByteAcc, NoLock, Preserve */

/* Operators: the operands follow as terms (prefix order). */
enum AmlOp {
    AML_OP_STORE = 0x70,               /* Store(src, dst) */
    AML_OP_AND = 0x7b,                 /* And(a, b, target) */
    AML_OP_OR = 0x7d,                  /* Or(a, b, target) */
    AML_OP_RETURN = 0xa4,              /* Return(value) */
    AML_OP_CREATE_DWORD_FIELD = 0x8a,  /* CreateDWordField(buffer, index, name) */
    AML_OP_LEQUAL = 0x93,              /* LEqual(a, b) */
};
void aml_op(Aml *a, enum AmlOp op);

/* ---- resource descriptors (bytes for a ResourceTemplate buffer) ---- */
void aml_res_io(GByteArray *r, uint16_t min, uint16_t max, uint8_t align, uint8_t len);
void aml_res_irq_noflags(GByteArray *r, uint16_t mask);
/* Extended interrupt: consumer, level or edge, active high or low, shared or exclusive. */
void aml_res_interrupt(GByteArray *r, bool level, bool active_low, bool shared,
                       const uint32_t *irqs, int n);
void aml_res_word_bus(GByteArray *r, uint16_t min, uint16_t max);
void aml_res_word_io(GByteArray *r, uint16_t min, uint16_t max);
void aml_res_dword_memory(GByteArray *r, uint32_t min, uint32_t max);
void aml_res_qword_memory(GByteArray *r, uint64_t min, uint64_t max);
void aml_res_memory32_fixed(GByteArray *r, uint32_t base, uint32_t len, bool writable);
/* The end tag; after it the template is complete. */
void aml_res_end(GByteArray *r);

#endif
