package io.github.ikpurge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PurgeCacheStatusTest {

  @Test
  void theDocumentedValuesAreTheConstants() {
    assertThat(PurgeCacheStatus.of("Pending")).isSameAs(PurgeCacheStatus.PENDING);
    assertThat(PurgeCacheStatus.of("Completed")).isSameAs(PurgeCacheStatus.COMPLETED);
    assertThat(PurgeCacheStatus.PENDING.isPending()).isTrue();
    assertThat(PurgeCacheStatus.COMPLETED.isCompleted()).isTrue();
  }

  @Test
  void anyOtherValueIsKeptVerbatimAndIsNeitherPendingNorCompleted() {
    PurgeCacheStatus status = PurgeCacheStatus.of("completed");

    assertThat(status.value()).isEqualTo("completed");
    assertThat(status.isKnown()).isFalse();
    assertThat(status.isCompleted()).isFalse();
    assertThat(status)
        .isEqualTo(PurgeCacheStatus.of("completed"))
        .hasSameHashCodeAs(PurgeCacheStatus.of("completed"))
        .isNotEqualTo(PurgeCacheStatus.COMPLETED)
        // Hashed by its text, so that distinct statuses spread in hash-based collections.
        .doesNotHaveSameHashCodeAs(PurgeCacheStatus.COMPLETED);
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> PurgeCacheStatus.of(null)).isInstanceOf(NullPointerException.class);
  }
}
