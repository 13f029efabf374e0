/*
 * Runs the decoder generated from sample32.decode on instruction words read
 * from stdin (hex, one per line) and prints what each decodes to, so that
 * test-decodegen.py can compare it with its hand-written reference.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/bitops.h"

typedef struct DisasContext {
    FILE *out;
} DisasContext;

static int times_two(DisasContext *ctx, int x)
{
    return 2 * x;
}

#include "sample32.c.inc"

static bool trans_ADD(DisasContext *ctx, arg_ADD *a)
{
    fprintf(ctx->out, "ADD cond=%d rd=%d rn=%d rm=%d s=%d\n", a->cond, a->rd, a->rn, a->rm, a->s);
    return true;
}

static bool trans_SUB(DisasContext *ctx, arg_SUB *a)
{
    fprintf(ctx->out, "SUB cond=%d rd=%d rn=%d rm=%d s=%d\n", a->cond, a->rd, a->rn, a->rm, a->s);
    return true;
}

static bool trans_MOVW(DisasContext *ctx, arg_ri *a)
{
    fprintf(ctx->out, "MOVW cond=%d rd=%d imm=%d\n", a->cond, a->rd, a->imm);
    return true;
}

static bool trans_B(DisasContext *ctx, arg_B *a)
{
    fprintf(ctx->out, "B cond=%d off=%d\n", a->cond, a->off);
    return true;
}

static bool trans_MOVI(DisasContext *ctx, arg_MOVI *a)
{
    fprintf(ctx->out, "MOVI cond=%d rd=%d rot=%d imm8=%d r2=%d\n", a->cond, a->rd, a->rot,
            a->imm8, a->r2);
    return true;
}

static bool trans_HILO(DisasContext *ctx, arg_HILO *a)
{
    fprintf(ctx->out, "HILO v=%d k=%d\n", a->v, a->k);
    return true;
}

/* The group members decline some encodings, to exercise fall-through. */
static bool trans_MUL(DisasContext *ctx, arg_MUL *a)
{
    if (a->rd == 15) {
        return false;
    }
    fprintf(ctx->out, "MUL cond=%d rd=%d rs=%d rm=%d s=%d\n", a->cond, a->rd, a->rs, a->rm, a->s);
    return true;
}

static bool trans_MULPC(DisasContext *ctx, arg_MULPC *a)
{
    if (a->rs == 15) {
        return false;
    }
    fprintf(ctx->out, "MULPC cond=%d rs=%d rm=%d s=%d\n", a->cond, a->rs, a->rm, a->s);
    return true;
}

static bool trans_MULANY(DisasContext *ctx, arg_MULANY *a)
{
    fprintf(ctx->out, "MULANY cond=%d\n", a->cond);
    return true;
}

static bool trans_AND3(DisasContext *ctx, arg_rrr_s *a)
{
    fprintf(ctx->out, "AND3 rd=%d rn=%d rm=%d s=%d\n", a->rd, a->rn, a->rm, a->s);
    return true;
}

int main(void)
{
    DisasContext ctx = { .out = stdout };
    unsigned insn;
    while (scanf("%x", &insn) == 1) {
        if (!decode_sample(&ctx, insn)) {
            printf("UNDEF\n");
        }
    }
    return 0;
}
