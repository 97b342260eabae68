package com.peakcare.returns;


import com.fasterxml.jackson.databind.JsonNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, Chinese staff work in Chinese: agent1 in a Chinese browser (in Los Angeles, far from the shop) opens
 * {@code /}, lands on Tasklist, logs in, opens a return review and the start-process dialog. No English frame text
 * on the way; dates in the shop's time zone; Escape in the start form's date picker keeps the typed form.
 */
@PeakCareTest
class ChineseTasklistBrowserTest {

  /** Camunda 7.24's English frame texts, as staff saw them before (PeakCare's own labels are bilingual). */
  private static final Pattern ENGLISH_FRAME = Pattern.compile(String.join("|",
      "\\bUsername\\b", "\\bPassword\\b", "\\bLog in\\b", "Keyboard Shortcuts", "Create task", "Start process",
      "\\bClaim\\b", "\\bSave\\b", "\\bComplete\\b", "\\bHistory\\b", "\\bDiagram\\b", "\\bDescription\\b",
      "\\bCreated\\b", "Filter Tasks", "\\bDue\\b", "\\bago\\b", "\\bin a day\\b", "a few seconds",
      "\\b(January|February|March|April|May|June|July|August|September|October|November|December)\\b",
      "\\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\\b", "Select a task in the list", "Date and Time displayed",
      "local timezone", "\\bUTC\\b(?!\\+)", "Click on the process to start", "Search by process name"));

  @LocalServerPort int port;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired TaskService tasks;

  @Test
  void agent1WorksInChineseWithShopTimesAndEscapeKeepsTheStartForm() throws Exception {
    String returnNo = shop.open(ReturnRequests.withAssignee(ReturnRequests.aReturnForReview(), "agent1"), "shop1")
        .view().returnNo();
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(returnNo)
        .taskDefinitionKey(ReturnCaseProcess.Elements.TASK_REVIEW).singleResult();

    JsonNode seen = RequestFingerprint.JSON.readTree(BrowserScenario.run(port, "chinese-frame"));

    // every finding at once: on an English frame the test lists all it saw
    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(seen.path("landed").asText()).as("/ lands on Tasklist")
          .isEqualTo("/camunda/app/tasklist/default/");
      List<String> english = new ArrayList<>();
      seen.path("texts").fields().forEachRemaining(page -> {
        var matcher = ENGLISH_FRAME.matcher(page.getValue().asText());
        while (matcher.find()) {
          english.add(page.getKey() + ": \"" + matcher.group() + "\"");
        }
      });
      soft.assertThat(english)
          .as("English frame texts on the login page, the filter list, the task and the start dialog").isEmpty();
      soft.assertThat(seen.path("texts").path("login").asText()).contains("用户名", "密码", "登录");
      soft.assertThat(seen.path("texts").path("task").asText())
          .contains("表单", "历史", "流程图", "说明", "保存", "完成");
      soft.assertThat(seen.path("texts").path("datePicker").asText()).contains("十一月", "周一", "周日");
      seen.path("relativeTimes")
          .forEach(t -> soft.assertThat(t.asText()).as("a relative time").matches(".*(前|后)$"));

      String due = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .format(review.getDueDate().toInstant().atZone(ZoneId.of("Asia/Shanghai")));
      soft.assertThat(textsOf(seen.path("dueTooltips")))
          .as("the review's due date in Shanghai time, the browser being in Los Angeles").contains(due);
      soft.assertThat(seen.path("footer").asText()).contains("Asia/Shanghai (UTC+08:00)");

      soft.assertThat(seen.path("modalOpenAfterEscape").asBoolean()).as("the start dialog survives Escape")
          .isTrue();
      soft.assertThat(seen.path("calendarOpenAfterEscape").asBoolean()).as("Escape closed the date picker")
          .isFalse();
      soft.assertThat(seen.path("typedAfterEscape").asText()).as("what agent1 typed is still there")
          .isEqualTo(seen.path("typed").asText());
      soft.assertThat(seen.path("requiredError").asText()).as("Camunda Forms' own validation message, Chinese first")
          .isEqualTo("必填 · Field is required.");
      soft.assertThat(seen.path("selectPlaceholder").asText()).as("an empty dropdown").isEqualTo("请选择 · Select");
    });
  }

  private static List<String> textsOf(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
