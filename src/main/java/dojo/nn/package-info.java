/**
 * Neural-network modules on {@link dojo.tensor.Tensor} with PyTorch's names, parameter layouts and
 * state_dict keys, so weights move between the two through safetensors files.
 */
package dojo.nn;
