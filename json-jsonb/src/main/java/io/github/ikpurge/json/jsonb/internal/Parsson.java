package io.github.ikpurge.json.jsonb.internal;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.parsson.api.JsonConfig;

/**
 * Finds Parsson's JSON-P provider and makes the parsers the codec reads with, with Parsson's own
 * limits set to the codec's.
 */
public final class Parsson {

  /** The deepest nesting accepted, the outer object counting as one level. */
  public static final int MAX_DEPTH = 64;

  /** The longest number accepted, in characters, sign, point and exponent included. */
  public static final int MAX_NUMBER_LENGTH = 100;

  private static final String PROVIDER = "org.eclipse.parsson.JsonProviderImpl";

  private Parsson() {}

  /**
   * Returns Parsson's provider, by name: {@link JsonProvider#provider()} could return another
   * JSON-P implementation, which would ignore the limits set here.
   *
   * @return the provider
   * @throws IllegalStateException if Parsson is not on the class or module path
   */
  public static JsonProvider provider() {
    return ServiceLoader.load(JsonProvider.class, Parsson.class.getClassLoader()).stream()
        .filter(candidate -> candidate.type().getName().equals(PROVIDER))
        .findFirst()
        .map(ServiceLoader.Provider::get)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The JSON-B codec needs Parsson (org.eclipse.parsson:parsson), the JSON-P"
                        + " implementation whose limits it sets; it was not found"));
  }

  /**
   * Returns a parser factory that refuses duplicate member names, nesting deeper than {@value
   * #MAX_DEPTH} levels and numbers longer than {@value #MAX_NUMBER_LENGTH} characters.
   *
   * @param parsson Parsson's provider
   * @return the factory; thread-safe
   */
  @SuppressWarnings("deprecation") // REJECT_DUPLICATE_KEYS: see below
  public static JsonParserFactory parserFactory(JsonProvider parsson) {
    return parsson.createParserFactory(
        Map.of(
            // JSON-P's standard setting for duplicate names. Parsson 1.1 honours it only on reader
            // factories: its parser factories drop it, and Yasson reads from a parser.
            jakarta.json.JsonConfig.KEY_STRATEGY,
            jakarta.json.JsonConfig.KeyStrategy.NONE,
            // So Parsson's own setting too, which its parsers do honour; Parsson deprecates it in
            // favour of KEY_STRATEGY, which does not reach them.
            JsonConfig.REJECT_DUPLICATE_KEYS,
            true,
            // Parsson refuses a structure once its stack of open ones reaches the limit: the
            // outer object is not on that stack, so 64 levels need a limit of 65.
            JsonConfig.MAX_DEPTH,
            MAX_DEPTH + 1,
            // Checked on every number Parsson turns into a BigDecimal, which is every number of
            // more than 18 characters; shorter ones are within the limit anyway.
            JsonConfig.MAX_BIGDECIMAL_LEN,
            MAX_NUMBER_LENGTH));
  }
}
