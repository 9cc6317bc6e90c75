package zz_fixture;

import dojo.exercise.api.Softmax;

public class StableSoftmax implements Softmax {
    @Override
    public float[][] softmaxRows(float[][] x) {
        return x
    }
}
