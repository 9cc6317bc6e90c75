package dojo.grading.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a hidden suite (not shipped in a workshop starter repo). Its failure messages must name the property
 * checked, never expected numbers: use {@code TensorAssert.hidden(...)} / {@code hidingValues()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("hidden")
public @interface Hidden {}
