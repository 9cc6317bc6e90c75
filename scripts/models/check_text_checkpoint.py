#!/usr/bin/env python3
"""Loads a text-classifier checkpoint written by `./dojo train text-classifier` into the PyTorch module
of docs/models.md with strict=True and scores it on fresh random sequences (labels by definition).
Usage: /usr/bin/python3 scripts/models/check_text_checkpoint.py target/train/text-classifier/model.safetensors"""
import json, struct, sys, torch, torch.nn as nn
def load(path):
    b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8+n]); base = 8 + n; out = {}
    for k, v in h.items():
        if k == '__metadata__': continue
        s, e = v['data_offsets']; dt = {'F32': torch.float32, 'F64': torch.float64}[v['dtype']]
        out[k] = torch.frombuffer(bytearray(b[base+s:base+e]), dtype=dt).reshape(v['shape'])
    return out, h.get('__metadata__')
class TextClassifier(nn.Module):
    def __init__(s, vocab=17, d=48, heads=4, ff=96, layers=2, max_len=12, classes=2):
        super().__init__()
        s.embedding = nn.Embedding(vocab, d, padding_idx=0)
        s.position = nn.Embedding(max_len, d)
        s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, 0.0, batch_first=True), layers, enable_nested_tensor=False)
        s.head = nn.Linear(d, classes)
    def forward(s, ids):
        pad = ids == 0
        x = s.embedding(ids) + s.position(torch.arange(ids.shape[1]))
        h = s.encoder(x, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(h.dtype)
        return s.head((h * keep).sum(1) / keep.sum(1).clamp(min=1))
sd, meta = load(sys.argv[1])
m = TextClassifier(); print(m.load_state_dict(sd, strict=True), meta)
m.eval()
import random
random.seed(0); correct = 0; N = 1000
with torch.no_grad():
    for _ in range(N):
        L = random.randint(8, 12); t = [random.randint(1, 16) for _ in range(L)]
        y = int(t[-1] in t[:-1])
        ids = torch.tensor([t + [0] * (12 - L)])
        correct += int(m(ids).argmax(-1).item() == y)
print("accuracy in PyTorch on 1000 uniform random sequences (label by definition):", correct / N)
