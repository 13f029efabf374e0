/*
 * thumb.c — Thumb and Thumb-2 (T16 and T32 encodings) on the A32 trans_*
 * functions where the semantics are shared, with IT blocks.
 */
#include "translate.h"

bool arm_thumb_translate_insn(DisasContext *s)
{
    return unallocated_encoding(s);
}
