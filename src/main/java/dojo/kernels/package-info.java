/**
 * Optimized reference kernels (packed SGEMM, exp/softmax/layer norm, fused online-softmax attention,
 * multi-head attention) on the Vector API, with a scalar fallback chosen at run time.
 */
package dojo.kernels;
