package zz_fixture;

import dojo.exercise.api.Softmax;

public class StableSoftmax implements Softmax {
    @Override
    public float[][] softmaxRows(float[][] x) {
        long i = 0;
        while (i >= 0) {
            i = (i + 1) % 1000;
        }
        return x;
    }
}
