/**
 * A JUnit 5 extension that starts the simulator for tests and hands them a client that polls fast:
 * {@link io.github.ikpurge.testkit.junit.ImageKitSimulatorTest} on a test class, or {@link
 * io.github.ikpurge.testkit.junit.ImageKitSimulatorExtension#builder()} in a
 * {@code @RegisterExtension} field. Needs {@code junit-jupiter-api} 5.13 or newer, which the
 * testkit does not bring: the rest of the testkit works without it.
 */
package io.github.ikpurge.testkit.junit;
