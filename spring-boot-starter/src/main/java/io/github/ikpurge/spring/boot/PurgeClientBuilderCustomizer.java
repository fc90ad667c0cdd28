package io.github.ikpurge.spring.boot;

import io.github.ikpurge.PurgeClient;

/**
 * Customizes the {@link PurgeClient.Builder} the auto-configured client is built with, after the
 * {@code ikpurge.*} properties and the {@link io.github.ikpurge.spi.CallListener} beans have been
 * applied. Customizer beans run in their {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface PurgeClientBuilderCustomizer {

  /**
   * Customizes the builder.
   *
   * @param builder the builder of the auto-configured client
   */
  void customize(PurgeClient.Builder builder);
}
