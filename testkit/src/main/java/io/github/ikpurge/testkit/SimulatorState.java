package io.github.ikpurge.testkit;

import io.github.ikpurge.domain.PurgeCacheStatus;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulator knows: keys, purges, scripts and the journal. Thread-safe. */
final class SimulatorState {

  /** The most journal entries kept unless the builder says otherwise; the oldest go first. */
  static final int MAX_JOURNAL = 100_000;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  final Set<String> privateKeys;
  final int unknownRequestIdStatus;
  final int purgeStatus;
  private final int completeAfterPolls;
  private final long completeAfterNanos;
  private final Map<String, Purge> purges = new ConcurrentHashMap<>();
  private final Deque<Script> scripts = new ArrayDeque<>();
  private final Deque<RecordedRequest> journal = new ArrayDeque<>();
  private long received;
  private final int journalCapacity;
  private final FaultMix faultMix;
  private final SplittableRandom random;
  private final Map<Endpoint, Integer> bursts = new EnumMap<>(Endpoint.class);
  private final int rateLimitRequests;
  private final long rateLimitIntervalNanos;
  private long windowStart;
  private int windowCount;
  private final int purgeQuota;
  private int acceptedPurges;
  private int rateLimitedResponses;
  private final Map<String, Integer> purgedUrls = new LinkedHashMap<>();

  SimulatorState(ImageKitSimulator.Builder builder) {
    this.privateKeys = Set.copyOf(builder.privateKeys);
    this.unknownRequestIdStatus = builder.unknownRequestIdStatus;
    this.purgeStatus = builder.purgeStatus;
    this.completeAfterPolls = builder.completeAfterPolls;
    this.completeAfterNanos = builder.completeAfter == null ? -1 : builder.completeAfter.toNanos();
    this.journalCapacity = builder.journalCapacity;
    this.faultMix =
        builder.faultMix == null ? FaultMix.builder().probability(0).build() : builder.faultMix;
    this.random = faultMix.newRandom();
    this.rateLimitRequests = builder.rateLimitRequests;
    this.rateLimitIntervalNanos =
        builder.rateLimitInterval == null ? 0 : builder.rateLimitInterval.toNanos();
    this.purgeQuota = builder.purgeQuota;
  }

  FaultMix faultSettings() {
    return faultMix;
  }

  /** {@return the fault for a request the simulator answers itself, or null for none} */
  synchronized Fault nextFault(Endpoint endpoint) {
    Integer burst = bursts.get(endpoint);
    if (burst != null && burst > 0) {
      bursts.put(endpoint, burst - 1);
      return Fault.BURST_OF_503;
    }
    if (faultMix.probability() == 0 || random.nextDouble() >= faultMix.probability()) {
      return null;
    }
    List<Fault> faults = faultMix.faults();
    Fault fault = faults.get(random.nextInt(faults.size()));
    if (fault == Fault.BURST_OF_503) {
      startBurst(endpoint);
    }
    return fault;
  }

  /** Makes the next request to the endpoint part of the same burst of 503s. */
  synchronized void startBurst(Endpoint endpoint) {
    bursts.put(endpoint, 1);
  }

  /**
   * Counts a request against the rate limit, and says in the same step how long its window has left
   * when the request is over the limit.
   *
   * @return -1 when the request is within the limit, else the milliseconds until the window ends
   */
  synchronized long overRateLimit() {
    if (rateLimitRequests <= 0) {
      return -1;
    }
    long now = System.nanoTime();
    if (windowCount == 0 || now - windowStart >= rateLimitIntervalNanos) {
      windowStart = now;
      windowCount = 0;
    }
    if (windowCount < rateLimitRequests) {
      windowCount++;
      return -1;
    }
    long left = rateLimitIntervalNanos - (now - windowStart);
    return Math.max(1, (left + 999_999) / 1_000_000);
  }

  int rateLimitRequests() {
    return rateLimitRequests;
  }

  long rateLimitIntervalMillis() {
    return rateLimitIntervalNanos / 1_000_000;
  }

