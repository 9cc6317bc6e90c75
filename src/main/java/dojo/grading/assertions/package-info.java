/** Tensor-aware AssertJ assertions whose failure messages teach: shape, worst element, NaN location, tolerance, likely cause. */
package dojo.grading.assertions;
