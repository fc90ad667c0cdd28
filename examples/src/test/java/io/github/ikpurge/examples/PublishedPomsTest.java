package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every POM this build publishes carries what Maven Central requires (name, description, url,
 * licenses, scm, developers), its own or inherited, and the BOM manages exactly the published jar
 * modules. A module is published unless it skips the deploy; the POMs are read as written, from the
 * root POM's module list, so a new module cannot be left out of the BOM or published without them.
 */
class PublishedPomsTest {

  private static final Set<String> NOT_PUBLISHED =
      Set.of(
          "ikpurge-benchmarks",
          "ikpurge-cli",
          "ikpurge-conformance",
          "ikpurge-examples",
          "ikpurge-integration-tests");

  private static Path root;
  private static final Map<String, Pom> modules = new LinkedHashMap<>();

  @BeforeAll
  static void readTheModules() throws Exception {
    // Surefire runs in the module's directory: examples/, beside the others.
    root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    Pom parent = Pom.read(root.resolve("pom.xml"));
    assertThat(parent.artifactId())
        .as("the root POM, read from %s", root)
        .isEqualTo("ikpurge-parent");
    modules.put(parent.artifactId(), parent);
    for (Element module : children(parent.project(), "modules", "module")) {
      Pom pom = Pom.read(root.resolve(module.getTextContent().trim()).resolve("pom.xml"));
      modules.put(pom.artifactId(), pom);
    }
  }

  @Test
  void everyPublishedPomHasTheMetadataMavenCentralRequires() {
    List<String> missing = new ArrayList<>();
    for (Pom pom : published()) {
      for (String own : List.of("name", "description")) {
        if (text(pom.project(), own).isEmpty()) {
          missing.add(pom.artifactId() + ": " + own);
        }
      }
      check(missing, pom, "url", p -> text(p.project(), "url"));
      check(
          missing,
          pom,
          "licenses/license/name",
          p -> text(p.project(), "licenses", "license", "name"));
      check(
          missing,
          pom,
          "licenses/license/url",
          p -> text(p.project(), "licenses", "license", "url"));
      check(
          missing,
          pom,
          "developers/developer/name",
          p -> text(p.project(), "developers", "developer", "name"));
      for (String scm : List.of("connection", "developerConnection", "url")) {
        check(missing, pom, "scm/" + scm, p -> text(p.project(), "scm", scm));
      }
    }
    assertThat(missing)
        .as("missing from the published POMs, neither declared nor inherited")
        .isEmpty();
  }

  @Test
  void theBomManagesExactlyThePublishedJarModules() {
    Pom bom = modules.get("ikpurge-bom");
    assertThat(bom).as("the BOM module").isNotNull();
    assertThat(text(bom.project(), "version"))
        .as("the BOM's version, which it cannot inherit")
        .contains(text(modules.get("ikpurge-parent").project(), "version").orElseThrow());

    Set<String> managed = new TreeSet<>();
    for (Element dependency :
        children(bom.project(), "dependencyManagement", "dependencies", "dependency")) {
      assertThat(text(dependency, "groupId")).contains("io.github.ikpurge");
      assertThat(text(dependency, "version")).contains("${project.version}");
      managed.add(text(dependency, "artifactId").orElseThrow());
    }
    Set<String> jars = new TreeSet<>();
    for (Pom pom : published()) {
      if (text(pom.project(), "packaging").orElse("jar").equals("jar")) {
        jars.add(pom.artifactId());
      }
    }
    assertThat(managed).as("the BOM's managed modules").isEqualTo(jars);
  }

  @Test
  void theModulesThatAreNotPublishedSkipTheDeploy() {
    Set<String> notPublished = new TreeSet<>(modules.keySet());
    published().forEach(pom -> notPublished.remove(pom.artifactId()));
    assertThat(notPublished).isEqualTo(new TreeSet<>(NOT_PUBLISHED));
  }

