/*
 * translate.c — the ARM front end: A32 and Thumb instructions to TCG IR on
 * translator_loop.
 */
#include "internals.h"

#include "exec/cpu-exec.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"

void arm_tcg_initialize(void)
{
}

void arm_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns)
{
}
