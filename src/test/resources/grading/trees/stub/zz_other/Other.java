package zz_other;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.Softmax;

public class Other implements Softmax {
    @Override
    public float[][] softmaxRows(float[][] x) {
        throw new NotImplementedYet();
    }
}
