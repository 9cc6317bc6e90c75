package dojo.grading.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as a graded suite of one exercise. Test methods may declare a parameter of the exercise's
 * API type (e.g. {@code Softmax softmax}); they receive a fresh instance of the learner's class from the tree
 * being graded. Each test runs with a time limit on its own thread (configuration parameter
 * {@code dojo.grading.timeout}, default 5 s).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ExerciseExtension.class)
@Tag("exercise")
public @interface ExerciseSuite {
    /** The exercise id from {@code exercises/index.yaml}, e.g. {@code ex01_softmax}. */
    String value();
}
