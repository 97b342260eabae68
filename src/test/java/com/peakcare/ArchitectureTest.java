package com.peakcare;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The package rules of CONVENTIONS.md and issue 15, checked on the compiled classes (ArchUnit) and, where the compiler
 * leaves no trace (constants are inlined, SQL is text), on the sources:
 * <ul>
 *   <li>infrastructure ({@code web}, {@code cluster}, {@code security}, {@code engine}) and {@code identity} never use
 *       a feature: a feature contributes its filters, grants, policies and doors as beans;</li>
 *   <li>the packages form no cycle, and every edge between them is one of {@link #MAY_USE}, written out here so that a
 *       new edge fails with its name and is decided on purpose;</li>
 *   <li>a feature reaches another only through its public services, never its repositories, delegates or listeners,
 *       and never its tables;</li>
 *   <li>delegates and listeners are thin adapters: no SQL, no {@code RuntimeService}, no {@code TaskService};</li>
 *   <li>Camunda's internals ({@code org.camunda.bpm.engine.impl..}) are used in {@code engine} only.</li>
 * </ul>
 * A violation that exists today and is to be removed by the issue 15 refactor is listed by name in {@code KNOWN_…}
 * with what removes it; an entry that is no longer needed fails too, so the lists only shrink.
 */
class ArchitectureTest {

  private static final String BASE = "com.peakcare";

  /** What every feature may use: infrastructure, and the staff directory and groups everyone shares. */
  private static final Set<String> BELOW_FEATURES = Set.of("web", "cluster", "identity", "security", "engine",
      "retention");

  /**
   * Who may use whom: the only allowed edges between PeakCare's top-level packages (acyclic, bottom to top). A
   * feature may use the packages below the features; an edge between two features is written out.
   */
  static final Map<String, Set<String>> MAY_USE = graph(
      // infrastructure: problems and OpenAPI; several nodes on one database (start-up and migration locks)
      "web", Set.of(),
      "cluster", Set.of(),
      // staff directory, groups, grants: below every feature, used by security and engine too
      "identity", Set.of("web", "cluster"),
      // the login throttle is the engine's PasswordGuard (engine.GuardedIdentity asks it on every password check)
      "security", Set.of("web", "identity", "engine"),
      "engine", Set.of("web", "cluster", "identity"),
      // PeakCare's pages in Cockpit (issue 21): the viewer from the session (engine's gate), problems (web)
      "pages", Set.of("web", "identity", "engine"),
      // the features
      "audit", BELOW_FEATURES,
      "notice", BELOW_FEATURES,
      "order", BELOW_FEATURES, // (issue 20) the shop's orders and their refund ceiling
      // a return case sends notices, promises refund care, and claims its order's ceiling
      "returns", plus(BELOW_FEATURES, "notice", "order"),
      "campaign", plus(BELOW_FEATURES, "audit"), // a campaign check's sign-offs are audit's ledger
      "briefing", plus(BELOW_FEATURES, "campaign"), // (branch briefing) quizzes on an approved campaign version
      "review", plus(BELOW_FEATURES, "pages"), // (branch reviews) review analysis; its meeting is a page
      // (issue 25, branch dashboard) the big-sale dashboard: pages of figures each feature's figures service gives
      "dashboard", plus(BELOW_FEATURES, "pages", "returns", "order", "notice", "campaign", "briefing", "complaint"),
      // (issue 24) a complaint's notices, its order, and its resolutions through the return door
      "complaint", plus(BELOW_FEATURES, "notice", "order", "returns", "pages", "survey"),
      // (issue 24 point 7) 回访: one signed-link survey per closed case, sent over the notice path
      "survey", plus(BELOW_FEATURES, "notice", "returns"),
      // (branch reminders) payment reminders read orders, send through notices (which ask its guard back only
      // through notice.NoticeGuard, a bean), and show their report as a page
      "reminder", plus(BELOW_FEATURES, "order", "notice", "pages"),
      // (issue 27) the retention table, the nightly sweep and a person's rights: below the features, which contribute
      // their records as RetentionRule / PersonalData beans
      "retention", Set.of("web", "cluster", "identity", "security", "engine"));

  /** The features above identity: nothing below them names them. */
  private static final String[] TOP_FEATURES = packages("audit", "notice", "order", "returns", "campaign",
      "briefing", "review", "complaint", "reminder", "survey");

  /** The features: each owns its tables and internals. */
  private static final Set<String> FEATURES = Set.of("audit", "notice", "order", "returns", "campaign", "briefing",
      "identity", "review", "complaint", "reminder", "survey");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages(BASE);

  /** A dependency that breaks a rule today, named, with what removes it. */
  record Known(String origin, String target, String why) {
    boolean covers(Dependency d) {
      return topLevel(d.getOriginClass()).getName().equals(origin)
          && (target.endsWith("..") ? d.getTargetClass().getName().startsWith(target.substring(0, target.length() - 2))
              : d.getTargetClass().getName().equals(target) || d.getTargetClass().getName().startsWith(target + "$"));
    }

    @Override
    public String toString() {
      return origin + " -> " + target;
    }
  }

  // ---- infrastructure below the features ---------------------------------------------------------------------

  @Test
  void infrastructureUsesNoFeature() {
    noClasses().that().resideInAnyPackage(packages("web", "cluster", "security", "engine", "pages"))
        .should().dependOnClassesThat().resideInAnyPackage(TOP_FEATURES)
        .because("a feature contributes its Tasklist filters, grants, task policies and start doors as beans; "
            + "infrastructure never names a feature (CONVENTIONS.md, issue 15 point 6)")
        .check(MAIN);
  }

  @Test
  void identityUsesNoOtherFeature() {
    noClasses().that().resideInAPackage(BASE + ".identity..")
        .should().dependOnClassesThat().resideInAnyPackage(TOP_FEATURES)
        .because("every feature uses the staff directory and groups; a feature grants its own rights (FeatureGrants)")
        .check(MAIN);
  }

  // ---- the package graph -------------------------------------------------------------------------------------

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void everyTopLevelPackageIsInTheGraph() {
    Set<String> packages = MAIN.stream().map(JavaClass::getPackageName)
        .filter(p -> p.startsWith(BASE + "."))
        .map(p -> p.substring(BASE.length() + 1).split("\\.")[0])
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(MAY_USE.keySet())
        .as("a new top-level package: add it to ArchitectureTest.MAY_USE with the packages it may use")
        .containsAll(packages);
  }

  @Test
  void packagesUseOnlyTheEdgesOfTheGraph() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String p : MAY_USE.keySet()) {
      layers = p.equals("briefing") ? layers.optionalLayer(p).definedBy(BASE + "." + p + "..")
          : layers.layer(p).definedBy(BASE + "." + p + "..");
    }
    for (var edge : MAY_USE.entrySet()) {
      layers = edge.getValue().isEmpty() ? layers.whereLayer(edge.getKey()).mayNotAccessAnyLayer()
          : layers.whereLayer(edge.getKey()).mayOnlyAccessLayers(edge.getValue().toArray(String[]::new));
    }
    layers.because("a new edge between packages is a design decision: add it to ArchitectureTest.MAY_USE on "
        + "purpose (the graph must stay acyclic), or call the other package through a bean it offers").check(MAIN);
  }

  /**
   * The same graph on the sources: the compiler inlines constants ({@code NoticeVariables.AMOUNT}), so a package that
   * only reads another's constants leaves no trace in the classes.
   */
  @Test
  void sourcesNameOnlyThePackagesTheGraphAllows() {
    Pattern reference = Pattern.compile("\\bcom\\.peakcare\\.([a-z0-9_]+)\\.");
    List<String> violations = new ArrayList<>();
    forEachMainSource((pkg, file, code) -> {
      Set<String> allowed = MAY_USE.getOrDefault(pkg, Set.of());
      Matcher m = reference.matcher(code);
      while (m.find()) {
        String used = m.group(1);
        if (!used.equals(pkg) && !allowed.contains(used) && MAY_USE.containsKey(used)) {
          violations.add(pkg + " -> " + used + " in " + file);
        }
      }
    });
    assertThat(violations).as("package edges not in ArchitectureTest.MAY_USE (imports and qualified names)").isEmpty();
  }

  // ---- features reach each other only through their public services ----------------------------------------

  @Test
  void aFeatureUsesNoRepositoryDelegateOrListenerOfAnother() {
    for (String feature : FEATURES) {
      Set<String> others = new TreeSet<>(FEATURES);
      others.remove(feature);
      noClasses().that().resideInAPackage(BASE + "." + feature + "..")
          .should().dependOnClassesThat(internalOf(others))
          .because("another feature's tables, delegates and listeners are its own: call its service")
          .allowEmptyShould(true)
          .check(MAIN);
    }
  }

  /** Another feature's classes that are not its API: non-public ones, and its repositories, delegates, listeners. */
  static DescribedPredicate<JavaClass> internalOf(Set<String> features) {
    return DescribedPredicate.describe("internals of " + features + " (non-public, *Repository, *Delegate, *Listener)",
        c -> {
          String pkg = c.getPackageName();
          boolean inOther = features.stream().anyMatch(f -> pkg.equals(BASE + "." + f)
              || pkg.startsWith(BASE + "." + f + "."));
          if (!inOther) {
            return false;
          }
          String name = topLevel(c).getSimpleName();
          return !topLevel(c).getModifiers().contains(JavaModifier.PUBLIC) || name.endsWith("Repository")
              || name.endsWith("Delegate") || name.endsWith("Listener");
        });
  }

  // ---- delegates and listeners are thin ----------------------------------------------------------------------

  /** Delegates and listeners that do more than read inputs, call a service and write outputs, today. */
  static final List<Known> KNOWN_FAT_ADAPTERS = List.of();

  @Test
  void delegatesAndListenersCallAServiceInsteadOfSqlOrTheEngine() {
    Set<String> forbidden = Set.of(JdbcTemplate.class.getName(), NamedParameterJdbcTemplate.class.getName(),
        JdbcClient.class.getName(), "javax.sql.DataSource", RuntimeService.class.getName(),
        TaskService.class.getName());
    DescribedPredicate<JavaClass> adapter = DescribedPredicate.describe("delegates and listeners of the features",
        c -> c.isAssignableTo(JavaDelegate.class) || c.isAssignableTo(ExecutionListener.class)
            || c.isAssignableTo(TaskListener.class));
    checkWithKnown(adapter.and(DescribedPredicate.describe("in a feature", c -> FEATURES.stream()
            .anyMatch(f -> c.getPackageName().startsWith(BASE + "." + f)))),
        DescribedPredicate.describe("SQL or Camunda's RuntimeService/TaskService " + forbidden,
            c -> forbidden.contains(c.getName())),
        KNOWN_FAT_ADAPTERS,
        "a delegate or listener reads its inputs, calls the feature's service and writes its outputs "
            + "(CONVENTIONS.md, issue 15 point 2); process links belong in the BPMN (point 5)");
  }

  // ---- Camunda's internals stay in engine --------------------------------------------------------------------

  /** Classes outside {@code engine} that use Camunda's internals today (issue 15: remove each when moved). */
  static final List<Known> KNOWN_ENGINE_INTERNALS_OUTSIDE_ENGINE = List.of();

  @Test
  void camundaInternalsAreUsedInEngineOnly() {
    checkWithKnown(DescribedPredicate.describe("outside com.peakcare.engine",
            c -> !c.getPackageName().startsWith(BASE + ".engine")),
        DescribedPredicate.describe("in org.camunda.bpm.engine.impl..",
            c -> c.getPackageName().startsWith("org.camunda.bpm.engine.impl")),
        KNOWN_ENGINE_INTERNALS_OUTSIDE_ENGINE,
        "Camunda's internals change between versions without notice: every use sits in engine, where each "
            + "workaround has a guard test (EngineWorkaroundGuardTest) that tells when an upgrade breaks it");
  }

  /**
   * Classes matching {@code origin} depend on no class matching {@code target}, except the known dependencies; and
   * every known dependency still exists (a fixed violation must leave the list).
   */
  private static void checkWithKnown(DescribedPredicate<JavaClass> origin, DescribedPredicate<JavaClass> target,
      List<Known> known, String because) {
    classes().that(origin)
        .should(ArchConditions.onlyHaveDependenciesWhere(DescribedPredicate.describe("the target is not "
            + target.getDescription() + " (or the dependency is a known one: " + known + ")",
            (Dependency d) -> !target.test(d.getTargetClass()) || known.stream().anyMatch(k -> k.covers(d)))))
        .because(because)
        .allowEmptyShould(true)
        .check(MAIN);
    List<Known> stale = known.stream()
        .filter(k -> MAIN.stream().flatMap(c -> c.getDirectDependenciesFromSelf().stream()).noneMatch(k::covers))
        .toList();
    assertThat(stale).as("known violations that are gone: remove them from the list in ArchitectureTest").isEmpty();
  }

  // ---- tables ------------------------------------------------------------------------------------------------

  /**
   * Which package owns the tables a changelog creates, by the changelog's name. A new changelog must be added here:
   * that is where its tables get an owner.
   */
  private static final Map<Pattern, String> CHANGELOG_OWNER = owners(
      "peakcare-\\d+-staff.*\\.xml", "identity",
      "peakcare-\\d+-campaign.*\\.xml", "campaign",
      "peakcare-\\d+-audit.*\\.xml", "audit",
      "peakcare-\\d+-notice.*\\.xml", "notice",
      "peakcare-\\d+-returns.*\\.xml", "returns",
      "peakcare-\\d+-refund-gateway.*\\.xml", "returns",
      "peakcare-\\d+-logistics-delay.*\\.xml", "returns", // the broadcast lives in returns (LogisticsDelayBroadcasts)
      "peakcare-\\d+-briefing.*\\.xml", "briefing",
      "peakcare-\\d+-review.*\\.xml", "review",
      "peakcare-\\d+-order.*\\.xml", "order",
      "peakcare-\\d+-reminder.*\\.xml", "reminder",
      "peakcare-\\d+-session.*\\.xml", "security", // Spring Session's tables for the webapps' logins
      "peakcare-\\d+-engine-.*\\.xml", "engine", // indexes on Camunda's tables
      "peakcare-\\d+-job-acquisition.*\\.xml", "engine",
      "peakcare-\\d+-complaint.*\\.xml", "complaint", // (issue 24)
      "peakcare-\\d+-retention.*\\.xml", "retention", // (issue 27) a person's rights requests and their trail
      "peakcare-\\d+-survey.*\\.xml", "survey", // (issue 24 point 7) 回访: one survey per closed case
      "db\\.changelog-master\\.xml", "");

  /** "package -> table": a package's code names a table another package owns, today (issue 15: remove when fixed). */
  static final Set<String> KNOWN_FOREIGN_TABLES = Set.of();

  private static final Pattern TABLE = Pattern.compile("\\bPC_[A-Z0-9_]+\\b");
  private static final Pattern CREATE_TABLE = Pattern.compile("<createTable\\b[^>]*\\btableName=\"(PC_[A-Z0-9_]+)\"");
  private static final Pattern TABLE_NAME = Pattern.compile("\\btableName=\"(PC_[A-Z0-9_]+)\"");

  @Test
  void eachPackageNamesOnlyItsOwnTables() {
    Map<String, String> owner = tableOwners();
    assertThat(owner).as("tables found in the changelogs").isNotEmpty();
    List<String> violations = new ArrayList<>();
    forEachMainSource((pkg, file, code) -> {
      for (String literal : stringLiterals(code)) {
        Matcher m = TABLE.matcher(literal);
        while (m.find()) {
          String table = m.group();
          if (table.startsWith("PC_IDX_")) {
            continue; // an index name
          }
          String tableOwner = owner.get(table);
          if (tableOwner == null) {
            violations.add(file + " names " + table + ", which no changelog creates");
          } else if (!tableOwner.equals(pkg) && !KNOWN_FOREIGN_TABLES.contains(pkg + " -> " + table)) {
            violations.add(pkg + " names " + table + " (owned by " + tableOwner + ") in " + file);
          }
        }
      }
    });
    assertThat(violations).as("a feature calls another feature's service, never its tables (CONVENTIONS.md)")
        .isEmpty();
  }

  @Test
  void aChangelogChangesOnlyTheTablesItsPackageOwns() {
    Map<String, String> owner = tableOwners();
    List<String> violations = new ArrayList<>();
    for (Path changelog : changelogs()) {
      String file = changelog.getFileName().toString();
      String pkg = changelogOwner(file);
      Matcher m = TABLE_NAME.matcher(read(changelog));
      while (m.find()) {
        String tableOwner = owner.get(m.group(1));
        if (tableOwner != null && !tableOwner.equals(pkg) && !changedBeforeTheMove(file, pkg, m.group(1))) {
          violations.add(file + " (" + pkg + ") changes " + m.group(1) + ", owned by " + tableOwner);
        }
      }
    }
    assertThat(violations).as("a package migrates its own tables only").isEmpty();
  }

  /**
   * A table whose feature moved to another package, keeping its name (a rename would touch every running database):
   * from then on it is {@code to}'s; the changelogs of {@code from} up to {@code lastOfFrom} changed it while it was
   * theirs.
   */
  record MovedTable(String from, String to, int lastOfFrom) {}

  /** (issue 23 item 4) refund care moved from notice to returns, its promise table with it. */
  static final Map<String, MovedTable> MOVED_TABLES = Map.of(
      "PC_REFUND_PROMISE", new MovedTable("notice", "returns", 95));

  /** Whether the changelog {@code file} of {@code pkg} changed {@code table} while it was {@code pkg}'s. */
  private static boolean changedBeforeTheMove(String file, String pkg, String table) {
    MovedTable moved = MOVED_TABLES.get(table);
    Matcher number = Pattern.compile("peakcare-(\\d+)-.*").matcher(file);
    return moved != null && moved.from().equals(pkg) && number.matches()
        && Integer.parseInt(number.group(1)) <= moved.lastOfFrom();
  }

  /** Table → owning package, from the changelogs that create them. */
  private static Map<String, String> tableOwners() {
    Map<String, String> owner = new TreeMap<>();
    for (Path changelog : changelogs()) {
      String pkg = changelogOwner(changelog.getFileName().toString());
      Matcher m = CREATE_TABLE.matcher(read(changelog));
      while (m.find()) {
        String previous = owner.put(m.group(1), pkg);
        assertThat(previous).as(m.group(1) + " is created twice").isNull();
      }
    }
    MOVED_TABLES.forEach((table, moved) -> owner.put(table, moved.to()));
    return owner;
  }

  private static String changelogOwner(String file) {
    return CHANGELOG_OWNER.entrySet().stream().filter(e -> e.getKey().matcher(file).matches())
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("changelog " + file + ": say in ArchitectureTest.CHANGELOG_OWNER which "
            + "package owns its tables"));
  }

  private static List<Path> changelogs() {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/changelog"))) {
      return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The string literals of a Java source (text blocks included), without its comments: javadoc that names a table
   * ("the notices themselves are in PC_NOTICE") is not a use of it.
   */
  static List<String> stringLiterals(String code) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    int n = code.length();
    while (i < n) {
      char c = code.charAt(i);
      if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
        i = code.indexOf('\n', i);
        i = i < 0 ? n : i;
      } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        i = code.indexOf("*/", i + 2);
        i = i < 0 ? n : i + 2;
      } else if (code.startsWith("\"\"\"", i)) {
        int end = code.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end;
        literals.add(code.substring(i + 3, end));
        i = end + 3;
      } else if (c == '"' || c == '\'') {
        StringBuilder literal = new StringBuilder();
        int j = i + 1;
        while (j < n && code.charAt(j) != c && code.charAt(j) != '\n') {
          if (code.charAt(j) == '\\' && j + 1 < n) {
            literal.append(code.charAt(j)).append(code.charAt(j + 1));
            j += 2;
          } else {
            literal.append(code.charAt(j++));
          }
        }
        if (c == '"') {
          literals.add(literal.toString());
        }
        i = j + 1;
      } else {
        i++;
      }
    }
    return literals;
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  interface SourceVisitor {
    void visit(String pkg, String file, String code);
  }

  /** Every main source file with its top-level package (the root package's files are left out). */
  private static void forEachMainSource(SourceVisitor visitor) {
    Path root = Path.of("src/main/java/com/peakcare");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() > 1) {
          String code = read(file);
          visitor.visit(relative.getName(0).toString(), relative.toString(), withoutComments(code));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The code without its comments, string literals kept (for references to other packages). */
  private static String withoutComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ")
        .replaceAll("(?m)^package .*$", " ");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  private static String[] packages(String... names) {
    return Stream.of(names).map(n -> BASE + "." + n + "..").toArray(String[]::new);
  }

  private static Set<String> plus(Set<String> set, String... more) {
    Set<String> all = new TreeSet<>(set);
    all.addAll(List.of(more));
    return all;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> graph(Object... pairs) {
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      graph.put((String) pairs[i], new TreeSet<>((Set<String>) pairs[i + 1]));
    }
    return graph;
  }

  private static Map<Pattern, String> owners(String... pairs) {
    Map<Pattern, String> owners = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      owners.put(Pattern.compile(pairs[i]), pairs[i + 1]);
    }
    return owners;
  }
}
