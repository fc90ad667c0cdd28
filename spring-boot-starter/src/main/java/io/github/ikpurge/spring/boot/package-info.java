/**
 * Spring Boot auto-configuration of ikpurge: a {@link io.github.ikpurge.PurgeClient} bean built
 * from the {@code ikpurge.*} properties ({@link io.github.ikpurge.spring.boot.IkpurgeProperties}),
 * the context's {@link io.github.ikpurge.spi.CallListener} beans and {@link
 * io.github.ikpurge.spring.boot.PurgeClientBuilderCustomizer} beans, and Micrometer metrics when a
 * {@code MeterRegistry} bean and {@code ikpurge-micrometer} are present.
 */
package io.github.ikpurge.spring.boot;
