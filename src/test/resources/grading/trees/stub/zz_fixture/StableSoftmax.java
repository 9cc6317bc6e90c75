package zz_fixture;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.Softmax;

public class StableSoftmax implements Softmax {
    @Override
    public float[][] softmaxRows(float[][] x) {
        throw new NotImplementedYet();
    }
}
