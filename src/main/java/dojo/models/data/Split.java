package dojo.models.data;

import java.util.List;

/** A dataset's three disjoint parts: train (fitted), validation (early exit), test (reported once). */
public record Split<E>(String name, List<E> train, List<E> validation, List<E> test) {
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }
}
