/*
 * tcg-common.c — tables generated from tcg-opc.h and the facts about
 * conditions that every pass and back end shares.
 */
#include "tcg/tcg.h"

#include <assert.h>

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, f },
#include "tcg/tcg-opc.h"
#undef DEF
};

static const struct {
    const char *name;
    TCGCond swapped;
} cond_table[TCG_COND_COUNT] = {
    [TCG_COND_NEVER] = { "never", TCG_COND_NEVER },
    [TCG_COND_ALWAYS] = { "always", TCG_COND_ALWAYS },
    [TCG_COND_EQ] = { "eq", TCG_COND_EQ },
    [TCG_COND_NE] = { "ne", TCG_COND_NE },
    [TCG_COND_LT] = { "lt", TCG_COND_GT },
    [TCG_COND_GE] = { "ge", TCG_COND_LE },
    [TCG_COND_LE] = { "le", TCG_COND_GE },
    [TCG_COND_GT] = { "gt", TCG_COND_LT },
    [TCG_COND_LTU] = { "ltu", TCG_COND_GTU },
    [TCG_COND_GEU] = { "geu", TCG_COND_LEU },
    [TCG_COND_LEU] = { "leu", TCG_COND_GEU },
    [TCG_COND_GTU] = { "gtu", TCG_COND_LTU },
    [TCG_COND_TSTEQ] = { "tsteq", TCG_COND_TSTEQ },
    [TCG_COND_TSTNE] = { "tstne", TCG_COND_TSTNE },
};

TCGCond tcg_swap_cond(TCGCond c)
{
    assert(c < TCG_COND_COUNT);
    return cond_table[c].swapped;
}

const char *tcg_cond_name(TCGCond c)
{
    return c < TCG_COND_COUNT ? cond_table[c].name : "?cond";
}

bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b)
{
    int64_t sa, sb;

    if (type == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER:
        return false;
    case TCG_COND_ALWAYS:
        return true;
    case TCG_COND_EQ:
        return a == b;
    case TCG_COND_NE:
        return a != b;
    case TCG_COND_LT:
        return sa < sb;
    case TCG_COND_GE:
        return sa >= sb;
    case TCG_COND_LE:
        return sa <= sb;
    case TCG_COND_GT:
        return sa > sb;
    case TCG_COND_LTU:
        return a < b;
    case TCG_COND_GEU:
        return a >= b;
    case TCG_COND_LEU:
        return a <= b;
    case TCG_COND_GTU:
        return a > b;
    case TCG_COND_TSTEQ:
        return (a & b) == 0;
    case TCG_COND_TSTNE:
        return (a & b) != 0;
    default:
        assert(!"bad condition");
        return false;
    }
}
