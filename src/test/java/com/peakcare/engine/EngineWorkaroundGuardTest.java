package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.engine.gate.QueryExpressions;
import com.tngtech.archunit.core.domain.JavaClass;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.QueryValidators.AdhocQueryValidator;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.parser.HistoryParseListener;
import org.camunda.bpm.engine.impl.history.producer.DefaultHistoryEventProducer;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One guard per workaround in {@code engine} (EngineGate's own: {@link EngineGateGuardTest}): each fails when a Camunda
 * or FEEL upgrade makes the workaround unnecessary or wrong, and says which and what to do. They read the facts each
 * workaround's javadoc relies on from the Camunda and feel-scala classes on the classpath; no engine is started.
 * Behaviour with a running engine is guarded elsewhere: AuthorizedGroupIdsQueryTest (the statement in use),
 * CommandExceptionLoggingTest (the log levels), RefundGatewayProcessTest (NoRetryFailures), TasklistFiltersTest.
 */
class EngineWorkaroundGuardTest {

  // ---- ParsedFeelCache and the feel-engine pin in pom.xml ----------------------------------------------------

  @Test
  void theFeelEngineThatRunsIsThePinAndNewerThanCamundas() throws Exception {
    String pinned = pinnedFeelEngine();
    String running = runningFeelEngine();
    String camundas = camundasFeelEngine();
    assertThat(running).as("pom.xml pins feel-engine %s, but %s runs: the pin no longer works (is it still declared"
        + " before the camunda-bom import?)", pinned, running).isEqualTo(pinned);
    assertThat(compare(camundas, pinned))
        .as("Camunda now ships feel-engine %s, not older than the pin %s: remove the pin from pom.xml (and measure "
            + "whether ParsedFeelCache is still worth it)", camundas, pinned)
        .isNegative();
  }

  @Test
  void thePinnedFeelEngineBuildsItsBuiltInFunctionsOnce() throws Exception {
    // feel-engine 1.19.3 (Camunda 7.24's) declared FeelEngine.rootContext as a def: every evaluation rebuilt all the
    // built-in functions; from 1.19.5 it is a val, a final field. The pin exists for this.
    Field rootContext;
    try {
      rootContext = FeelEngine.class.getDeclaredField("rootContext");
    } catch (NoSuchFieldException e) {
      throw new AssertionError("feel-engine " + runningFeelEngine() + " builds FeelEngine.rootContext on every "
          + "evaluation again (no field, a def): the reason for the pin is back; pick a version that keeps it a val");
    }
    assertThat(Modifier.isFinal(rootContext.getModifiers())).as("FeelEngine.rootContext is built once").isTrue();
  }

  @Test
  void camundasFeelEngineStillParsesTheTextOfEveryEvaluation() {
    // ParsedFeelCache exists because Camunda hands feel-scala the expression's text each time and keeps nothing
    List<String> fields = Stream.of(ScalaFeelEngine.class.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName).sorted().toList();
    assertThat(fields).as("Camunda's ScalaFeelEngine holds more than its FEEL engine now (a cache of parsed "
        + "expressions?): ParsedFeelCache may be obsolete, and it must keep initialising what ScalaFeelEngine "
        + "initialises").containsExactly("feelEngine");
    JavaClass scala = CamundaBytecode.of(ScalaFeelEngine.class);
    assertThat(CamundaBytecode.uses(scala, "evaluateSimpleExpression", "evalExpression")
        && CamundaBytecode.uses(scala, "evaluateSimpleUnaryTests", "evalUnaryTests"))
        .as("ScalaFeelEngine no longer evaluates the expression's text: it may parse once now, and ParsedFeelCache "
            + "may be obsolete (or wrong: it overrides both methods)").isTrue();
    assertThat(CamundaBytecode.uses(scala, "evaluateSimpleExpression", "parseExpression")
        || CamundaBytecode.uses(scala, "evaluateSimpleUnaryTests", "parseUnaryTests"))
        .as("ScalaFeelEngine parses expressions itself now: ParsedFeelCache may be obsolete").isFalse();
    List<String> caches = Stream.of(FeelEngine.class.getDeclaredFields())
        .filter(f -> (f.getName() + f.getType().getName()).toLowerCase().contains("cache")).map(Field::getName)
        .toList();
    assertThat(caches).as("feel-scala's FeelEngine caches something now (parsed expressions?): ParsedFeelCache "
        + "may be obsolete").isEmpty();
  }

  @Test
  void theCachingFeelEngineAnswersExactlyAsCamundas() {
    ScalaFeelEngine camundas = new ScalaFeelEngine(List.of());
    ParsedFeelCache.CachingScalaFeelEngine caching = new ParsedFeelCache.CachingScalaFeelEngine(List.of());
    VariableContext variables = Variables.createVariables().putValue("amount", 299.0).putValue("days", 5)
        .putValue("tier", "VIP").putValue("cellInput", 150).putValue("when", java.time.LocalDate.of(2024, 11, 11))
        .asVariableContext();
    List<String> expressions = List.of("amount * 2", "days > 3 and tier = \"VIP\"",
        "if amount > 100 then \"manual\" else \"auto\"", "date(\"2024-11-11\") + duration(\"P7D\")",
        "string length(tier)", "unknownVariable", "amount +", "[1, 2, 3][item > 1]", "{a: amount}.a",
        "sum([1, 2, days])", "\"x\" + 1", "when < date(\"2025-01-01\")", "upper case(tier)");
    List<String> unaryTests = List.of("> 100", "<= 150", "[100..200]", "]150..200]", "100, 150", "not(150)", "-",
        "> amount", "? > 100", "\"VIP\"", "> \"a\"", "150.0", "null", "foo(", "> unknownVariable",
        "[1..days]", "< 3");
    List<String> different = new ArrayList<>();
    for (int round = 0; round < 2; round++) { // the second round answers from the cache
      for (String e : expressions) {
        Outcome theirs = Outcome.of(() -> camundas.evaluateSimpleExpression(e, variables));
        Outcome ours = Outcome.of(() -> caching.evaluateSimpleExpression(e, variables));
        if (!theirs.equals(ours)) {
          different.add("expression " + e + ": Camunda " + theirs + ", ParsedFeelCache " + ours);
        }
      }
      for (String t : unaryTests) {
        Outcome theirs = Outcome.of(() -> camundas.evaluateSimpleUnaryTests(t, "cellInput", variables));
        Outcome ours = Outcome.of(() -> caching.evaluateSimpleUnaryTests(t, "cellInput", variables));
        if (!theirs.equals(ours)) {
          different.add("unary tests " + t + ": Camunda " + theirs + ", ParsedFeelCache " + ours);
        }
      }
    }
    assertThat(different).as("ParsedFeelCache must answer as Camunda's ScalaFeelEngine (values and errors): after "
        + "an upgrade, re-align CachingScalaFeelEngine with ScalaFeelEngine or drop it").isEmpty();
  }

  /** A value, or the type and message of the error. */
  record Outcome(Object value, String error) {
    static Outcome of(java.util.function.Supplier<Object> evaluation) {
      try {
        return new Outcome(evaluation.get(), null);
      } catch (RuntimeException e) {
        return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  // ---- AuthorizedGroupIdsQuery -------------------------------------------------------------------------------

  @Test
  void camundaStillRunsTheFullScanThatAuthorizedGroupIdsQueryReplaces() throws Exception {
    Element camundas = select(resource("org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml"),
        AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT);
    assertThat(camundas).as("Camunda's Authorization.xml no longer declares %s: AuthorizedGroupIdsQuery maps a "
        + "statement nobody runs; find what replaced it", AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT).isNotNull();
    assertThat(camundas.getTextContent().replaceAll("\\s+", " ").trim())
        .as("Camunda changed %s: if it no longer scans the whole table, AuthorizedGroupIdsQuery may go; otherwise "
            + "check that authorized-group-ids.xml still returns the same set",
            AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT)
        .isEqualTo("SELECT distinct(A.GROUP_ID_) FROM ${prefix}ACT_RU_AUTHORIZATION A");
    assertThat(camundas.getAttribute("parameterType")).as("Camunda's statement takes no parameter").isEmpty();

    Element ours = select(resource("com/peakcare/engine/authorized-group-ids.xml"),
        AuthorizedGroupIdsQuery.PEAKCARE_STATEMENT);
    assertThat(ours).as("authorized-group-ids.xml declares " + AuthorizedGroupIdsQuery.PEAKCARE_STATEMENT).isNotNull();
    assertThat(ours.getAttribute("resultType")).as("the replacement returns what Camunda's returns")
        .isEqualTo(camundas.getAttribute("resultType"));
    assertThat(ours.getAttribute("parameterType")).isEqualTo(camundas.getAttribute("parameterType"));

    assertThat(CamundaBytecode.classFileMentions(AuthorizationManager.class, AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT))
        .as("Camunda's AuthorizationManager no longer runs %s: AuthorizedGroupIdsQuery may be obsolete",
            AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT).isTrue();
  }

  // ---- TaskAuthorizations (issue 23, item 5) ------------------------------------------------------------------

  @Test
  void camundaStillDecidesATasksPermissionsAndQueriesWhereTaskAuthorizationsAnswers() {
    JavaClass tasks = CamundaBytecode.of(org.camunda.bpm.engine.impl.persistence.entity.TaskManager.class);
    assertThat(CamundaBytecode.uses(tasks, "findTasksByQueryCriteria", "configureTaskQuery")
        && CamundaBytecode.uses(tasks, "findTaskCountByQueryCriteria", "configureTaskQuery"))
        .as("Camunda's TaskManager no longer configures a task query's authorization through "
            + "AuthorizationManager.configureTaskQuery: TaskAuthorizations would no longer narrow a person's task query "
            + "to the tasks that name them, and a person without the per-task rows it no longer writes would see "
            + "nothing (or, if the check moved elsewhere, everything): find where it went")
        .isTrue();
    JavaClass manager = CamundaBytecode.of(AuthorizationManager.class);
    assertThat(CamundaBytecode.uses(manager, "checkAuthorization", "isAuthorized"))
        .as("Camunda's AuthorizationManager.checkAuthorization no longer asks isAuthorized, which TaskAuthorizations "
            + "overrides to grant a task's own people READ and TASK_WORK on it")
        .isTrue();
    JavaClass checker = CamundaBytecode.of(
        org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker.class);
    for (String check : List.of("checkReadTask", "checkTaskWork", "checkReadTaskVariable")) {
      assertThat(CamundaBytecode.uses(checker, check, "checkAuthorization")
          || CamundaBytecode.uses(checker, check, "isAuthorized"))
          .as("Camunda's %s no longer goes through the AuthorizationManager that TaskAuthorizations replaces", check)
          .isTrue();
    }
  }

  @Test
  void camundaStillAsksItsTwoPerCommandLookupsThroughWhatTaskAuthorizationsRemembers() {
    JavaClass manager = CamundaBytecode.of(AuthorizationManager.class);
    assertThat(CamundaBytecode.uses(manager, "filterAuthenticatedGroupIds", "getAllGroups"))
        .as("Camunda's AuthorizationManager.filterAuthenticatedGroupIds no longer asks getAllGroups: TaskAuthorizations "
            + "no longer remembers which groups hold authorizations (a query per command again); find the new place")
        .isTrue();
    for (String asker : List.of("enableQueryAuthCheck", "isAuthorized")) {
      assertThat(CamundaBytecode.uses(manager, asker, "isRevokeAuthCheckEnabled"))
          .as("Camunda's AuthorizationManager.%s no longer asks isRevokeAuthCheckEnabled, which TaskAuthorizations "
              + "remembers", asker)
          .isTrue();
    }
  }

  // ---- HistoryTrim -------------------------------------------------------------------------------------------

  @Test
  void camundasHistoryHandlerStillRoutesEveryEventThroughWhatHistoryTrimOverrides() throws Exception {
    Method handleEvent = DbHistoryEventHandler.class.getMethod("handleEvent", HistoryEvent.class);
    Method detail = DbHistoryEventHandler.class.getDeclaredMethod("shouldWriteHistoricDetail",
        HistoricVariableUpdateEventEntity.class);
    assertThat(detail.getReturnType()).isEqualTo(boolean.class);
    assertThat(Modifier.isProtected(detail.getModifiers()) || Modifier.isPublic(detail.getModifiers())).isTrue();
    assertThat(handleEvent.getDeclaringClass()).isEqualTo(DbHistoryEventHandler.class);

    JavaClass handler = CamundaBytecode.of(DbHistoryEventHandler.class);
    assertThat(CamundaBytecode.uses(handler, "handleEvents", "handleEvent"))
        .as("DbHistoryEventHandler.handleEvents no longer calls handleEvent: HistoryTrim's trimmed handler must "
            + "override handleEvents too").isTrue();
    assertThat(CamundaBytecode.uses(handler, "handleEvent", "shouldWriteHistoricDetail"))
        .as("DbHistoryEventHandler no longer asks shouldWriteHistoricDetail: HistoryTrim writes every variable "
            + "detail again; find Camunda's new hook").isTrue();
    assertThat(HistoricJobLog.class.isAssignableFrom(HistoricJobLogEventEntity.class))
        .as("HistoryTrim recognises job log events as HistoricJobLog").isTrue();
    assertThat(HistoryEvent.class.isAssignableFrom(HistoricVariableUpdateEventEntity.class)).isTrue();
    // the gateway and activity trims skip both events of an activity instance: insertOrUpdate must still merge an
    // end event (not fail on a row it never inserted), and the event must still say its activity's type
    assertThat(CamundaBytecode.uses(handler, "insertOrUpdate", "merge"))
        .as("DbHistoryEventHandler no longer merges an activity's end event: check HistoryTrim's activity trims")
        .isTrue();
    assertThat(org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity.class
        .getMethod("getActivityType").getReturnType()).isEqualTo(String.class);
    assertThat(CamundaBytecode.uses(CamundaBytecode.of(ProcessEngineConfigurationImpl.class),
        "initHistoryEventHandler", "enableDefaultDbHistoryEventHandler"))
        .as("Camunda no longer honours enableDefaultDbHistoryEventHandler=false: with HistoryTrim's handler "
            + "every history row would be written twice").isTrue();
  }

  // ---- NoRetryFailures ---------------------------------------------------------------------------------------

  @Test
  void camundasRetryCommandStillLeavesTheRetriesToTheMethodNoRetryFailuresOverrides() throws Exception {
    assertThat(DefaultJobRetryCmd.class.getSuperclass().getDeclaredMethod("decrementRetries", JobEntity.class))
        .isNotNull();
    JavaClass retry = CamundaBytecode.of(DefaultJobRetryCmd.class);
    assertThat(CamundaBytecode.uses(retry, "executeStandardStrategy", "decrementRetries")
        && CamundaBytecode.uses(retry, "executeCustomStrategy", "decrementRetries"))
        .as("DefaultJobRetryCmd sets the retries some other way now: NoRetryFailures.NoRetryCmd would no longer "
            + "turn a FailsAtOnce failure into an incident at once").isTrue();
    List<String> users = CamundaBytecode.engine().stream().filter(c -> !c.isAssignableTo(
            ProcessEngineConfigurationImpl.class))
        .filter(c -> c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName().equals(
            "getFailedJobCommandFactory")))
        .map(JavaClass::getSimpleName).toList();
    assertThat(users).as("nothing in Camunda asks the configuration's failed-job command factory any more: "
        + "NoRetryFailures replaces a factory nobody uses").isNotEmpty();
  }

  // ---- CommandExceptionLogging (its log levels: CommandExceptionLoggingTest) ---------------------------------

  @Test
  void camundaStillDecidesTheLevelOfAFailedCommandInShouldLogFine() throws Exception {
    Method fine = CommandContext.class.getDeclaredMethod("shouldLogFine", Throwable.class);
    assertThat(Modifier.isProtected(fine.getModifiers()) || Modifier.isPublic(fine.getModifiers())).isTrue();
    JavaClass context = CamundaBytecode.of(CommandContext.class);
    assertThat(context.getCodeUnits().stream().filter(u -> !u.getName().equals("shouldLogFine"))
        .anyMatch(u -> u.getMethodCallsFromSelf().stream().anyMatch(c -> c.getName().equals("shouldLogFine"))))
        .as("CommandContext no longer asks shouldLogFine: CommandExceptionLogging quiets nothing; find Camunda's new "
            + "hook (or drop the plugin if Camunda logs user errors quietly itself)").isTrue();
  }

  // ---- DerivedStatus -----------------------------------------------------------------------------------------

  @Test
  void camundaStillReportsEveryActivityEnteredAndLeftWhateverListenersASkipOmits() {
    JavaClass producer = CamundaBytecode.of(DefaultHistoryEventProducer.class);
    assertThat(CamundaBytecode.uses(producer, "createActivityInstanceStartEvt", "newActivityInstanceEventEntity")
        && CamundaBytecode.uses(producer, "createActivityInstanceEndEvt", "loadActivityInstanceEventEntity"))
        .as("Camunda produces activity start/end history differently: check that DerivedStatus still receives a "
            + HistoricActivityInstanceEventEntity.class.getSimpleName() + " for every element").isTrue();
    // the history listeners are built-in: a modification with skipCustomListeners skips the custom ones only
    List<String> added = CamundaBytecode.of(HistoryParseListener.class).getMethodCallsFromSelf().stream()
        .map(c -> c.getName()).filter(n -> n.startsWith("add") && n.contains("Listener")).distinct().sorted().toList();
    assertThat(added).as("Camunda's history parse listener adds its listeners").isNotEmpty()
        .as("Camunda's history listeners are no longer all built-in: a Cockpit modification with "
            + "skipCustomListeners would skip them and DerivedStatus would miss a status")
        .allMatch(n -> n.contains("BuiltIn"));
  }

  // ---- TasklistFilters ---------------------------------------------------------------------------------------

  @Test
  void aStoredFiltersOrderStillComesBeforeTheSortingTasklistSends() {
    TaskQueryImpl stored = (TaskQueryImpl) new TaskQueryImpl().orderByTaskPriority().desc().orderByDueDate().asc();
    TaskQueryImpl tasklists = (TaskQueryImpl) new TaskQueryImpl().orderByTaskCreateTime().desc();
    TaskQueryImpl extended = (TaskQueryImpl) stored.extend(tasklists);
    assertThat(extended.getOrderingProperties().stream().map(EngineWorkaroundGuardTest::ordering).toList())
        .as("TaskQueryImpl.extend no longer puts the stored filter's ordering first: Tasklist's 'Created' sorting "
            + "now decides, and TasklistFilters' descriptions (and the README) are wrong")
        .containsExactly("priority desc", "dueDate asc", "createTime desc");
  }

  private static String ordering(QueryOrderingProperty p) {
    return p.getQueryProperty().getName().replace("RES.", "").toLowerCase().replace("_", "")
        .replace("duedate", "dueDate").replace("createtime", "createTime") + " " + p.getDirection().getName();
  }

  // ---- QueryExpressions --------------------------------------------------------------------------------------

  @Test
  void camundaStillValidatesOnlyTheTopLevelOfAnAdHocTaskQuery() {
    TaskQueryImpl query = new TaskQueryImpl();
    query.taskName("review").or().taskAssigneeExpression("${someBean.run()}").endOr();
    assertThat(query.getExpressions()).as("the top level carries no expression").isEmpty();
    assertThat(query.getQueries()).as("TaskQueryImpl.getQueries(): the query itself, then its or-queries")
        .hasSize(2).first().isSameAs(query);
    assertThat(query.getQueries().get(1).getExpressions()).containsKey("taskAssignee");

    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    Context.setProcessEngineConfiguration(configuration);
    try {
      AdhocQueryValidator.get().validate(query);
    } catch (RuntimeException refused) {
      throw new AssertionError("Camunda now refuses expressions inside or-queries itself ("
          + refused.getMessage() + "): QueryExpressions.refuseAny may be obsolete for ad-hoc queries", refused);
    } finally {
      Context.removeProcessEngineConfiguration();
    }
    org.junit.jupiter.api.Assertions.assertThrows(org.camunda.bpm.engine.BadUserRequestException.class,
        () -> QueryExpressions.refuseAny(query), "QueryExpressions finds the or-query's expression");
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private static String pinnedFeelEngine() throws Exception {
    Matcher m = Pattern.compile("<artifactId>feel-engine</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).as("pom.xml pins org.camunda.feel:feel-engine").isTrue();
    return m.group(1).trim();
  }

  private static String runningFeelEngine() throws Exception {
    Path jar = Path.of(FeelEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile file = new JarFile(jar.toFile())) {
      Properties pom = new Properties();
      try (InputStream in = file.getInputStream(
          file.getEntry("META-INF/maven/org.camunda.feel/feel-engine/pom.properties"))) {
        pom.load(in);
      }
      return pom.getProperty("version");
    }
  }

  /** The feel-engine version Camunda's build manages ({@code version.feel-scala} of camunda-root, next to the jar). */
  private static String camundasFeelEngine() throws Exception {
    Path engineJar = Path.of(ProcessEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String version = engineJar.getParent().getFileName().toString();
    Path root = engineJar.getParent().getParent().getParent()
        .resolve("camunda-root").resolve(version).resolve("camunda-root-" + version + ".pom");
    assertThat(root).as("Camunda's root POM in the local Maven repository (it manages feel-engine)").exists();
    Matcher m = Pattern.compile("<version\\.feel-scala>([^<]+)</version\\.feel-scala>").matcher(Files.readString(root));
    assertThat(m.find()).as("camunda-root %s declares version.feel-scala", version).isTrue();
    return m.group(1).trim();
  }

  /** Compares dotted versions numerically (1.19.10 after 1.19.5); a qualifier counts as older. */
  static int compare(String a, String b) {
    int[] x = numbers(a);
    int[] y = numbers(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(!a.contains("-"), !b.contains("-"));
  }

  private static int[] numbers(String version) {
    return Arrays.stream(version.split("-")[0].split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  private static Document resource(String name) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    try (InputStream in = Objects.requireNonNull(EngineWorkaroundGuardTest.class.getClassLoader()
        .getResourceAsStream(name), name)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static Element select(Document mapping, String id) {
    NodeList selects = mapping.getElementsByTagName("select");
    for (int i = 0; i < selects.getLength(); i++) {
      Element select = (Element) selects.item(i);
      if (id.equals(select.getAttribute("id"))) {
        return select;
      }
    }
    return null;
  }
}
