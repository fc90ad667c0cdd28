package io.github.ikpurge.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.domain.PurgeCacheStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompletionTimeoutExceptionTest {

  @Test
  void saysWhatWasLastSeenHowLongItWaitedAndHowOftenItPolled() {
    CompletionTimeoutException seen =
        new CompletionTimeoutException(
            "abc", PurgeCacheStatus.of("Pending"), Duration.ofMillis(1500), 3, null);
    CompletionTimeoutException unseen =
        new CompletionTimeoutException("abc", null, Duration.ZERO, 1, null);

    assertThat(seen).hasMessage("purge abc was still Pending after waiting 1500 ms (3 polls)");
    assertThat(seen.lastStatus()).contains(PurgeCacheStatus.of("Pending"));
    assertThat(seen.waited()).isEqualTo(Duration.ofMillis(1500));
    assertThat(seen.polls()).isEqualTo(3);
    assertThat(seen.requestId()).isEqualTo("abc");
    assertThat(unseen).hasMessage("purge abc was not seen after waiting 0 ms (1 poll)");
    assertThat(unseen.lastStatus()).isEmpty();
  }
}
