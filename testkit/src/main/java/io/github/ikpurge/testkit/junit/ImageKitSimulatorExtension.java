package io.github.ikpurge.testkit.junit;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * A JUnit 5 extension that starts an {@link ImageKitSimulator} for tests and gives them a {@link
 * PurgeClient} aimed at it that polls on {@link ImageKitSimulator#TEST_POLL_POLICY}.
 *
 * <p>Use it through {@link ImageKitSimulatorTest}, or register it in a field: a {@code static} one
 * shares a simulator among the tests of the class, an instance field gives each test its own.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ImageKitSimulatorExtension sim =
 *     ImageKitSimulatorExtension.builder().configure(b -> b.rateLimit(10, Duration.ofSeconds(1))).build();
 * }</pre>
 *
 * <p>It resolves test, lifecycle and constructor parameters of type {@link ImageKitSimulator},
 * {@link PurgeClient} and {@link AsyncPurgeClient}, and sets non-static fields of those types
 * marked {@link Simulated} before each test. The client is built on first use, from {@link
 * ImageKitSimulator#testClientBuilder()}, so a transport must be on the class path only for tests
 * that ask for one. A client asked for in a test is closed after it; the simulator is closed at the
 * end of its {@link SimulatorScope}. Both are held in JUnit's {@link ExtensionContext.Store}, which
 * closes them (JUnit 5.13 or newer). Register one such extension per test class.
 */
public final class ImageKitSimulatorExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {

  private static final String SIMULATOR = "simulator";
  private static final String CLIENT = "client";
  private static final List<Class<?>> TYPES =
      List.of(ImageKitSimulator.class, PurgeClient.class, AsyncPurgeClient.class);

  /** The settings of a registered extension, or null to read them from the test class. */
  private final Settings settings;

  private final ExtensionContext.Namespace namespace;

  /** The context whose simulator {@link #simulator()} returns: the running test or class. */
  private volatile ExtensionContext current;

  /**
   * Creates an extension that takes its settings from the test class's {@link
   * ImageKitSimulatorTest}, or the defaults without one. JUnit calls it for {@code @ExtendWith}.
   */
  public ImageKitSimulatorExtension() {
    this(null);
  }

  private ImageKitSimulatorExtension(Settings settings) {
    this.settings = settings;
    this.namespace = ExtensionContext.Namespace.create(ImageKitSimulatorExtension.class, this);
  }

  /** {@return a builder of extensions, for a {@code @RegisterExtension} field} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the simulator of the running test, or of the class when it shares one.
   *
   * @return the running simulator
   * @throws IllegalStateException if no test or class of this extension is running, or the class is
   *     running outside a test and the simulator is per test
   */
  public ImageKitSimulator simulator() {
    return simulator(running());
  }

  /**
   * Returns the client of the running test (or class), built on first use; it is closed for you.
   *
   * @return a client aimed at {@link #simulator()}, polling on {@link
   *     ImageKitSimulator#TEST_POLL_POLICY}
   * @throws IllegalStateException as {@link #simulator()} does
   * @throws io.github.ikpurge.error.ConfigurationException if no transport is found
   */
  public PurgeClient client() {
    return client(running());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    current = context;
    if (settings(context).scope() == SimulatorScope.PER_CLASS) {
      simulator(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    current = context;
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      inject(instance, context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    current = context.getParent().orElse(null);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    current = context.getParent().filter(parent -> parent.getTestClass().isPresent()).orElse(null);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return resolve(parameter.getParameter().getType(), context);
    } catch (IllegalStateException e) {
      throw new ParameterResolutionException(
          "Cannot resolve " + parameter.getParameter() + ": " + e.getMessage(), e);
    }
  }

  /** Resolves constructor parameters in the test's context, so that a per-test simulator exists. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public String toString() {
    return "ImageKitSimulatorExtension{" + (settings == null ? "annotated" : settings) + '}';
  }

  private ExtensionContext running() {
    ExtensionContext context = current;
    if (context == null) {
      throw new IllegalStateException(
          "No test of this ImageKitSimulatorExtension is running; register it with"
              + " @RegisterExtension and call it from a test or lifecycle method");
    }
    return context;
  }

  private Object resolve(Class<?> type, ExtensionContext context) {
    if (type == ImageKitSimulator.class) {
      return simulator(context);
    }
    PurgeClient client = client(context);
    return type == AsyncPurgeClient.class ? client.async() : client;
  }

  private ImageKitSimulator simulator(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(namespace);
    ImageKitSimulator shared = store.get(SIMULATOR, ImageKitSimulator.class);
    if (shared != null) {
      return shared;
    }
    Settings resolved = settings(context);
    if (context.getTestMethod().isEmpty() && resolved.scope() == SimulatorScope.PER_TEST) {
      throw new IllegalStateException(
          "the simulator is started per test, so there is none outside a test; use"
              + " SimulatorScope.PER_CLASS, or ask for it in a test or @BeforeEach method");
    }
    return store.getOrComputeIfAbsent(SIMULATOR, key -> resolved.start(), ImageKitSimulator.class);
  }

  private PurgeClient client(ExtensionContext context) {
    ImageKitSimulator simulator = simulator(context);
    Settings resolved = settings(context);
    return context
        .getStore(namespace)
        .getOrComputeIfAbsent(
            CLIENT,
            key -> {
              PurgeClient.Builder builder = simulator.testClientBuilder();
              resolved.clientConfig().accept(builder);
              return builder.build();
            },
            PurgeClient.class);
  }

  private void inject(Object instance, ExtensionContext context) {
    List<Field> fields =
        ReflectionSupport.findFields(
            instance.getClass(),
            field -> field.isAnnotationPresent(Simulated.class),
            HierarchyTraversalMode.TOP_DOWN);
    for (Field field : fields) {
      if (Modifier.isStatic(field.getModifiers())) {
        throw new ExtensionConfigurationException(
            "@Simulated field " + field + " must not be static: it is set before each test");
      }
      if (!TYPES.contains(field.getType())) {
        throw new ExtensionConfigurationException(
            "@Simulated field "
                + field
                + " must be of type ImageKitSimulator, PurgeClient or"
                + " AsyncPurgeClient");
      }
      try {
        field.setAccessible(true);
        field.set(instance, resolve(field.getType(), context));
      } catch (IllegalAccessException | RuntimeException e) {
        throw new ExtensionConfigurationException("Cannot set @Simulated field " + field, e);
      }
    }
  }

  private Settings settings(ExtensionContext context) {
    if (settings != null) {
      return settings;
    }
    for (Optional<Class<?>> type = context.getTestClass();
        type.isPresent();
        type = Optional.ofNullable(type.get().getEnclosingClass())) {
      Optional<ImageKitSimulatorTest> annotation =
          AnnotationSupport.findAnnotation(type.get(), ImageKitSimulatorTest.class);
      if (annotation.isPresent()) {
        ImageKitSimulatorTest found = annotation.get();
        return new Settings(
            found.completeAfterPolls(), found.https(), found.scope(), b -> {}, b -> {});
      }
    }
    return new Builder().settings(SimulatorScope.PER_TEST);
  }

  /** What to start and how to build its client. */
  private record Settings(
      int completeAfterPolls,
      boolean https,
      SimulatorScope scope,
      Consumer<ImageKitSimulator.Builder> simulatorConfig,
      Consumer<PurgeClient.Builder> clientConfig) {

    ImageKitSimulator start() {
      ImageKitSimulator.Builder builder =
          ImageKitSimulator.builder().completeAfterPolls(completeAfterPolls);
      if (https) {
        builder.https();
      }
      simulatorConfig.accept(builder);
      return builder.start();
    }

    @Override
    public String toString() {
      return "completeAfterPolls=" + completeAfterPolls + ", https=" + https + ", scope=" + scope;
    }
  }

  /** Builds an {@link ImageKitSimulatorExtension}. Not thread-safe. */
  public static final class Builder {

    private int completeAfterPolls = 2;
    private boolean https;
    private SimulatorScope scope;
    private Consumer<ImageKitSimulator.Builder> simulatorConfig = builder -> {};
    private Consumer<PurgeClient.Builder> clientConfig = builder -> {};

    private Builder() {}

    /**
     * Sets how many polls of a purge answer {@code Pending} before it is {@code Completed}. Default
     * 2.
     *
     * @param polls zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code polls} is negative
     */
    public Builder completeAfterPolls(int polls) {
      if (polls < 0) {
        throw new IllegalArgumentException("polls must not be negative, was " + polls);
      }
      this.completeAfterPolls = polls;
      return this;
    }

    /**
     * Serves HTTPS with the test certificate of {@link io.github.ikpurge.testkit.SimulatorTls}; the
     * client trusts it.
     *
     * @return this builder
     */
    public Builder https() {
      this.https = true;
      return this;
    }

    /**
     * Sets how long a simulator lives. By default it is {@link SimulatorScope#PER_CLASS} for a
     * {@code static} field and {@link SimulatorScope#PER_TEST} for an instance field; {@code
     * PER_TEST} on a {@code static} field gives each test a fresh one.
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder scope(SimulatorScope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Adds settings of the simulator, applied after the others, for every simulator started.
     *
     * @param configuration sets up a simulator builder, such as {@code b -> b.rateLimit(10,
     *     Duration.ofSeconds(1))}
     * @return this builder
     */
    public Builder configure(Consumer<ImageKitSimulator.Builder> configuration) {
      simulatorConfig =
          simulatorConfig.andThen(Objects.requireNonNull(configuration, "configuration"));
      return this;
    }

    /**
     * Adds settings of the client, applied to {@link ImageKitSimulator#testClientBuilder()}.
     *
     * @param configuration sets up a client builder, such as {@code b -> b.transport("jdk")}
     * @return this builder
     */
    public Builder configureClient(Consumer<PurgeClient.Builder> configuration) {
      clientConfig = clientConfig.andThen(Objects.requireNonNull(configuration, "configuration"));
      return this;
    }

    /** {@return the extension} */
    public ImageKitSimulatorExtension build() {
      return new ImageKitSimulatorExtension(
          settings(scope == null ? SimulatorScope.PER_CLASS : scope));
    }

    private Settings settings(SimulatorScope scope) {
      return new Settings(completeAfterPolls, https, scope, simulatorConfig, clientConfig);
    }
  }
}
