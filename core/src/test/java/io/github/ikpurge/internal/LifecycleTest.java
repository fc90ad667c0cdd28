package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private final AtomicInteger releases = new AtomicInteger();
  private final Lifecycle lifecycle = new Lifecycle(releases::incrementAndGet);

  @Test
  void closingWithNothingInFlightReleasesAtOnceAndOnlyOnce() {
    assertThat(lifecycle.isClosed()).isFalse();
    lifecycle.enter();
    assertThat(lifecycle.isClosed()).isFalse();
    lifecycle.exit();

    lifecycle.close();
    lifecycle.close();

    assertThat(releases).hasValue(1);
    assertThat(lifecycle.isClosed()).isTrue();
  }

  @Test
  void closingWaitsForTheLastCallInFlight() {
    lifecycle.enter();
    lifecycle.enter();
    lifecycle.close();
    lifecycle.exit();

    assertThat(releases).hasValue(0);

    lifecycle.exit();

    assertThat(releases).hasValue(1);
  }

  @Test
  void aClosedLifecycleRefusesNewCalls() {
    lifecycle.close();

    assertThatThrownBy(lifecycle::enter)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
