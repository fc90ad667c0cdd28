package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.conformance.HostilePeer.Request;
import io.github.ikpurge.conformance.HostilePeer.Script;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnauthorizedException;
import io.github.ikpurge.error.UnknownException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The catalogue of wire faults the hostile peer plays, each with the one outcome every transport
 * must give for it. {@code docs/errors.md} has the same table for users.
 */
public final class HostileWire {

  /** The purge request id the status queries ask about. */
  static final String REQUEST_ID = "hostile-request";

  private static final String STATUS_BODY = "{\"status\":\"Completed\"}";
  private static final String PURGE_BODY = "{\"requestId\":\"hostile-purge\"}";
  private static final String IK_ID = "x-ik-requestId: ik-hostile\r\n";

  /** A pause long enough for any attempt to time out first. */
  private static final Duration STALL = Duration.ofSeconds(30);

  private HostileWire() {}

  /** What a call must end in. */
  public enum Outcome {
    /** The call succeeds. */
    SUCCESS(false, false),
    /** An {@link UnknownException} with the status, headers and raw body kept. */
    UNKNOWN_STATUS(false, false),
    /** An {@link UnauthorizedException}: no library answers the challenge. */
    UNAUTHORIZED(false, false),
    /** A {@link TooManyRequestsException} at once, with the wait the server asked kept. */
    RATE_LIMITED_BEYOND_DEADLINE(false, false),
    /** A {@link ConnectionException} of reason PROTOCOL: the response cannot be read as HTTP. */
    PROTOCOL(true, false),
    /** A {@link ConnectionException} of reason IO: the exchange broke off. */
    BROKEN(true, false),
    /**
     * A {@link ConnectionException} of reason IO or PROTOCOL: the header section ended with the
     * stream, which some libraries read as a broken exchange and others as a broken header line.
     */
    CUT_SHORT(true, false),
    /** A {@link ResponseTooLargeException} naming the header section. */
    HEADERS_TOO_LARGE(false, false),
    /** A {@link ResponseTooLargeException} naming the body. */
    BODY_TOO_LARGE(false, false),
    /**
     * Success, or a {@link ConnectionException} of reason PROTOCOL: a malformed header line that
     * some libraries refuse and others skip or repair without showing it (the JDK's client among
     * them), so that no transport on them can tell.
     */
    ACCEPTED_OR_PROTOCOL(true, false),
    /** An {@link ImageKitTimeoutException}. */
    TIMEOUT(true, false),
    /** A {@link MalformedResponseException}: a 2xx whose body is not the API's JSON. */
    MALFORMED(false, false);

    private final boolean retriedOnGet;
    private final boolean retriedOnPost;

    Outcome(boolean retriedOnGet, boolean retriedOnPost) {
      this.retriedOnGet = retriedOnGet;
      this.retriedOnPost = retriedOnPost;
    }

    /** Returns whether the engine retries this outcome: a purge only where surely not sent. */
    boolean retried(boolean post) {
      return post ? retriedOnPost : retriedOnGet;
    }

