/*
 * acpi-test.h — what the table tests (test-acpi-build.c, test-acpi-place.c,
 * test-mptable.c) share to read the firmware tables as a guest does: a
 * little-endian field of 1 to 8 bytes, and the byte sum that ACPI (6.x,
 * 5.2) and the MP specification (1.4, 4.1 and 4.2) require to be 0 over a
 * table with its checksum byte.  Written from the specifications, not
 * taken from hw/acpi/, so the tests stay an independent reader.
 */
#ifndef TESTS_UNIT_HW_ACPI_ACPI_TEST_H
#define TESTS_UNIT_HW_ACPI_ACPI_TEST_H

#include <stddef.h>
#include <stdint.h>

/* The n-byte little-endian field at p (n <= 8). */
static inline uint64_t test_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) {
        v = v << 8 | p[i];
    }
    return v;
}

/* The 8-bit sum of n bytes at p: 0 for a table whose checksum is right. */
static inline uint8_t test_sum(const uint8_t *p, size_t n)
{
    uint8_t s = 0;
    while (n--) {
        s += *p++;
    }
    return s;
}

#endif
