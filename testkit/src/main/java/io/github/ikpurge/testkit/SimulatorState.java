package io.github.ikpurge.testkit;

import io.github.ikpurge.domain.PurgeCacheStatus;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulator knows: keys, purges, scripts and the journal. Thread-safe. */
final class SimulatorState {

  /** The most journal entries kept; the oldest go first. */
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

  SimulatorState(ImageKitSimulator.Builder builder) {
    this.privateKeys = Set.copyOf(builder.privateKeys);
    this.unknownRequestIdStatus = builder.unknownRequestIdStatus;
    this.purgeStatus = builder.purgeStatus;
    this.completeAfterPolls = builder.completeAfterPolls;
    this.completeAfterNanos = builder.completeAfter == null ? -1 : builder.completeAfter.toNanos();
  }

  /** Returns a fresh id shaped like ImageKit's: 24 lowercase hex digits. */
  static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HEX.formatHex(bytes);
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
    scripts.addLast(new Script(endpoint, response));
  }

  synchronized ScriptedResponse takeScript(Endpoint endpoint) {
    for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
      Script script = it.next();
      if (script.endpoint == null || script.endpoint == endpoint) {
        it.remove();
        return script.response;
      }
    }
    return null;
  }

  synchronized int pendingScripts() {
    return scripts.size();
  }

  synchronized void record(RecordedRequest request) {
    if (journal.size() >= MAX_JOURNAL) {
      journal.removeFirst();
    }
    journal.addLast(request);
  }

  synchronized List<RecordedRequest> journal() {
    return List.copyOf(new ArrayList<>(journal));
  }

  synchronized void reset() {
    journal.clear();
    scripts.clear();
    purges.clear();
  }

  private record Script(Endpoint endpoint, ScriptedResponse response) {}

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
