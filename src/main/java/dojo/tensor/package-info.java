/**
 * N-dimensional double tensors with views, PyTorch broadcasting and reverse-mode automatic
 * differentiation; the one tensor type of the model track (see docs/tensors.md).
 */
package dojo.tensor;
