package dojo.tensor;

/** One entry of the tape: the operation that produced a tensor, its inputs and its backward. */
record Node(String op, Tensor[] inputs, GradFn fn) {
}