  @Test
  void theModulesInheritTheUrlsAsTheyAreWithoutTheirPathAppended() {
    Element project = modules.get("ikpurge-parent").project();
    Element scm = children(project, "scm").get(0);
    assertThat(project.getAttribute("child.project.url.inherit.append.path")).isEqualTo("false");
    for (String part : List.of("connection", "developerConnection", "url")) {
      assertThat(scm.getAttribute("child.scm." + part + ".inherit.append.path"))
          .as("scm/%s", part)
          .isEqualTo("false");
    }
  }

  @Test
  void theReleaseProfileAttachesSourcesAndJavadocAndSignsThem() {
    Element release =
        children(modules.get("ikpurge-parent").project(), "profiles", "profile").stream()
            .filter(profile -> text(profile, "id").orElse("").equals("release"))
            .findFirst()
            .orElseThrow();
    Map<String, String> goals = new LinkedHashMap<>();
    for (Element plugin : children(release, "build", "plugins", "plugin")) {
      for (Element goal : children(plugin, "executions", "execution", "goals", "goal")) {
        goals.put(text(plugin, "artifactId").orElseThrow(), goal.getTextContent().trim());
      }
    }
    assertThat(goals)
        .containsEntry("maven-source-plugin", "jar-no-fork")
        .containsEntry("maven-javadoc-plugin", "jar")
        .containsEntry("maven-gpg-plugin", "sign");
  }

  private static List<Pom> published() {
    return modules.values().stream().filter(pom -> !pom.skipsDeploy()).toList();
  }

  /** Records {@code what} as missing unless the POM or one of its parents declares it. */
  private static void check(
      List<String> missing, Pom pom, String what, Function<Pom, Optional<String>> read) {
    for (Optional<Pom> at = Optional.of(pom); at.isPresent(); at = at.get().parent()) {
      if (read.apply(at.get()).isPresent()) {
        return;
      }
    }
    missing.add(pom.artifactId() + ": " + what);
  }

  /** The elements at the end of a path of child element names, in document order. */
  private static List<Element> children(Element from, String... path) {
    List<Element> level = List.of(from);
    for (String name : path) {
      List<Element> next = new ArrayList<>();
      for (Element element : level) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
          if (node instanceof Element child && child.getTagName().equals(name)) {
            next.add(child);
          }
        }
      }
      level = next;
    }
    return level;
  }

  /** The first non-blank text at a path of child element names. */
  private static Optional<String> text(Element from, String... path) {
    return children(from, path).stream()
        .map(element -> element.getTextContent().trim())
        .filter(value -> !value.isEmpty())
        .findFirst();
  }

  private record Pom(Path file, Element project) {

    static Pom read(Path file) throws Exception {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new Pom(file, factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement());
    }

    String artifactId() {
      return text(project, "artifactId").orElseThrow();
    }

    /** The parent POM in this tree, read from its relative path, when there is one. */
    Optional<Pom> parent() {
      List<Element> parent = children(project, "parent");
      if (parent.isEmpty()) {
        return Optional.empty();
      }
      Path relative = Path.of(text(parent.get(0), "relativePath").orElse("../pom.xml"));
      Path location = file.getParent().resolve(relative).normalize();
      Path pomFile = Files.isDirectory(location) ? location.resolve("pom.xml") : location;
      try {
        Pom read = read(pomFile);
        assertThat(read.artifactId())
            .as("the parent of %s", artifactId())
            .isEqualTo(text(parent.get(0), "artifactId").orElseThrow());
        return Optional.of(read);
      } catch (Exception e) {
        throw new AssertionError(
            "cannot read the parent POM of " + artifactId() + " at " + pomFile, e);
      }
    }

    /** Whether the deploy is skipped, by the property or by the deploy plugin's configuration. */
    boolean skipsDeploy() {
      if (text(project, "properties", "maven.deploy.skip").orElse("").equals("true")) {
        return true;
      }
      return children(project, "build", "plugins", "plugin").stream()
          .filter(plugin -> text(plugin, "artifactId").orElse("").equals("maven-deploy-plugin"))
          .anyMatch(plugin -> text(plugin, "configuration", "skip").orElse("").equals("true"));
    }
  }
}
