/*
 * packet.c — the wire layer of the GDB remote serial protocol: a byte-at-a-
 * time reader for "$data#xx" packets, acks and Ctrl-C, the framing of
 * replies, and the hex and binary-escape helpers the commands use.
 *
 * The reader never grows without bound: a body longer than GDB_MAX_PACKET
 * is swallowed up to its checksum and reported as GDB_RX_TOO_LONG.  A '$'
 * inside a body starts a new packet (gdb resynchronising after a lost byte).
 * Bodies are kept raw: the '}' escapes matter only to X packets, which undo
 * them with gdb_unescape().
 */
#include "internals.h"

#include <string.h>

enum {
    RX_IDLE,                       /* between packets: acks, Ctrl-C, noise */
    RX_BODY,                       /* after '$' */
    RX_CSUM1,                      /* after '#' */
    RX_CSUM2,                      /* after the first checksum digit */
};

void gdb_reader_init(GDBPacketReader *r)
{
    r->state = RX_IDLE;
    r->len = 0;
    r->sum = 0;
    r->csum = 0;
    r->overflow = false;
    r->data[0] = 0;
}

int gdb_hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

GDBRxEvent gdb_reader_feed(GDBPacketReader *r, uint8_t byte)
{
    switch (r->state) {
    case RX_IDLE:
        if (byte == '$') {
            gdb_reader_init(r);
            r->state = RX_BODY;
        } else if (byte == 0x03) {
            return GDB_RX_INTERRUPT;
        } else if (byte == '+') {
            return GDB_RX_ACK;
        } else if (byte == '-') {
            return GDB_RX_NAK;
        }
        return GDB_RX_NONE;
    case RX_BODY:
        if (byte == '#') {
            r->state = RX_CSUM1;
        } else if (byte == '$') {
            gdb_reader_init(r);
            r->state = RX_BODY;
        } else {
            r->sum += byte;
            if (r->len < GDB_MAX_PACKET) {
                r->data[r->len++] = byte;
            } else {
                r->overflow = true;
            }
        }
        return GDB_RX_NONE;
    case RX_CSUM1:
    case RX_CSUM2: {
        int v = gdb_hexval(byte);
        if (v < 0) {
            /* not a checksum: the packet is damaged ('$' already starts the next) */
            bool restart = byte == '$';
            gdb_reader_init(r);
            r->state = restart ? RX_BODY : RX_IDLE;
            return GDB_RX_BAD_CHECKSUM;
        }
        r->csum = (uint8_t)(r->csum << 4 | v);
        if (r->state == RX_CSUM1) {
            r->state = RX_CSUM2;
            return GDB_RX_NONE;
        }
        r->state = RX_IDLE;
        r->data[r->len] = 0;
        if (r->csum != r->sum) {
            return GDB_RX_BAD_CHECKSUM;
        }
        return r->overflow ? GDB_RX_TOO_LONG : GDB_RX_PACKET;
    }
    }
    return GDB_RX_NONE;
}

void gdb_frame_packet(GString *out, const void *data, size_t len)
{
    const uint8_t *p = data;
    uint8_t sum = 0;
    g_string_append_c(out, '$');
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        if (c == '#' || c == '$' || c == '}' || c == '*') {
            g_string_append_c(out, '}');
            sum += '}';
            c ^= 0x20;
        }
        g_string_append_c(out, (char)c);
        sum += c;
    }
    g_string_append_printf(out, "#%02x", sum);
}

void gdb_append_hex(GString *out, const void *buf, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    const uint8_t *p = buf;
    for (size_t i = 0; i < len; i++) {
        g_string_append_c(out, digits[p[i] >> 4]);
        g_string_append_c(out, digits[p[i] & 15]);
    }
}

bool gdb_hex_decode(const char *s, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        int hi = gdb_hexval(s[2 * i]);
        int lo = hi < 0 ? -1 : gdb_hexval(s[2 * i + 1]);
        if (lo < 0) {
            return false;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

bool gdb_parse_hex(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    int n = 0;
    int d;
    while ((d = gdb_hexval(*s)) >= 0) {
        if (x >> 60) {
            return false;          /* more than 64 bits */
        }
        x = x << 4 | (uint64_t)d;
        s++;
        n++;
    }
    if (!n) {
        return false;
    }
    *v = x;
    *p = s;
    return true;
}

size_t gdb_unescape(char *buf, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '}' && i + 1 < len) {
            buf[o++] = buf[++i] ^ 0x20;
        } else {
            buf[o++] = buf[i];
        }
    }
    return o;
}
