package com.peakcare.engine;

import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * History that ages out (issue 27, docs/retention.md). The retention table ({@code peakcare.retention.history}: process
 * key → ISO period of whole days) decides how long each process's history is kept, not the numbers in the models:
 * <ul>
 *   <li>a parse listener sets each listed process's {@code historyTimeToLive} as it is deployed, whatever the model
 *       says (the models carry the same value, so that Modeler shows it; {@code RetentionTableTest} holds them
 *       equal);</li>
 *   <li>at start, every definition already deployed whose time-to-live differs from the table is updated (Camunda
 *       keeps a definition's time-to-live in ACT_RE_PROCDEF, read back instead of the model on a restart);</li>
 *   <li>history gets a removal time when its process instance ends ({@code historyRemovalTimeStrategy=end}, so a
 *       running case's history never has one) and the cleanup removes what is past it
 *       ({@code historyCleanupStrategy=removalTimeBased});</li>
 *   <li>the cleanup runs by itself every night in a window given in shop time ({@code peakcare.retention.window-start},
 *       {@code window-end}, zone {@code peakcare.retention.time-zone}), passed to Camunda with the zone's offset
 *       ({@code "01:00+0800"}), so the window does not move with the server's own zone.</li>
 * </ul>
 * Guarded by {@code HistoryRetentionTest} (the table wins, the window is the shop's, cleanup removes an ended case's
 * history after its time-to-live and never a running one's).
 */
@Component
class HistoryRetention extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);
  private static final DateTimeFormatter CAMUNDA_TIME = DateTimeFormatter.ofPattern("HH:mmxx");

  private final Map<String, Integer> days;
  private final String windowStart;
  private final String windowEnd;

  HistoryRetention(Environment environment) {
    Binder binder = Binder.get(environment);
    this.days = timeToLives(binder.bind("peakcare.retention.history", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()));
    ZoneId zone = ZoneId.of(binder.bind("peakcare.retention.time-zone", String.class).orElse("Asia/Shanghai"));
    this.windowStart = shopTime(binder.bind("peakcare.retention.window-start", String.class).orElse("01:00"), zone);
    this.windowEnd = shopTime(binder.bind("peakcare.retention.window-end", String.class).orElse("05:00"), zone);
  }

  /** The table as whole days per process key; a period that is not whole days fails the start. */
  static Map<String, Integer> timeToLives(Map<String, String> table) {
    Map<String, Integer> days = new TreeMap<>();
    table.forEach((key, value) -> {
      Period period = Period.parse(value.trim());
      if (period.getYears() != 0 || period.getMonths() != 0 || period.getDays() < 0) {
        throw new IllegalStateException("peakcare.retention.history." + key + ": " + value
            + " must be whole days (P180D), as Camunda's historyTimeToLive");
      }
      days.put(key, period.getDays());
    });
    return days;
  }

  /** A shop-time "HH:mm" as Camunda's "HH:mm+hhmm", with the zone's offset now (the shop's zone has no DST). */
  static String shopTime(String time, ZoneId zone) {
    LocalTime local = LocalTime.parse(time.trim());
    return local.atOffset(zone.getRules().getOffset(java.time.Instant.now())).format(CAMUNDA_TIME);
  }

  Map<String, Integer> timeToLives() {
    return days;
  }

  String windowStart() {
    return windowStart;
  }

  String windowEnd() {
    return windowEnd;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
    configuration.setHistoryCleanupStrategy(ProcessEngineConfigurationImpl.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
    configuration.setHistoryCleanupBatchWindowStartTime(windowStart);
    configuration.setHistoryCleanupBatchWindowEndTime(windowEnd);
    // the largest batch Camunda allows: fewer round trips per night (docs/retention.md has the measured rate)
    configuration.setHistoryCleanupBatchSize(500);
    java.util.List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new java.util.ArrayList<>() : new java.util.ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new TableTimeToLive());
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    applyToDeployed(engine.getRepositoryService());
  }

  /** Every deployed definition of a listed process gets the table's time-to-live; returns how many changed. */
  int applyToDeployed(RepositoryService repository) {
    int changed = 0;
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      Integer table = days.get(definition.getKey());
      if (table != null && !Objects.equals(table, definition.getHistoryTimeToLive())) {
        repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), table);
        LOG.info("history time-to-live of {} v{} set to {} days by the retention table (was {})", definition.getKey(),
            definition.getVersion(), table, definition.getHistoryTimeToLive());
        changed++;
      }
    }
    return changed;
  }

  /** Sets a deployed process's time-to-live from the table, after the model's own was read. */
  private final class TableTimeToLive extends AbstractBpmnParseListener {
    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      Integer table = days.get(processDefinition.getKey());
      if (table != null) {
        processDefinition.setHistoryTimeToLive(table);
      }
    }
  }
}
