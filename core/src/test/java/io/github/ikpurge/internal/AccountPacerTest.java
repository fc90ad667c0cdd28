package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.domain.RateLimit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccountPacerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicLong jitterAsked = new AtomicLong(-1);
  private final AccountPacer pacer =
      new AccountPacer(
          now::get,
          bound -> {
            jitterAsked.set(bound);
            return bound / 2;
          });

  private static RateLimit limit(long requests, long intervalMillis, long resetMillis) {
    return RateLimit.of(
        requests,
        Duration.ofMillis(resetMillis),
        intervalMillis < 0 ? null : Duration.ofMillis(intervalMillis),
        null);
  }

  @Test
  void withoutALimitOrAHoldEveryRequestGoesAtOnce() {
    for (int i = 0; i < 100; i++) {
      assertThat(pacer.reserve(LONG)).isZero();
    }
    assertThat(jitterAsked).hasValue(-1);
  }

  private static final Duration LONG = Duration.ofDays(3650);

  private static final long TEN_MS_WITH_HEADROOM = (long) Math.ceil(10_000_000 / 0.98);

  @Test
  void aGivenLimitSpacesRequestsEvenlyAndTheLatestGivenHolds() {
    pacer.limitTo(10, Duration.ofSeconds(1));
    pacer.limitTo(100, Duration.ofSeconds(1));

    assertThat(pacer.reserve(LONG)).isZero();
    assertThat(pacer.reserve(LONG).toNanos()).isEqualTo(TEN_MS_WITH_HEADROOM);
    assertThat(pacer.reserve(LONG).toNanos()).isEqualTo(2 * TEN_MS_WITH_HEADROOM);
    now.addAndGet(Duration.ofMillis(25).toNanos());
    assertThat(pacer.reserve(LONG).toNanos())
        .isEqualTo(3 * TEN_MS_WITH_HEADROOM - Duration.ofMillis(25).toNanos());
    // Time that passes unused is not banked as a burst.
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(pacer.reserve(LONG)).isZero();
    assertThat(pacer.reserve(LONG).toNanos()).isEqualTo(TEN_MS_WITH_HEADROOM);
  }

  @Test
  void aLearnedLimitIsUsedWithHeadroom() {
    pacer.rateLimited(limit(100, 1000, 0));

    assertThat(pacer.reserve(LONG)).isZero();
    // 10 ms at the limit; 10 / 0.98 ms with the headroom, rounded up to the nanosecond.
    assertThat(pacer.reserve(LONG).toNanos()).isEqualTo(TEN_MS_WITH_HEADROOM);
  }

  @Test
  void aLearnedLimitOfLessThanOneRequestAMinuteIsNotLearned() {
    pacer.rateLimited(limit(1, Duration.ofDays(365).toMillis(), 0));

    pacer.reserve(LONG);
    assertThat(pacer.reserve(LONG)).isZero();
  }

  @Test
  void aGivenLimitSlowerThanTheLearnedOneHolds() {
    pacer.limitTo(10, Duration.ofSeconds(1));
    pacer.rateLimited(limit(100, 1000, 0));

    pacer.reserve(LONG);
    assertThat(pacer.reserve(LONG).toNanos()).isEqualTo((long) Math.ceil(100_000_000 / 0.98));
  }

  @Test
  void a429HoldsEverySenderUntilItsResetEachWithItsJitter() {
    pacer.rateLimited(limit(100, -1, 2000));

    // No interval: the limit is not learned, but every sender waits out the reset.
    assertThat(pacer.reserve(LONG)).isEqualTo(Duration.ofMillis(2000 + 100));
    assertThat(jitterAsked).hasValue(Duration.ofMillis(200).toNanos());
    now.addAndGet(Duration.ofMillis(1500).toNanos());
    assertThat(pacer.reserve(LONG)).isEqualTo(Duration.ofMillis(500 + 100));
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(pacer.reserve(LONG)).isZero();
    assertThat(pacer.reserve(LONG)).isZero();
  }

  @Test
  void aShorterLaterResetDoesNotCutAHoldShort() {
    pacer.rateLimited(limit(-1, -1, 5000));
    pacer.rateLimited(limit(-1, -1, 1000));

    assertThat(pacer.reserve(LONG)).isGreaterThanOrEqualTo(Duration.ofMillis(5000));
  }

  @Test
  void aLongHoldIsCutToAMinuteWithAtMostASecondOfJitter() {
    pacer.rateLimited(limit(-1, -1, Duration.ofDays(365).toMillis()));

    Duration wait = pacer.reserve(LONG);
    assertThat(jitterAsked).hasValue(AccountPacer.MAX_HOLD_JITTER_NANOS);
    assertThat(wait).isEqualTo(Duration.ofMinutes(1).plusMillis(500));
  }

  @Test
  void afterAHoldALearnedLimitSpacesTheSendersOut() {
    pacer.rateLimited(limit(100, 1000, 1000));

    Duration first = pacer.reserve(LONG);
    Duration second = pacer.reserve(LONG);
    assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    assertThat(second.minus(first).toNanos()).isEqualTo(TEN_MS_WITH_HEADROOM);
  }

  @Test
  void aSlotPastTheCallersLimitIsNotTakenAndLeavesNoGap() {
    pacer.limitTo(100, Duration.ofSeconds(1));
    pacer.reserve(LONG);

    // Ten milliseconds away, and the caller can wait one: nothing is reserved.
    assertThat(pacer.reserve(Duration.ofMillis(1))).isGreaterThan(Duration.ofMillis(1));
    assertThat(pacer.reserve(Duration.ofMillis(1))).isGreaterThan(Duration.ofMillis(1));
    assertThat(pacer.reserve(LONG).toNanos()).isEqualTo(TEN_MS_WITH_HEADROOM);
  }

  @Test
  void aNegativeClockReadingPacesFromTheFirstRequest() {
    AtomicLong negative = new AtomicLong(-4_000_000_000_000_000_000L);
    AccountPacer early = new AccountPacer(negative::get, bound -> 0);
    early.limitTo(100, Duration.ofSeconds(1));

    assertThat(early.reserve(LONG)).isZero();
    assertThat(early.reserve(LONG).toNanos()).isEqualTo(TEN_MS_WITH_HEADROOM);
  }

  @Test
  void clientsOfOneAccountShareOnePacerAndOtherAccountsDoNot() {
    java.net.URI base = java.net.URI.create("https://api.imagekit.io");
    AccountPacer one = AccountPacers.forAccount("Basic a", base);

    assertThat(AccountPacers.forAccount("Basic a", base)).isSameAs(one);
    assertThat(AccountPacers.forAccount("Basic b", base)).isNotSameAs(one);
    assertThat(AccountPacers.forAccount("Basic a", java.net.URI.create("http://localhost:1")))
        .isNotSameAs(one);
    assertThat(one.toString()).doesNotContain("Basic");
  }
}
