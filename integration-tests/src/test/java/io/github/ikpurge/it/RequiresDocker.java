package io.github.ikpurge.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that need a Docker engine: without one they are skipped with a one-line reason, or
 * fail when {@code ikpurge.it.requireDocker} (or {@code IKPURGE_IT_REQUIRE_DOCKER}) is {@code
 * true}, as in CI, so that a green run always means they ran.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(DockerCondition.class)
@interface RequiresDocker {}
