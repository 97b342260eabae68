package com.peakcare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the constants the Java code names a model by hold against the models themselves. Each backing class
 * ({@code *Process}) names its BPMN's process id, every element id in {@code Elements} and every message; every task of
 * the model has its constant (so a step added in Modeler is seen by the code's tests); every form a task or start
 * event refers to exists in forms/ under that id. A renamed element or message fails here by name, not at run time.
 */
class ModelConstantsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(classes = {com.peakcare.returns.ReturnCaseProcess.class, com.peakcare.returns.RefundCareProcess.class,
      com.peakcare.notice.NoticeDeliveryProcess.class, com.peakcare.campaign.CampaignCheckProcess.class,
      com.peakcare.briefing.CampaignBriefingProcess.class, com.peakcare.returns.LogisticsDelayBroadcastProcess.class,
      com.peakcare.review.ReviewCycleProcess.class, com.peakcare.review.SeriousReviewProcess.class,
      com.peakcare.complaint.ComplaintProcess.class,
      com.peakcare.reminder.PaymentReminderCallProcess.class,
      com.peakcare.survey.ReturnSurveyProcess.class})
  void theBackingClassNamesWhatItsModelHas(Class<?> backing) throws Exception {
    String key = (String) backing.getField("KEY").get(null);
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/" + key + ".bpmn"));
    assertThat(model.getModelElementsByType(Process.class)).extracting(Process::getId).contains(key);

    Set<String> ids = model.getModelElementsByType(BaseElement.class).stream().map(BaseElement::getId)
        .filter(id -> id != null).collect(Collectors.toSet());
    Set<String> elementConstants = constants(nested(backing, "Elements"));
    assertThat(elementConstants).as("Elements of " + backing.getSimpleName() + " missing from " + key + ".bpmn")
        .isSubsetOf(ids);
    Set<String> tasks = model.getModelElementsByType(Task.class).stream().map(Task::getId)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(tasks).as("tasks of " + key + ".bpmn without a constant in " + backing.getSimpleName() + ".Elements")
        .isSubsetOf(elementConstants);

    // a message may be thrown in one model and caught in another: each must exist in some model
    Set<String> messages = new TreeSet<>();
    try (var files = Files.list(Path.of("processes"))) {
      for (Path bpmn : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Bpmn.readModelFromFile(bpmn.toFile()).getModelElementsByType(Message.class)
            .forEach(m -> messages.add(m.getName()));
      }
    }
    Set<String> messageConstants = new TreeSet<>();
    for (Field f : backing.getFields()) {
      if (f.getName().startsWith("MESSAGE_") && f.getType() == String.class) {
        messageConstants.add((String) f.get(null));
      }
    }
    Class<?> nestedMessages = nested(backing, "Messages");
    if (nestedMessages != null) {
      messageConstants.addAll(constants(nestedMessages));
    }
    assertThat(messageConstants).as("messages of " + backing.getSimpleName() + " missing from processes/")
        .isSubsetOf(messages);
  }

  @Test
  void everyFormAModelRefersToExistsUnderThatId() throws Exception {
    List<String> problems = new ArrayList<>();
    try (var files = Files.list(Path.of("processes"))) {
      for (Path bpmn : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(bpmn.toFile());
        for (BaseElement e : model.getModelElementsByType(BaseElement.class)) {
          String ref = e.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
          if (ref == null) {
            continue;
          }
          Path form = Path.of("forms", ref + ".form");
          if (!Files.exists(form)) {
            problems.add(bpmn.getFileName() + " " + e.getId() + ": no " + form);
          } else if (!ref.equals(JSON.readTree(form.toFile()).path("id").asText())) {
            problems.add(form + ": its id is not " + ref);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Class<?> nested(Class<?> backing, String name) {
    for (Class<?> c : backing.getClasses()) {
      if (c.getSimpleName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static Set<String> constants(Class<?> holder) throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    if (holder == null) {
      return values;
    }
    for (Field f : holder.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == String.class) {
        values.add((String) f.get(null));
      }
    }
    return values;
  }
}