    void check(String where, Throwable failure, boolean bodyMayBeLost) {
      switch (this) {
        case SUCCESS -> assertThat(failure).as(where).isNull();
        case UNKNOWN_STATUS -> {
          assertThat(failure).as(where).isInstanceOf(UnknownException.class);
          UnknownException unknown = (UnknownException) failure;
          if (!bodyMayBeLost) {
            assertThat(unknown.rawBody()).as(where + ": raw body").contains("hostile");
          }
          assertThat(unknown.ikRequestId()).as(where + ": x-ik-requestId").hasValue("ik-hostile");
        }
        case UNAUTHORIZED ->
            assertThat(failure).as(where).isInstanceOf(UnauthorizedException.class);
        case RATE_LIMITED_BEYOND_DEADLINE -> {
          assertThat(failure).as(where).isInstanceOf(TooManyRequestsException.class);
          assertThat(((TooManyRequestsException) failure).rateLimit().requestedWait())
              .as(where + ": the wait asked for")
              .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofHours(1)));
        }
        case PROTOCOL, BROKEN -> {
          assertThat(failure).as(where).isInstanceOf(ConnectionException.class);
          assertThat(((ConnectionException) failure).reason())
              .as(where + ": reason, for %s", failure)
              .isEqualTo(
                  this == PROTOCOL
                      ? ConnectionException.Reason.PROTOCOL
                      : ConnectionException.Reason.IO);
        }
        case CUT_SHORT -> {
          assertThat(failure).as(where).isInstanceOf(ConnectionException.class);
          assertThat(((ConnectionException) failure).reason())
              .as(where + ": reason, for %s", failure)
              .isIn(ConnectionException.Reason.IO, ConnectionException.Reason.PROTOCOL);
        }
        case HEADERS_TOO_LARGE, BODY_TOO_LARGE -> {
          assertThat(failure).as(where).isInstanceOf(ResponseTooLargeException.class);
          assertThat(failure.getMessage())
              .as(where + ": message")
              .contains(this == HEADERS_TOO_LARGE ? "header section" : "body");
        }
        case ACCEPTED_OR_PROTOCOL -> {
          if (failure != null) {
            PROTOCOL.check(where, failure, bodyMayBeLost);
          }
        }
        case TIMEOUT -> assertThat(failure).as(where).isInstanceOf(ImageKitTimeoutException.class);
        case MALFORMED ->
            assertThat(failure).as(where).isInstanceOf(MalformedResponseException.class);
      }
    }
  }

  /**
   * One wire fault.
   *
   * @param name what the peer does
   * @param script how it does it
   * @param outcome what the call must end in
   * @param reusable whether the response was framed well enough that the client may keep the
   *     connection; otherwise it must close it
   */
  public record Case(String name, Script script, Outcome outcome, boolean reusable) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@return every case} */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    statusLines(cases);
    headerSections(cases);
    framing(cases);
    encodings(cases);
    interimResponses(cases);
    stallsAndResets(cases);
    statusesTheLibrariesMightActOn(cases);
    return cases;
  }

  private static void statusLines(List<Case> cases) {
    cases.add(
        reusable(
            "status 999", answer("HTTP/1.1 999 Hostile", "", errorBody()), Outcome.UNKNOWN_STATUS));
    cases.add(
        reusable(
            "status 600", answer("HTTP/1.1 600 Hostile", "", errorBody()), Outcome.UNKNOWN_STATUS));
    cases.add(
        reusable(
            "status line without a reason phrase",
            (c, r) -> c.write(response("HTTP/1.1 200", "", ok(r))),
            Outcome.SUCCESS));
    cases.add(
        reusable(
            "HTTP/1.0 response, close-delimited",
            (c, r) -> {
              c.write(
                  "HTTP/1.0 200 OK\r\n" + IK_ID + "Content-Type: application/json\r\n\r\n" + ok(r));
              c.close();
            },
            Outcome.SUCCESS));
    for (String statusLine :
        List.of(
            "HTTP/1.1 000 Zero",
            "HTTP/1.1 099 Low",
            "HTTP/1.1 20 Short",
            "HTTP/1.1 2x0 Letters",
            "HTTP/1.1 -200 Negative",
            "HTTP/9.9 200 OK",
            "http/1.1 200 OK",
            "HTTP/1.1200 OK")) {
      cases.add(
          broken(
              "status line \"" + statusLine + "\"",
              answer(statusLine, "", "{\"hostile\":true}"),
              Outcome.PROTOCOL));
    }
    cases.add(
        broken(
            "not HTTP at all",
            (c, r) -> {
              c.write("SSH-2.0-OpenSSH_9.6 hostile\r\n");
              c.close();
            },
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "an empty line for a status line, then the end",
            (c, r) -> {
              c.write("\r\n\r\n");
              c.close();
            },
            Outcome.CUT_SHORT));
  }

  private static void headerSections(List<Case> cases) {
    cases.add(
        broken(
            "header section of 70 KiB",
            (c, r) -> c.write(response("HTTP/1.1 200 OK", manyHeaders(70, 1024), ok(r))),
            Outcome.HEADERS_TOO_LARGE));
    cases.add(
        broken(
            "header section of 512 KiB",
            (c, r) -> c.write(response("HTTP/1.1 200 OK", manyHeaders(512, 1024), ok(r))),
            Outcome.HEADERS_TOO_LARGE));
    cases.add(
        broken(
            "one header line of 200 KiB",
            (c, r) -> c.write(response("HTTP/1.1 200 OK", manyHeaders(1, 200 << 10), ok(r))),
            Outcome.HEADERS_TOO_LARGE));
    cases.add(
        broken(
            "20,000 tiny header lines",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID);
              c.repeat("a: b\r\n".getBytes(StandardCharsets.ISO_8859_1), 20_000L * 6);
              c.write("Content-Length: 0\r\n\r\n");
            },
            Outcome.HEADERS_TOO_LARGE));
    cases.add(
        broken(
            "an endless header section",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n");
              c.repeat("X-Flood: 0123456789abcdef0123456789abcdef\r\n".getBytes(), 16L << 20);
              c.hold();
            },
            Outcome.HEADERS_TOO_LARGE));
    cases.add(
        broken(
            "an endless header line",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\nX-Flood: ");
              c.repeat("0123456789abcdef".getBytes(), 16L << 20);
              c.hold();
            },
            Outcome.HEADERS_TOO_LARGE));
    cases.add(
        broken(
            "a header line without a colon",
            answerOk("HTTP/1.1 200 OK", "No colon here\r\n"),
            Outcome.ACCEPTED_OR_PROTOCOL));
    cases.add(
        broken(
            "a header with an empty name",
            answerOk("HTTP/1.1 200 OK", ": empty name\r\n"),
            Outcome.ACCEPTED_OR_PROTOCOL));
    cases.add(
        broken(
            "white space between a header name and its colon",
            answerOk("HTTP/1.1 200 OK", "X-Spaced : value\r\n"),
            Outcome.ACCEPTED_OR_PROTOCOL));
    cases.add(
        broken(
            "a NUL byte in a header value",
            answerOk("HTTP/1.1 200 OK", "X-Nul: a\0b\r\n"),
            Outcome.ACCEPTED_OR_PROTOCOL));
    cases.add(
        broken(
            "a bare CR in a header value",
            answerOk("HTTP/1.1 200 OK", "X-Cr: a\rb\r\n"),
            Outcome.ACCEPTED_OR_PROTOCOL));
    cases.add(
        broken(
            "an obsolete folded header line",
            answerOk("HTTP/1.1 200 OK", "X-Folded: a\r\n  b\r\n"),
            Outcome.ACCEPTED_OR_PROTOCOL));
    cases.add(
        reusable(
            "lines ended by LF alone",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\n"
                        + "x-ik-requestId: ik-hostile\n"
                        + "Content-Length: "
                        + ok(r).length()
                        + "\n\n"
                        + ok(r)),
            Outcome.SUCCESS));
    cases.add(
        reusable(
            "bytes above 0x7F in a header value",
            (c, r) -> c.write(response("HTTP/1.1 200 OK", "X-Latin: caf\u00e9 \u00ff\r\n", ok(r))),
            Outcome.SUCCESS));
  }

  private static void framing(List<Case> cases) {
    cases.add(
        broken(
            "two different Content-Length headers",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\r\n"
                        + IK_ID
                        + "Content-Length: "
                        + ok(r).length()
                        + "\r\nContent-Length: "
                        + (ok(r).length() + 5)
                        + "\r\n\r\n"
                        + ok(r)
                        + "hostl"),
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "a Content-Length list of two values",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\r\n"
                        + IK_ID
                        + "Content-Length: "
                        + ok(r).length()
                        + ", "
                        + (ok(r).length() + 5)
                        + "\r\n\r\n"
                        + ok(r)
                        + "hostl"),
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "the same Content-Length twice",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\r\n"
                        + IK_ID
                        + "Content-Length: "
                        + ok(r).length()
                        + "\r\nContent-Length: "
                        + ok(r).length()
                        + "\r\n\r\n"
                        + ok(r)),
            Outcome.PROTOCOL));
    for (String length : List.of("-1", "abc", "0x10", "99999999999999999999999")) {
      cases.add(
          broken(
              "Content-Length: " + length,
              (c, r) ->
                  c.write(
                      "HTTP/1.1 200 OK\r\n"
                          + IK_ID
                          + "Content-Length: "
                          + length
                          + "\r\n\r\n"
                          + ok(r)),
              Outcome.PROTOCOL));
    }
    cases.add(
        broken(
            "Content-Length of 2 GiB",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Length: 2147483648\r\n\r\n");
              c.repeat(new byte[8192], 4L << 20);
              c.hold();
            },
            Outcome.BODY_TOO_LARGE));
    cases.add(
        broken(
            "a body shorter than its Content-Length, then the end",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Length: 100\r\n\r\n{\"status\":");
              c.close();
            },
            Outcome.BROKEN));
    cases.add(
        broken(
            "chunked and Content-Length together",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\r\n"
                        + IK_ID
                        + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + chunked(ok(r))),
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "a chunk size that is not hexadecimal",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\r\n"
                        + IK_ID
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "a chunk size past 2^64",
            (c, r) ->
                c.write(
                    "HTTP/1.1 200 OK\r\n"
                        + IK_ID
                        + "Transfer-Encoding: chunked\r\n\r\n"
                        + "1ffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "a chunked body without its last chunk, then the end",
            (c, r) -> {
              c.write(
                  "HTTP/1.1 200 OK\r\n"
                      + IK_ID
                      + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"sta\r\n");
              c.close();
            },
            Outcome.BROKEN));
    cases.add(
        broken(
            "endless chunks",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Transfer-Encoding: chunked\r\n\r\n");
              byte[] chunk =
                  ("1000\r\n" + "x".repeat(4096) + "\r\n").getBytes(StandardCharsets.US_ASCII);
              c.repeat(chunk, 8L << 20);
              c.hold();
            },
            Outcome.BODY_TOO_LARGE));
    cases.add(
        reusable(
            "chunk extensions and trailers",
            (c, r) -> {
              String body = ok(r);
              c.write(
                  "HTTP/1.1 200 OK\r\n"
                      + IK_ID
                      + "Transfer-Encoding: chunked\r\n\r\n"
                      + Integer.toHexString(body.length())
                      + ";ext=\"hostile\"\r\n"
                      + body
                      + "\r\n0\r\nX-Trailer: t\r\n\r\n");
            },
            Outcome.SUCCESS));
    cases.add(
        broken(
            "Transfer-Encoding that is not chunked",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Transfer-Encoding: hostile\r\n\r\n" + ok(r));
              c.close();
            },
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "an endless close-delimited body",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Connection: close\r\n\r\n");
              c.repeat(new byte[8192], 8L << 20);
              c.hold();
            },
            Outcome.BODY_TOO_LARGE));
  }

  private static void encodings(List<Case> cases) {
    cases.add(
        reusable(
            "a gzip body never asked for",
            (c, r) -> {
              byte[] body = gzip(ok(r));
              c.write(
                  "HTTP/1.1 200 OK\r\n"
                      + IK_ID
                      + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n");
              c.write(body);
            },
            Outcome.MALFORMED));
    cases.add(
        reusable(
            "a body in an unknown encoding",
            answer(
                "HTTP/1.1 200 OK", "Content-Encoding: hostile\r\n", "{\"status\":\"Completed\"}"),
            Outcome.MALFORMED));
  }

  private static void interimResponses(List<Case> cases) {
    cases.add(
        reusable(
            "103 Early Hints before the response",
            (c, r) ->
                c.write(
                    "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                        + response("HTTP/1.1 200 OK", "", ok(r))),
            Outcome.SUCCESS));
    cases.add(
        reusable(
            "8 unasked-for 100 Continue responses, the most allowed",
            (c, r) ->
                c.write(
                    "HTTP/1.1 100 Continue\r\n\r\n".repeat(8)
                        + response("HTTP/1.1 200 OK", "", ok(r))),
            Outcome.SUCCESS));
    cases.add(
        broken(
            "9 unasked-for 100 Continue responses",
            (c, r) ->
                c.write(
                    "HTTP/1.1 100 Continue\r\n\r\n".repeat(9)
                        + response("HTTP/1.1 200 OK", "", ok(r))),
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "endless 100 Continue responses",
            (c, r) -> {
              c.repeat(
                  "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 4L << 20);
              c.hold();
            },
            Outcome.PROTOCOL));
    cases.add(
        broken(
            "101 Switching Protocols never asked for",
            writeThenHold(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: hostile\r\nConnection: Upgrade\r\n\r\n"),
            Outcome.PROTOCOL));
  }

  private static void stallsAndResets(List<Case> cases) {
    cases.add(broken("silence after the request", (c, r) -> c.hold(), Outcome.TIMEOUT));
    cases.add(
        broken(
            "a stall inside the header section",
            writeThenHold("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Le"),
            Outcome.TIMEOUT));
    cases.add(
        broken(
            "a stall inside the body",
            writeThenHold("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Length: 100\r\n\r\n{\"sta"),
            Outcome.TIMEOUT));
    cases.add(
        broken(
            "a drip inside the body, a byte every 50 ms",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Length: 1000\r\n\r\n");
              c.drip("x".repeat(1000), Duration.ofMillis(50));
              c.hold();
            },
            Outcome.TIMEOUT));
    cases.add(
        broken(
            "a header section dripped a byte every 50 ms",
            (c, r) -> {
              c.drip("HTTP/1.1 200 OK\r\n" + "X-Drip: " + "y".repeat(1000), Duration.ofMillis(50));
              c.hold();
            },
            Outcome.TIMEOUT));
    cases.add(broken("the end of the stream before any byte", (c, r) -> c.close(), Outcome.BROKEN));
    cases.add(broken("a reset before any byte", (c, r) -> c.reset(), Outcome.BROKEN));
    cases.add(
        broken(
            "a reset after the status line",
            writeThenReset("HTTP/1.1 200 OK\r\n"),
            Outcome.BROKEN));
    cases.add(
        broken(
            "a reset inside the header section",
            writeThenReset("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Ty"),
            Outcome.BROKEN));
    cases.add(
        broken(
            "a reset inside the body",
            writeThenReset(
                "HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Length: 100\r\n\r\n{\"status\":"),
            Outcome.BROKEN));
    cases.add(
        broken(
            "the end of the stream inside the header section",
            (c, r) -> {
              c.write("HTTP/1.1 200 OK\r\n" + IK_ID + "Content-Ty");
              c.endOutput();
              c.hold();
            },
            Outcome.CUT_SHORT));
  }

  private static void statusesTheLibrariesMightActOn(List<Case> cases) {
    cases.add(
        reusable(
            "401 with a Basic challenge",
            answer(
                "HTTP/1.1 401 Unauthorized",
                "WWW-Authenticate: Basic realm=\"hostile\"\r\nContent-Type: application/json\r\n",
                "{\"message\":\"hostile key\"}"),
            Outcome.UNAUTHORIZED));
    cases.add(
        reusable(
            "407 with a proxy challenge though there is no proxy",
            answer(
                "HTTP/1.1 407 Proxy Authentication Required",
                "Proxy-Authenticate: Basic realm=\"hostile\"\r\n",
                errorBody()),
            Outcome.UNKNOWN_STATUS));
    for (int status : List.of(301, 302, 303, 307, 308)) {
      cases.add(
          reusable(
              status + " to another host",
              answer(
                  "HTTP/1.1 " + status + " Moved",
                  "Location: http://127.0.0.2:9/elsewhere\r\n",
                  errorBody()),
              Outcome.UNKNOWN_STATUS));
    }
    cases.add(
        reusable(
            "429 asking to wait a year",
            answer(
                "HTTP/1.1 429 Too Many Requests",
                "Retry-After: 31536000\r\nX-RateLimit-Reset: 31536000000\r\n",
                "{\"message\":\"slow down\"}"),
            Outcome.RATE_LIMITED_BEYOND_DEADLINE));
    cases.add(
        reusable(
            "429 asking to wait past any sane bound",
            answer(
                "HTTP/1.1 429 Too Many Requests",
                "Retry-After: 999999999999999999\r\nX-RateLimit-Reset: 999999999999999999\r\n",
                "{\"message\":\"slow down\"}"),
            Outcome.RATE_LIMITED_BEYOND_DEADLINE));
  }

  private static Case reusable(String name, Script script, Outcome outcome) {
    return new Case(name, script, outcome, true);
  }

  private static Case broken(String name, Script script, Outcome outcome) {
    return new Case(name, script, outcome, false);
  }

  /** A script that writes these bytes and then waits, silent, until the client gives up. */
  private static Script writeThenHold(String bytes) {
    return (c, r) -> {
      c.write(bytes);
      c.hold();
    };
  }

  /** A script that writes these bytes and then resets the connection. */
  private static Script writeThenReset(String bytes) {
    return (c, r) -> {
      c.write(bytes);
      c.reset();
    };
  }

  /** A script that answers with a status line, extra headers and the API's body for the call. */
  static Script answerOk(String statusLine, String headers) {
    return (c, r) -> c.write(response(statusLine, headers, ok(r)));
  }

  /** A script that answers with a fixed status line, extra headers and a body with its length. */
  static Script answer(String statusLine, String headers, String body) {
    return (c, r) -> c.write(response(statusLine, headers, body));
  }

  private static String response(String statusLine, String headers, String body) {
    return statusLine
        + "\r\n"
        + IK_ID
        + headers
        + "Content-Length: "
        + body.getBytes(StandardCharsets.ISO_8859_1).length
        + "\r\n\r\n"
        + body;
  }

  private static String ok(Request request) {
    return request.isPost() ? PURGE_BODY : STATUS_BODY;
  }

  private static String errorBody() {
    return "{\"message\":\"hostile\",\"help\":\"none\"}";
  }

  private static String chunked(String body) {
    return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
  }

  /** {@code count} header lines of about {@code size} bytes each. */
  private static String manyHeaders(int count, int size) {
    StringBuilder headers = new StringBuilder();
    String value = "v".repeat(Math.max(1, size - 12));
    for (int i = 0; i < count; i++) {
      headers.append("X-H").append(i).append(": ").append(value).append("\r\n");
    }
    return headers.toString();
  }

  private static byte[] gzip(String text) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
