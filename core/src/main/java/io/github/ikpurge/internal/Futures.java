package io.github.ikpurge.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Helpers for futures handed to users. */
public final class Futures {

  private Futures() {}

  /**
   * Maps a future's value, passing cancellation of the mapped future back to the source, which a
   * plain {@code thenApply} does not.
   *
   * @param source the future to map
   * @param mapper the function applied to its value
   * @param <T> the source's value type
   * @param <R> the mapped value type
   * @return the mapped future
   */
  public static <T, R> CompletableFuture<R> map(
      CompletableFuture<T> source, Function<? super T, ? extends R> mapper) {
    CompletableFuture<R> mapped = source.thenApply(mapper);
    mapped.whenComplete(
        (value, error) -> {
          if (mapped.isCancelled()) {
            source.cancel(true);
          }
        });
    return mapped;
  }
}
