package io.github.ikpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

  @Test
  void theDefaultsPollFromOneSecondGrowingByHalfUpToFifteenSecondsForTenMinutes() {
    PollPolicy policy = PollPolicy.defaults();

    assertThat(policy.nominalDelay(1)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.nominalDelay(2)).isEqualTo(Duration.ofMillis(1500));
    assertThat(policy.nominalDelay(3)).isEqualTo(Duration.ofMillis(2250));
    assertThat(policy.nominalDelay(8)).isEqualTo(Duration.ofMillis(15000));
    assertThat(policy.nominalDelay(1000)).isEqualTo(Duration.ofSeconds(15));
    assertThat(policy.jitter()).isEqualTo(0.2);
    assertThat(policy.maxWait()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void refusesSettingsThatMakeNoSense() {
    assertThatThrownBy(() -> PollPolicy.builder().multiplier(0.5))
        .hasMessageStartingWith("multiplier");
    assertThatThrownBy(() -> PollPolicy.builder().jitter(1)).hasMessageStartingWith("jitter");
    assertThatThrownBy(() -> PollPolicy.builder().maxWait(Duration.ZERO))
        .hasMessageStartingWith("maxWait");
    assertThatThrownBy(
            () ->
                PollPolicy.builder()
                    .initialDelay(Duration.ofSeconds(20))
                    .maxDelay(Duration.ofSeconds(5))
                    .build())
        .hasMessageContaining("must not exceed maxDelay");
  }

  @Test
  void retryPolicyDefaultsAreThreeAttemptsFrom200MillisCappedAtEightSeconds() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.baseDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(8));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }
}
