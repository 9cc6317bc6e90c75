/**
 * Attention you can see ({@code dojo viz}): {@link dojo.models.viz.AttentionProbe} runs a trained model on
 * one example and returns every layer's per-head attention map as data ({@link dojo.models.viz.AttentionView});
 * {@link dojo.models.viz.TerminalAttentionRenderer} and {@link dojo.models.viz.SvgAttentionRenderer} draw it.
 * The engine never prints; the renderers never compute attention.
 */
package dojo.models.viz;
