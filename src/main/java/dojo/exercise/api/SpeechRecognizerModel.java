package dojo.exercise.api;

import dojo.nn.Module;

/**
 * The speech recognizer of exercise ex15_speech_ctc: a {@link Module} that maps spectrograms to per-frame
 * CTC log-probabilities. It equals this PyTorch module (float64, dropout 0), with the same state_dict names:
 * <pre>
 * class SpeechRecognizer(nn.Module):
 *     def __init__(s, features, phones, d, heads, ff, layers, max_frames):
 *         s.conv1 = nn.Conv1d(features, d, kernel_size=3, stride=2, padding=1)
 *         s.conv2 = nn.Conv1d(d, d, kernel_size=3, stride=2, padding=1)
 *         s.position = nn.Embedding(subsampled(max_frames), d)          # learned positions
 *         s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0,
 *                                           batch_first=True), layers)   # post-LN, ReLU
 *         s.head = nn.Linear(d, phones + 1)
 *
 *     def forward(s, x, lengths):                  # x [B, T, F], lengths [B]
 *         x = x * (frames(T) < lengths)[:, :, None]              # padding frames set to 0
 *         h = F.gelu(s.conv1(x.transpose(1, 2)))                 # [B, d, T1], T1 = ceil(T / 2)
 *         l1 = (lengths + 1) // 2
 *         h = h * (frames(T1) < l1)[:, None, :]                  # padding frames set to 0 again
 *         h = F.gelu(s.conv2(h)).transpose(1, 2)                 # [B, T2, d], T2 = ceil(T1 / 2)
 *         l2 = (l1 + 1) // 2
 *         h = h + s.position.weight[:T2]
 *         h = s.encoder(h, src_key_padding_mask=(frames(T2) >= l2))
 *         return F.log_softmax(s.head(h), dim=-1), l2            # [B, T2, phones + 1], [B]
 * </pre>
 * State dict keys: {@code conv1.weight} [d, F, 3], {@code conv1.bias} [d], {@code conv2.weight} [d, d, 3],
 * {@code conv2.bias} [d], {@code position.weight} [subsampled(maxFrames), d],
 * {@code encoder.layers.N.self_attn.in_proj_weight} ... ({@code dojo.nn.TransformerEncoder}'s names),
 * {@code head.weight} [V + 1, d], {@code head.bias} [V + 1]. Build it from {@code dojo.nn} modules and
 * register them with these names.
 *
 * <p>Zeroing the padding frames before each convolution is what makes the output at every real frame
 * independent of the padding: the last real output of a stride-2 convolution with padding 1 reads one
 * frame past the end, which must be the same zero whether the batch is padded or not.
 */
public abstract class SpeechRecognizerModel extends Module {

    /**
     * Per-frame log-probabilities {@code [B, ceil(ceil(T/2)/2), V + 1]} (each row a log_softmax; blank =
     * class 0) and the output lengths {@link SpeechRecognizerConfig#subsampled(int)} of each input length.
     * Outputs at real frames depend only on that example's real frames. Throws
     * {@link IllegalArgumentException} (naming the shapes) when the batch's F is not the config's
     * {@code features} or T exceeds {@code maxFrames}.
     */
    public abstract CtcOutput forward(SpectrogramBatch batch);
}
