package io.github.ikpurge.spring.boot;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.spi.CallListener;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link PurgeClient} from the {@code ikpurge.*} properties, unless the
 * application defines its own. Every {@link CallListener} bean is added to it, in order, then every
 * {@link PurgeClientBuilderCustomizer} bean is applied, in order. The client is closed with the
 * context.
 */
@AutoConfiguration
@ConditionalOnClass(PurgeClient.class)
@EnableConfigurationProperties(IkpurgeProperties.class)
public final class IkpurgeAutoConfiguration {

  /** The interval of {@code ikpurge.rate-limit.requests} when none is set. */
  static final Duration DEFAULT_RATE_INTERVAL = Duration.ofSeconds(1);

  /** Creates the configuration; Spring calls it. */
  public IkpurgeAutoConfiguration() {}

  /**
   * The client, built from the properties, the listener beans and the customizer beans.
   *
   * @param properties the {@code ikpurge.*} properties
   * @param listeners the context's call listeners
   * @param customizers the context's builder customizers
   * @return the client; the context closes it
   * @throws io.github.ikpurge.error.ConfigurationException if no private key is set or found, or no
   *     transport is found
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PurgeClient purgeClient(
      IkpurgeProperties properties,
      ObjectProvider<CallListener> listeners,
      ObjectProvider<PurgeClientBuilderCustomizer> customizers) {
    PurgeClient.Builder builder = PurgeClient.builder();
    configure(builder, properties);
    listeners.orderedStream().forEach(builder::listener);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * The asynchronous view of the client; it shares the client's transport and settings, and closes
   * with it.
   *
   * @param client the client
   * @return its asynchronous view
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(PurgeClient.class)
  public AsyncPurgeClient asyncPurgeClient(PurgeClient client) {
    return client.async();
  }

  static void configure(PurgeClient.Builder builder, IkpurgeProperties properties) {
    PropertyMapper map = PropertyMapper.get().alwaysApplyingWhenNonNull();
    // Only a key that is set is handed over: core looks it up itself when none is given.
    // A blank key, such as ${IMAGEKIT_PRIVATE_KEY:} with the variable unset, leaves core's lookup.
    map.from(properties::getPrivateKey).whenHasText().to(builder::privateKey);
    map.from(properties::getBaseUri).to(builder::baseUri);
    map.from(properties::getTransport).to(builder::transport);
    map.from(properties::getAttemptTimeout).to(builder::attemptTimeout);
    map.from(properties::getCallTimeout).to(builder::callTimeout);
    map.from(properties::isAllowInsecureHttp).to(builder::allowInsecureHttp);
    map.from(properties::getMaxResponseBytes).to(builder::maxResponseBytes);
    map.from(properties::getMaxResponseHeaderBytes).to(builder::maxResponseHeaderBytes);

    IkpurgeProperties.Retry retry = properties.getRetry();
    if (retry.isSet()) {
      RetryPolicy.Builder policy = RetryPolicy.builder();
      map.from(retry::getMaxAttempts).to(policy::maxAttempts);
      map.from(retry::getBaseDelay).to(policy::baseDelay);
      map.from(retry::getMaxDelay).to(policy::maxDelay);
      builder.retryPolicy(policy.build());
    }

    IkpurgeProperties.Poll poll = properties.getPoll();
    if (poll.isSet()) {
      PollPolicy.Builder policy = PollPolicy.builder();
      map.from(poll::getInitialDelay).to(policy::initialDelay);
      map.from(poll::getMultiplier).to(policy::multiplier);
      map.from(poll::getMaxDelay).to(policy::maxDelay);
      map.from(poll::getJitter).to(policy::jitter);
      map.from(poll::getMaxWait).to(policy::maxWait);
      builder.pollPolicy(policy.build());
    }

    IkpurgeProperties.RateLimit rateLimit = properties.getRateLimit();
    if (rateLimit.getRequests() != null) {
      Duration interval =
          rateLimit.getInterval() == null ? DEFAULT_RATE_INTERVAL : rateLimit.getInterval();
      builder.rateLimit(rateLimit.getRequests(), interval);
    } else if (rateLimit.getInterval() != null) {
      throw new InvalidConfigurationPropertyValueException(
          "ikpurge.rate-limit.interval",
          rateLimit.getInterval(),
          "It caps nothing without ikpurge.rate-limit.requests; set that too, or remove it.");
    }
  }
}
