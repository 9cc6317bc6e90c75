"""Turns terminal output with 256-colour background escapes (as `dojo viz` writes them) into an HTML page,
so headless Chromium can screenshot what a terminal shows. Reads stdin, writes stdout."""
import html
import re
import sys

def xterm(n):
    if n < 16:
        base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        return base[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
    v = 8 + 10 * (n - 232)
    return v, v, v

text = sys.stdin.read().replace('\r', '')
text = "\n".join(l for l in text.split("\n") if not l.startswith("dojo: building"))
out, bg = [], None
for part in re.split(r'(\x1b\[[0-9;]*m)', text):
    m = re.fullmatch(r'\x1b\[([0-9;]*)m', part)
    if m:
        codes = m.group(1).split(';')
        if codes[:2] == ['48', '5']:
            bg = xterm(int(codes[2]))
        elif codes[0] in ('0', '49', ''):
            bg = None
        continue
    esc = html.escape(part)
    out.append(f'<span style="background:rgb{bg}">{esc}</span>' if bg else esc)
print('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#1e1e1e;color:#ddd}'
      'pre{margin:0;padding:10px;font:14px/1.15 "DejaVu Sans Mono",monospace}</style></head><body><pre>'
      + ''.join(out) + '</pre></body></html>')
