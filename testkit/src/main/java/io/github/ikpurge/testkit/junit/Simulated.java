package io.github.ikpurge.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a non-static field of type {@link io.github.ikpurge.testkit.ImageKitSimulator}, {@link
 * io.github.ikpurge.PurgeClient} or {@link io.github.ikpurge.AsyncPurgeClient} that {@link
 * ImageKitSimulatorExtension} sets before each test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Simulated {}
