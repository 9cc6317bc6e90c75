#!/usr/bin/env python3
"""Writes the body of VectorOps' wide SGEMM micro-kernels (docs/kernels.md, "Two tiles").

Each of the tile's rows is the same line with its index, so the two kernels are generated, not typed:

    scripts/codegen/wide_kernel.py col 12 2 wide12        # A(r, k) at aOff + k * lda + r (packed: lda = 12)
    scripts/codegen/wide_kernel.py row 12 2 wide12RowA    # A(r, k) at aOff + r * lda + k (rows side by side)

Paste the output over the method of the same name. One k per iteration on purpose: unrolled by two, C2 kept
both steps' B vectors live and spilled accumulators in some compilations. The loop variable is B's offset
(the kernel's only array read at a constant stride): C2 then proves B's loads in bounds before the loop and
drops their two checks per k, and A's index steps by an add, not a multiply. The loop had some 20 scalar
instructions per 24 FMAs, now 12 (read in the JIT's disassembly); one thread at n = 1024 went from 66-72%
to 72-77% of the FMA ceiling, alternating builds (docs/kernels.md, "Two tiles").
"""
import sys


def kernel(form, name, mr, nv):
    out = [f"    private static void {name}(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,",
           f"                                 {' ' if form == 'row' else ''}boolean accumulate) {{",
           "        int " + ", ".join(f"c{r} = " + ("cOff" if r == 0 else f"c{r - 1} + ldc") for r in range(mr)) + ";"]
    if form == "row":
        out.append("        int " + ", ".join(f"a{r} = " + ("aOff" if r == 0 else f"a{r - 1} + lda") for r in range(mr)) + ";")
    out.append("        FloatVector z = FloatVector.zero(F);")
    for r in range(mr):
        out.append("        FloatVector " + ", ".join(
            f"s{r}_{v} = accumulate ? FloatVector.fromArray(F, c, c{r}" + (f" + {v} * L" if v else "") + ") : z"
            for v in range(nv)) + ";")
    out.append("        FloatVector " + ", ".join(f"b{v}" for v in range(nv)) + ", x;")
    out.append(f"        for (int bk = bOff, bEnd = bOff + kc * {nv} * L, ak = aOff; bk < bEnd; bk += {nv} * L, ak += lda) {{" if form == "col"
               else f"        for (int bk = bOff, bEnd = bOff + kc * {nv} * L, k = 0; bk < bEnd; bk += {nv} * L, k++) {{")
    out.append("            " + " ".join(f"b{v} = FloatVector.fromArray(F, b, bk" + (f" + {v} * L" if v else "") + ");"
                                        for v in range(nv)))
    for r in range(mr):
        index = f"ak + {r}" if form == "col" else f"a{r} + k"
        out.append(f"            x = FloatVector.broadcast(F, a[{index}]);" +
                   "".join(f" s{r}_{v} = x.fma(b{v}, s{r}_{v});" for v in range(nv)))
    out.append("        }")
    for r in range(mr):
        out.append("        " + " ".join(f"s{r}_{v}.intoArray(c, c{r}" + (f" + {v} * L" if v else "") + ");"
                                         for v in range(nv)))
    out.append("    }")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] not in ("col", "row"):
        sys.exit(__doc__)
    print(kernel(sys.argv[1], sys.argv[4], int(sys.argv[2]), int(sys.argv[3])))
