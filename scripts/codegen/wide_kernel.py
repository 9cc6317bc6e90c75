#!/usr/bin/env python3
"""Writes the body of VectorOps' wide SGEMM micro-kernels (docs/kernels.md, "Two tiles").

Each of the tile's rows is the same line with its index, so the two kernels are generated, not typed:

    scripts/codegen/wide_kernel.py col 12 2 wide12        # A(r, k) at aOff + k * lda + r (packed: lda = 12)
    scripts/codegen/wide_kernel.py row 12 2 wide12RowA    # A(r, k) at aOff + r * lda + k (rows side by side)
    scripts/codegen/wide_kernel.py row 12 2 wide12RowA256 256   # the same with lda = 256, a constant

Paste the output over the method of the same name. One k per iteration on purpose: unrolled by two, C2 kept
both steps' B vectors live and spilled accumulators in some compilations. In the col form the loop variable
is B's offset (the only index there at a constant stride): C2 then proves B's loads in bounds before the
loop and drops their two checks per k, and A's index steps by an add, not a multiply. That loop had some 20
scalar instructions per 24 FMAs, now 12 (read in the JIT's disassembly); one thread at n = 1024 went from
66-72% to 72-77% of the FMA ceiling, alternating builds (docs/kernels.md, "Two tiles"). The row form keeps k
as the loop variable: its twelve A indices a_r + k are what C2 can prove in bounds then (B's two checks
stay); with B's offset as the loop variable it checked all twelve every k (4 instructions each). It still
spends two or three instructions per row and k on the twelve row addresses (kept on the stack, added to k);
with a constant lda (the fused attention's probabilities, 256 floats apart) each row is one displacement
from a single index and the twelve broadcasts need nothing else.
"""
import sys


def kernel(form, name, mr, nv, lda=None):
    out = [f"    private static void {name}(int kc, float[] a, int aOff, " + ("" if lda else "int lda, ")
           + "float[] b, int bOff, float[] c, int cOff, int ldc,",
           f"                                 {' ' if form == 'row' else ''}boolean accumulate) {{",
           "        int " + ", ".join(f"c{r} = " + ("cOff" if r == 0 else f"c{r - 1} + ldc") for r in range(mr)) + ";"]
    if form == "row" and not lda:
        out.append("        int " + ", ".join(f"a{r} = " + ("aOff" if r == 0 else f"a{r - 1} + lda") for r in range(mr)) + ";")
    out.append("        FloatVector z = FloatVector.zero(F);")
    for r in range(mr):
        out.append("        FloatVector " + ", ".join(
            f"s{r}_{v} = accumulate ? FloatVector.fromArray(F, c, c{r}" + (f" + {v} * L" if v else "") + ") : z"
            for v in range(nv)) + ";")
    out.append("        FloatVector " + ", ".join(f"b{v}" for v in range(nv)) + ", x;")
    out.append(f"        for (int bk = bOff, bEnd = bOff + kc * {nv} * L, ak = aOff; bk < bEnd; bk += {nv} * L, ak += lda) {{" if form == "col"
               else "        for (int k = 0; k < kc; k++) {")
    if form == "row":
        out.append(f"            int bk = bOff + k * {nv} * L" + (", ak = aOff + k;" if lda else ";"))
    out.append("            " + " ".join(f"b{v} = FloatVector.fromArray(F, b, bk" + (f" + {v} * L" if v else "") + ");"
                                        for v in range(nv)))
    for r in range(mr):
        index = f"ak + {r}" if form == "col" else (("ak" if r == 0 else f"ak + {r * lda}") if lda else f"a{r} + k")
        out.append(f"            x = FloatVector.broadcast(F, a[{index}]);" +
                   "".join(f" s{r}_{v} = x.fma(b{v}, s{r}_{v});" for v in range(nv)))
    out.append("        }")
    for r in range(mr):
        out.append("        " + " ".join(f"s{r}_{v}.intoArray(c, c{r}" + (f" + {v} * L" if v else "") + ");"
                                         for v in range(nv)))
    out.append("    }")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6) or sys.argv[1] not in ("col", "row") or (len(sys.argv) == 6 and sys.argv[1] != "row"):
        sys.exit(__doc__)
    print(kernel(sys.argv[1], sys.argv[4], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[5]) if len(sys.argv) == 6 else None))
