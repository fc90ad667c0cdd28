package io.github.ikpurge.spring.boot;

import io.github.ikpurge.micrometer.MicrometerCallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link MicrometerCallListener} when {@code ikpurge-micrometer} is on the class
 * path and the context has a {@link MeterRegistry}; the {@link IkpurgeAutoConfiguration client}
 * picks it up like any {@link io.github.ikpurge.spi.CallListener} bean. It also records
 * observations when the context has an {@link ObservationRegistry}. It runs after Spring Boot's
 * metrics and observation auto-configurations, whose registries it uses.
 */
@AutoConfiguration(
    before = IkpurgeAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"
    })
@ConditionalOnClass({MicrometerCallListener.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public final class IkpurgeMicrometerAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public IkpurgeMicrometerAutoConfiguration() {}

  /**
   * The listener that records the client's calls in the registry.
   *
   * @param meters the registry of meters
   * @param observations the registry of observations, if the context has one
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public MicrometerCallListener ikpurgeMicrometerCallListener(
      MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
    ObservationRegistry observationRegistry = observations.getIfUnique();
    return observationRegistry == null
        ? MicrometerCallListener.create(meters)
        : MicrometerCallListener.create(meters, observationRegistry);
  }
}
