package io.github.ikpurge.cli;

import io.github.ikpurge.PollEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of the progress lines, fitted to a width: the fullest form that fits, else a shorter one
 * that drops the least useful parts first; the counts and the clock are kept to the last.
 */
final class ProgressText {

  private ProgressText() {}

  /**
   * The line of a bulk purge, such as {@code 40% 120/300 done 118 failed 2 pending 180 24.0/s ETA
   * 0:08 0:05}: the URLs settled (done or failed) of all, then each count, the URLs settled a
   * second, the time they should take to settle, and the time since the start.
   */
  static String bulk(Tally.Counts counts, Duration elapsed, int width) {
    // Progress is what is settled, done or failed: with a wait, a purge is done once completed.
    long settled = counts.done() + counts.failed();
    double seconds = elapsed.toMillis() / 1000.0;
    double rate = seconds > 0 ? settled / seconds : 0;
    String ratio = settled + "/" + (counts.total() < 0 ? "?" : Long.toString(counts.total()));
    String percent =
        counts.total() > 0
            ? String.format(Locale.ROOT, "%d%%", 100 * settled / counts.total())
            : "";
    String eta = "ETA " + eta(counts.total(), settled, rate);
    String speed = String.format(Locale.ROOT, "%.1f/s", rate);
    String clock = clock(elapsed);
    String full =
        "done " + counts.done() + " failed " + counts.failed() + " pending " + counts.pending();
    String brief = "ok " + counts.done() + " fail " + counts.failed() + " pend " + counts.pending();
    // Least useful first: each of these is dropped before the next.
    List<String> optional = List.of(percent, ratio, speed, eta);
    for (int dropped = 0; dropped <= optional.size(); dropped++) {
      for (String countsText : List.of(full, brief)) {
        List<String> parts = new ArrayList<>();
        for (int i = dropped; i < optional.size(); i++) {
          parts.add(optional.get(i));
        }
        // The percentage and the ratio lead, the rate and the ETA follow the counts.
        int before = Math.max(0, 2 - dropped);
        parts.add(before, countsText);
        parts.add(clock);
        String line = join(parts);
        if (line.length() <= width) {
          return line;
        }
      }
    }
    return fit(brief + " " + clock, width);
  }

  /**
   * The line of a wait for one purge, such as {@code waiting for 5f1a…: Pending (poll 2, 3.4 s)};
   * {@code poll} is null until the first poll, while the purge is sent.
   */
  static String poll(PollEvent poll, Duration elapsed, int width) {
    String seconds = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    List<String> forms = new ArrayList<>();
    if (poll == null) {
      forms.add("purging, waiting for the first poll (" + seconds + ")");
      forms.add("purging (" + seconds + ")");
    } else {
      String state = poll.status() + " (poll " + poll.poll() + ", " + seconds + ")";
      forms.add("waiting for " + poll.requestId() + ": " + state);
      forms.add("waiting: " + state);
      forms.add(poll.status() + " (" + seconds + ")");
    }
    for (String form : forms) {
      if (form.length() <= width) {
        return form;
      }
    }
    return fit(forms.get(forms.size() - 1), width);
  }

  /** The plain line of one poll, printed when standard error is not a terminal. */
  static String pollLine(PollEvent poll) {
    return String.format(
        Locale.ROOT,
        "waiting for %s: %s (poll %d, %.1f s)",
        poll.requestId(),
        poll.status(),
        poll.poll(),
        poll.elapsed().toMillis() / 1000.0);
  }

  private static String eta(long total, long settled, double rate) {
    long left = total - settled;
    if (total < 0) {
      return "?";
    }
    if (left <= 0) {
      return "0:00";
    }
    if (rate <= 0) {
      return "?";
    }
    return clock(Duration.ofMillis((long) Math.ceil(left / rate * 1000)));
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String clock(Duration elapsed) {
    long s = elapsed.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static String join(List<String> parts) {
    StringBuilder line = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty()) {
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(part);
      }
    }
    return line.toString();
  }

  private static String fit(String text, int width) {
    return text.length() <= width ? text : text.substring(0, Math.max(0, width));
  }
}
