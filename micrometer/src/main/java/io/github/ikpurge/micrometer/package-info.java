/**
 * Micrometer metrics and observations of ikpurge's calls. Register {@link
 * io.github.ikpurge.micrometer.MicrometerCallListener} with {@code
 * PurgeClient.builder().listener(...)}; the meters and the observation it records are listed in
 * {@code docs/metrics.md}.
 */
package io.github.ikpurge.micrometer;
