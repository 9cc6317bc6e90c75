/** Reading and writing tensors in the safetensors format, to exchange weights and golden vectors with PyTorch. */
package dojo.io;