  /** {@return a fresh id shaped like ImageKit's: 24 lowercase hex digits} */
  static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  /**
   * Accepts a purge received over HTTP, counting it against the quota and for its URL, unless the
   * quota is used up.
   *
   * @return the new request id, or null when the monthly quota is used up
   */
  synchronized String acceptPurge(String url) {
    if (purgeQuota >= 0 && acceptedPurges >= purgeQuota) {
      return null;
    }
    acceptedPurges++;
    purgedUrls.merge(url, 1, Integer::sum);
    return registerPurge(url);
  }

  int purgeQuota() {
    return purgeQuota;
  }

  synchronized int acceptedPurges() {
    return acceptedPurges;
  }

  synchronized int purgeCount(String url) {
    return purgedUrls.getOrDefault(url, 0);
  }

  synchronized Map<String, Integer> purgedUrls() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(purgedUrls));
  }

  /** Counts a 429 about to be sent, whatever played it: the rate limit, a fault or a script. */
  synchronized void countRateLimited() {
    rateLimitedResponses++;
  }

  synchronized int rateLimitedResponses() {
    return rateLimitedResponses;
  }

  String registerPurge(String url) {
    String id = newId();
    purges.put(id, new Purge(url, System.nanoTime()));
    return id;
  }

  /** Counts a poll and returns the status to answer, or null for an unknown id. */
  PurgeCacheStatus poll(String requestId) {
    Purge purge = purges.get(requestId);
    if (purge == null) {
      return null;
    }
    return statusOf(purge, purge.polls.incrementAndGet());
  }

  PurgeCacheStatus peekStatus(String requestId) {
    Purge purge = requestId == null ? null : purges.get(requestId);
    return purge == null ? null : statusOf(purge, purge.polls.get() + 1);
  }

  private PurgeCacheStatus statusOf(Purge purge, int poll) {
    boolean done =
        completeAfterNanos >= 0
            ? System.nanoTime() - purge.createdNanos >= completeAfterNanos
            : poll > completeAfterPolls;
    return done ? PurgeCacheStatus.COMPLETED : PurgeCacheStatus.PENDING;
  }

  synchronized void enqueue(Endpoint endpoint, ScriptedResponse response) {
    scripts.addLast(new Script(endpoint, response, null));
  }

  synchronized void enqueue(Endpoint endpoint, Fault fault) {
    scripts.addLast(new Script(endpoint, null, fault));
  }

  synchronized Script takeScript(Endpoint endpoint) {
    for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
      Script script = it.next();
      if (script.endpoint == null || script.endpoint == endpoint) {
        it.remove();
        if (script.fault == Fault.BURST_OF_503) {
          startBurst(endpoint);
        }
        return script;
      }
    }
    return null;
  }

  synchronized int pendingScripts() {
    return scripts.size();
  }

  synchronized void record(RecordedRequest request) {
    received++;
    notifyAll();
    if (journalCapacity == 0) {
      return;
    }
    if (journal.size() >= journalCapacity) {
      journal.removeFirst();
    }
    journal.addLast(request);
  }

  synchronized long received() {
    return received;
  }

  synchronized List<RecordedRequest> journal() {
    return List.copyOf(new ArrayList<>(journal));
  }

  /**
   * Waits until this many requests have been received since the start or the last reset.
   *
   * @return whether they were, within the time
   */
  synchronized boolean awaitReceived(int count, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (received < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  synchronized void reset() {
    received = 0;
    journal.clear();
    scripts.clear();
    purges.clear();
    bursts.clear();
    windowCount = 0;
    acceptedPurges = 0;
    rateLimitedResponses = 0;
    purgedUrls.clear();
  }

  /** A scripted answer: a response, or a fault to play. */
  record Script(Endpoint endpoint, ScriptedResponse response, Fault fault) {}

  private static final class Purge {
    final String url;
    final long createdNanos;
    final AtomicInteger polls = new AtomicInteger();

    Purge(String url, long createdNanos) {
      this.url = url;
      this.createdNanos = createdNanos;
    }

    @Override
    public String toString() {
      return url;
    }
  }
}
