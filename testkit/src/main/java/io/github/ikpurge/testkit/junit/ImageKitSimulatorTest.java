package io.github.ikpurge.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link ImageKitSimulatorExtension}: each test gets a simulator (a fresh
 * one by default), and parameters and {@link Simulated} fields of type {@link
 * io.github.ikpurge.testkit.ImageKitSimulator}, {@link io.github.ikpurge.PurgeClient} and {@link
 * io.github.ikpurge.AsyncPurgeClient} are set. The client polls on {@link
 * io.github.ikpurge.testkit.ImageKitSimulator#TEST_POLL_POLICY}.
 *
 * <pre>{@code
 * @ImageKitSimulatorTest
 * class PurgeTest {
 *   @Test
 *   void completes(PurgeClient client, ImageKitSimulator simulator) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(ImageKitSimulatorExtension.class)
public @interface ImageKitSimulatorTest {

  /**
   * {@return how many polls of a purge answer {@code Pending} before it is {@code Completed}; see
   * {@link io.github.ikpurge.testkit.ImageKitSimulator.Builder#completeAfterPolls(int)}}
   */
  int completeAfterPolls() default 2;

  /**
   * {@return whether the simulator serves HTTPS with the test certificate; the client trusts it}
   */
  boolean https() default false;

  /** {@return whether each test gets a fresh simulator or the class shares one} */
  SimulatorScope scope() default SimulatorScope.PER_TEST;
}
