package nl.klantspiegel.application.port.in;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value that may be absent (null) in a view a use case answers, or in a response made of it: a round not closed has
 * no {@code closedAt}, a team without a headcount none. The API's contract declares such a field nullable (the OpenAPI
 * tooling reads any annotation named {@code Nullable}); every other field of a view is always there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Nullable {
}
